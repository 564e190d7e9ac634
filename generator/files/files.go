// Package files writes generated outputs safely: all files of a run are
// written after the whole run succeeded and through a journal, so that a
// crash leaves the old set or the new one (journal.go); unchanged files are
// left alone; and only files asyncgen wrote are replaced or removed
// (owner.go). It also reads input files without blocking on special files
// or reading past a size limit (read.go).
package files

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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

// plan is what a write changes.
type plan struct {
	report  Report
	changed []File
	remove  []string
}

// Plan compares files with the disk. Directories in owned are output
// directories: each gets a manifest (ManifestName) among the outputs, and
// files there that asyncgen wrote and no longer produces are stale. It
// refuses (error) to replace a file asyncgen did not write, and to judge
// outputs that an interrupted run left half-written.
func Plan(out []File, owned []string) (Report, []File, error) {
	if j := pendingJournal(owned); j != "" {
		return Report{}, nil, fmt.Errorf("an interrupted asyncgen run left its outputs half-written (%s); run asyncgen generate to complete it", j)
	}
	p, err := makePlan(out, owned)
	if err != nil {
		return Report{}, nil, err
	}
	return p.report, p.changed, nil
}

// Write recovers from an interrupted earlier run (Recover), plans, and
// writes the changes through the journal in the first output directory.
// On an error before the journal's commit nothing is replaced; after it,
// the next run completes the write.
func Write(out []File, owned []string) (Report, error) {
	if err := Recover(owned); err != nil {
		return Report{}, err
	}
	p, err := makePlan(out, owned)
	if err != nil {
		return Report{}, err
	}
	if len(p.changed) == 0 && len(p.remove) == 0 {
		return p.report, nil
	}
	// The journal lives in the first output directory (changes outside
	// every output directory, if any, have it beside the first of them).
	var dir string
	if dirs := uniqueDirs(owned); len(dirs) > 0 {
		dir = dirs[0]
	} else {
		dir = filepath.Dir(p.changed[0].Path)
	}
	return p.report, apply(dir, p)
}

func makePlan(out []File, owned []string) (*plan, error) {
	dirs := uniqueDirs(owned)
	out = append(append([]File(nil), out...), manifestFiles(out, dirs)...)
	manifests := map[string]manifest{}
	for _, dir := range dirs {
		m, err := readManifest(dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		manifests[dir] = m
	}
	p := &plan{}
	var refused []string
	want := map[string]bool{}
	for _, f := range out {
		want[filepath.Clean(f.Path)] = true
		old, err := ReadHead(f.Path, max(int64(len(f.Content))+1, headLen))
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		case bytes.Equal(old, f.Content):
			p.report.Unchanged = append(p.report.Unchanged, f.Path)
			continue
		default:
			m := manifests[filepath.Dir(f.Path)]
			if why := refusal(old, m.names[filepath.Base(f.Path)]); why != "" {
				refused = append(refused, f.Path+": "+why)
				continue
			}
		}
		p.report.Written = append(p.report.Written, f.Path)
		p.changed = append(p.changed, f)
	}
	if len(refused) > 0 {
		sort.Strings(refused)
		return nil, fmt.Errorf("refusing to overwrite files asyncgen did not write:\n  %s", strings.Join(refused, "\n  "))
	}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			p2 := filepath.Join(dir, e.Name())
			if !e.Type().IsRegular() || want[p2] || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			content, err := ReadHead(p2, headLen)
			if err == nil && removable(e.Name(), content, manifests[dir]) {
				p.report.Removed = append(p.report.Removed, p2)
				p.remove = append(p.remove, p2)
			}
		}
	}
	return p, nil
}
