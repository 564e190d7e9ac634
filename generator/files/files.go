// Package files writes generated outputs safely: all files of a run are
// written atomically (temp file + rename) after the whole run succeeded,
// unchanged files are left alone, and a file without the generated header
// is never overwritten or removed.
package files

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// File is one generated output.
type File struct {
	// Path is absolute.
	Path    string
	Content []byte
}

// Report says what a write did (or, in check mode, would do).
type Report struct {
	Written   []string
	Unchanged []string
	Removed   []string
}

// Stale lists every path that differs from what would be generated.
func (r Report) Stale() []string {
	out := append(append([]string(nil), r.Written...), r.Removed...)
	sort.Strings(out)
	return out
}

// generatedHeader matches Go's convention for generated files, in the
// comment syntax of Go, SQL and YAML.
var generatedHeader = regexp.MustCompile(`(?m)^(//|--|#) Code generated .* DO NOT EDIT\.$`)

// IsGenerated reports whether content carries the generated header in its
// first lines.
func IsGenerated(content []byte) bool {
	head := content
	if len(head) > 2048 {
		head = head[:2048]
	}
	return generatedHeader.Match(head)
}

// Plan compares files with the disk. Directories in owned are output
// directories: generated files there that are no longer produced are stale.
// It refuses (error) to replace or remove a file that lacks the header.
func Plan(out []File, owned []string) (Report, []File, error) {
	var r Report
	var changed []File
	var refused []string
	want := map[string]bool{}
	for _, f := range out {
		want[filepath.Clean(f.Path)] = true
		old, err := os.ReadFile(f.Path)
		switch {
		case err == nil && bytes.Equal(old, f.Content):
			r.Unchanged = append(r.Unchanged, f.Path)
			continue
		case err == nil && !IsGenerated(old):
			refused = append(refused, f.Path)
			continue
		case err != nil && !os.IsNotExist(err):
			return r, nil, err
		}
		r.Written = append(r.Written, f.Path)
		changed = append(changed, f)
	}
	for _, dir := range owned {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			if e.IsDir() || want[p] || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			content, err := os.ReadFile(p)
			if err == nil && IsGenerated(content) && ownedExt(p) {
				r.Removed = append(r.Removed, p)
			}
		}
	}
	if len(refused) > 0 {
		sort.Strings(refused)
		return r, nil, fmt.Errorf("refusing to overwrite files that lack the \"Code generated … DO NOT EDIT.\" header (hand-written?): %s", strings.Join(refused, ", "))
	}
	return r, changed, nil
}

func ownedExt(p string) bool {
	switch filepath.Ext(p) {
	case ".go", ".sql":
		return true
	}
	return false
}

// Write plans and then writes: every changed file goes to a temp file in
// its directory first; only when all temp files exist are they renamed into
// place and stale generated files removed. On error nothing is replaced.
func Write(out []File, owned []string) (Report, error) {
	r, changed, err := Plan(out, owned)
	if err != nil {
		return r, err
	}
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, f := range changed {
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
			cleanup()
			return r, err
		}
		tmp, err := os.CreateTemp(filepath.Dir(f.Path), "."+filepath.Base(f.Path)+".tmp*")
		if err != nil {
			cleanup()
			return r, err
		}
		temps = append(temps, tmp.Name())
		if _, err := tmp.Write(f.Content); err != nil {
			tmp.Close()
			cleanup()
			return r, err
		}
		if err := tmp.Chmod(0o644); err != nil {
			tmp.Close()
			cleanup()
			return r, err
		}
		if err := tmp.Close(); err != nil {
			cleanup()
			return r, err
		}
	}
	for i, f := range changed {
		if err := os.Rename(temps[i], f.Path); err != nil {
			cleanup()
			return r, err
		}
	}
	for _, p := range r.Removed {
		if err := os.Remove(p); err != nil {
			return r, err
		}
	}
	return r, nil
}
