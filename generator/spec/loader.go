// Package spec reads AsyncAPI 2.x documents and the fragments they
// reference: it finds documents, resolves $refs with positions, checks the
// structure of every AsyncAPI object and applies traits.
package spec

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/source"
)

// Rule ids reported while loading.
const (
	RuleIO              = "spec/io"
	RuleAsyncAPIVersion = "spec/asyncapi-version"
	RuleRefMissing      = "spec/ref-missing"
	RuleRefOutsideRoot  = "spec/ref-outside-root"
	RuleRefRemote       = "spec/ref-remote"
	RuleRefCycle        = "spec/ref-cycle"
	RuleRefInvalid      = "spec/ref-invalid"
	RuleNoDocuments     = "spec/no-documents"
)

// Loader reads files below a contracts root, each once.
type Loader struct {
	// Root is the absolute contracts root no $ref may leave.
	Root string
	// Cwd is the absolute directory display paths are relative to.
	Cwd string
	// MaxNodes bounds the expanded size of one file (0: default).
	MaxNodes int
	// MaxFileSize bounds the bytes of one file (0: files.DefaultMaxFileSize).
	MaxFileSize int64
	// MaxTokens bounds the YAML tokens of one file (0: source.DefaultMaxTokens).
	MaxTokens int
	// ParseGCPercent, when positive, is the GOGC used while Preload parses
	// (a process-wide setting, so only a command sets it, never a library
	// caller by default; it is left alone when GOGC was tuned already).
	ParseGCPercent int

	// realRoot is Root with symbolic links resolved: what a file must
	// resolve inside.
	realRoot string
	files    map[string]*source.File
	cycles   map[string]bool
	derefs   map[string]derefResult
	// referenced records the files some $ref has read.
	referenced map[string]bool
	stats      map[string]statResult
	Diags      diag.List
}

// NewLoader returns a loader for root; paths are shown relative to cwd.
func NewLoader(root, cwd string) *Loader {
	l := &Loader{Root: filepath.Clean(root), Cwd: filepath.Clean(cwd), files: map[string]*source.File{}}
	l.realRoot = l.Root
	if real, err := filepath.EvalSymlinks(l.Root); err == nil {
		l.realRoot = real
	}
	return l
}

// Display returns the path users see for an absolute path.
func (l *Loader) Display(abs string) string { return location.Display(l.Cwd, abs) }

// File parses abs on first use. It returns nil when the file cannot be read
// or parsed; the reason is in Diags.
func (l *Loader) File(abs string) *source.File {
	if f, ok := l.files[abs]; ok {
		if f.Root == nil {
			return nil
		}
		return f
	}
	f, ds := l.parse(abs)
	l.Diags = append(l.Diags, ds...)
	l.files[abs] = f
	if f.Root == nil {
		return nil
	}
	return f
}

// parse reads and parses one file. It only reads the loader's settings, so
// Preload can run it on several files at once.
func (l *Loader) parse(abs string) (*source.File, diag.List) {
	var ds diag.List
	at := location.Pos{File: l.Display(abs)}
	if real := l.escapes(abs); real != "" {
		ds.Add(at, diag.Error, RuleRefOutsideRoot, fmt.Sprintf("the file resolves through a symbolic link to %s, outside the contracts root %s/; asyncgen reads nothing outside the root", l.Display(real), l.Display(l.Root)))
		return &source.File{Path: at.File}, ds
	}
	data, err := files.ReadFile(abs, l.MaxFileSize)
	if err != nil {
		var big *files.TooLargeError
		if errors.As(err, &big) {
			ds.Add(at, diag.Error, source.RuleInputLimit, fmt.Sprintf("%v (limits.max_file_size in asyncgen.yaml)", err))
		} else {
			ds.Add(at, diag.Error, RuleIO, fmt.Sprintf("cannot read file: %v", unwrapPathError(err)))
		}
		return &source.File{Path: at.File}, ds
	}
	return source.ParseLimited(at.File, data, source.Limits{MaxNodes: l.MaxNodes, MaxTokens: l.MaxTokens})
}

// escapes returns where abs really is when its path lies inside the root
// but a symbolic link on the way takes it outside; else "". (A file whose
// path lies outside the root was named on the command line: $refs that
// leave the root are refused before they are read.)
func (l *Loader) escapes(abs string) string {
	if !l.Inside(abs) {
		return ""
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil || location.Inside(l.realRoot, real) {
		return "" // a read error is reported by the read
	}
	return real
}

// Preload parses the files not loaded yet on all CPUs, so that File finds
// them ready. Parsing YAML is most of the cost of loading a large tree, and
// the files are independent. Diagnostics are kept in the order of files, as
// if File had been called on each in turn.
func (l *Loader) Preload(files []string) {
	var todo []string
	seen := map[string]bool{}
	for _, abs := range files {
		if _, ok := l.files[abs]; !ok && !seen[abs] {
			seen[abs] = true
			todo = append(todo, abs)
		}
	}
	type parsed struct {
		f  *source.File
		ds diag.List
	}
	out := make([]parsed, len(todo))
	// The YAML parser allocates about 100 bytes of short-lived garbage per
	// input byte while the parsed trees stay small, so collecting at the
	// default heap growth mostly rescans the same trees: let the heap grow
	// further while parsing (the peak stays below lint's), unless the user
	// tuned GOGC already.
	if l.ParseGCPercent > 0 {
		if prev := debug.SetGCPercent(l.ParseGCPercent); prev != 100 {
			debug.SetGCPercent(prev)
		} else {
			defer debug.SetGCPercent(prev)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(todo))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(todo) {
					return
				}
				out[i].f, out[i].ds = l.parse(todo[i])
			}
		}()
	}
	wg.Wait()
	for i, abs := range todo {
		l.files[abs] = out[i].f
		l.Diags = append(l.Diags, out[i].ds...)
	}
}

// Abs returns the absolute path of a loaded file by its display path.
func (l *Loader) Abs(display string) string {
	for abs, f := range l.files {
		if f.Path == display {
			return abs
		}
	}
	return ""
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// Inside reports whether abs lies within the contracts root.
func (l *Loader) Inside(abs string) bool { return location.Inside(l.Root, abs) }

// ContractFiles lists the .yaml, .yml and .json files under the given paths
// (files or directories), sorted, skipping asyncgen.yaml config files and
// hidden directories.
func ContractFiles(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		st, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		if !st.IsDir() {
			add(abs)
			continue
		}
		// The trailing separator makes WalkDir follow a directory given
		// as a symbolic link (contracts -> ../api/contracts); links found
		// inside are not followed into directories, and files they lead to
		// are checked against the contracts root when read.
		err = filepath.WalkDir(abs+string(filepath.Separator), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if filepath.Clean(path) != abs && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if isContractName(d.Name()) {
				add(path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

func isContractName(name string) bool {
	if name == "asyncgen.yaml" || name == "asyncgen.yml" {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// Referenced reports whether some $ref has read the file at abs.
func (l *Loader) Referenced(abs string) bool { return l.referenced[abs] }

// Files returns every successfully parsed file by absolute path.
func (l *Loader) Files() map[string]*source.File {
	out := make(map[string]*source.File, len(l.files))
	for abs, f := range l.files {
		if f.Root != nil {
			out[abs] = f
		}
	}
	return out
}
