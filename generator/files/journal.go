package files

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// A run replaces several files, in up to two directories; POSIX renames
// one file at a time. So that a crash at any point leaves either the old
// set or the new one, a write goes through a journal (a redo log):
//
//  1. every changed file is staged beside its target as .NAME.asyncgen-new
//     and flushed to disk;
//  2. the journal, listing every rename and removal, is written to
//     .asyncgen-journal.tmp, flushed and renamed to .asyncgen-journal in the
//     first output directory: that rename is the commit;
//  3. the renames and removals are applied, then the journal is deleted.
//
// The next run (Write, or Recover) first completes a committed journal and
// deletes what an uncommitted run left behind (staged files, a journal that
// was never renamed, and the .NAME.tmpNNN files older versions leaked).
// A crash before the commit therefore leaves the old set, one after it the
// new set once the next run has started; generate --check refuses to judge
// a tree whose journal is still pending.

const (
	journalName  = ".asyncgen-journal"
	journalTemp  = journalName + ".tmp"
	stagedSuffix = ".asyncgen-new"
)

// journal is the redo log of one write. Paths are relative to the
// directory that holds the journal.
type journal struct {
	Version int `json:"version"`
	// Rename lists [staged, target] pairs.
	Rename [][2]string `json:"rename"`
	Remove []string    `json:"remove"`
}

// crashAt, when set by a test, is asked before every step of a write; true
// stops the write right there, without any cleanup, as a kill would.
var crashAt func(step string) bool

// errCrash is returned by a write that crashAt stopped.
var errCrash = errors.New("simulated crash")

func crash(step string, path string) bool {
	return crashAt != nil && crashAt(step+" "+filepath.Base(path))
}

// stagedPath is where the new content of target waits for the commit.
func stagedPath(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+stagedSuffix)
}

// apply writes the plan through the journal kept in dir.
func apply(dir string, p *plan) error {
	var j journal
	j.Version = 1
	var staged []string
	rollback := func() {
		for _, s := range staged {
			os.Remove(s)
		}
	}
	for _, f := range p.changed {
		if crash("stage", f.Path) {
			return errCrash
		}
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
			rollback()
			return err
		}
		s := stagedPath(f.Path)
		staged = append(staged, s)
		if err := writeFile(s, f.Content, func() bool { return crash("write", f.Path) }); err != nil {
			if err != errCrash {
				rollback()
			}
			return err
		}
		j.Rename = append(j.Rename, [2]string{rel(dir, s), rel(dir, f.Path)})
	}
	if err := syncFiles(staged); err != nil {
		rollback()
		return err
	}
	for _, r := range p.remove {
		j.Remove = append(j.Remove, rel(dir, r))
	}
	data, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		rollback()
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		rollback()
		return err
	}
	tmp := filepath.Join(dir, journalTemp)
	if crash("journal", tmp) {
		return errCrash
	}
	if err := writeSynced(tmp, data, nil); err != nil {
		rollback()
		os.Remove(tmp)
		return err
	}
	if crash("commit", tmp) {
		return errCrash
	}
	if err := os.Rename(tmp, filepath.Join(dir, journalName)); err != nil {
		rollback()
		os.Remove(tmp)
		return err
	}
	if err := syncDir(dir); err != nil {
		return err // committed: the next run completes it
	}
	return complete(dir, j)
}

// complete applies a committed journal kept in dir and deletes it. Every
// step can be repeated: a staged file that is gone was renamed already, a
// file to remove that is gone was removed.
func complete(dir string, j journal) error {
	at := func(r string) string {
		if filepath.IsAbs(r) {
			return r
		}
		return filepath.Join(dir, r)
	}
	touched := map[string]bool{dir: true}
	for _, r := range j.Rename {
		staged, target := at(r[0]), at(r[1])
		if crash("rename", target) {
			return errCrash
		}
		if err := os.Rename(staged, target); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("completing the write: %w", err)
		}
		touched[filepath.Dir(target)] = true
	}
	for _, r := range j.Remove {
		target := at(r)
		if crash("remove", target) {
			return errCrash
		}
		if err := os.Remove(target); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("completing the write: %w", err)
		}
		touched[filepath.Dir(target)] = true
	}
	for d := range touched {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	if crash("finish", filepath.Join(dir, journalName)) {
		return errCrash
	}
	if err := os.Remove(filepath.Join(dir, journalName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return syncDir(dir)
}

// Recover completes a write that a crash interrupted after its commit and
// deletes what interrupted writes left in the output directories dirs.
// Write calls it first; it is exported for tools that only want to tidy.
func Recover(dirs []string) error {
	dirs = uniqueDirs(dirs)
	for _, dir := range dirs {
		data, err := ReadFile(filepath.Join(dir, journalName), 64<<20)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		var j journal
		if err == nil {
			err = json.Unmarshal(data, &j)
		}
		if err != nil || j.Version != 1 {
			return fmt.Errorf("%s: cannot read the journal of an interrupted asyncgen run (%v); check the outputs and delete it", filepath.Join(dir, journalName), err)
		}
		if err := complete(dir, j); err != nil {
			return err
		}
	}
	// Only now are leftovers garbage: a committed journal in one directory
	// may have staged files in another.
	for _, dir := range dirs {
		if err := removeLeftovers(dir); err != nil {
			return err
		}
	}
	return nil
}

// pendingJournal returns the journal of an interrupted write in dirs, or "".
func pendingJournal(dirs []string) string {
	for _, dir := range uniqueDirs(dirs) {
		p := filepath.Join(dir, journalName)
		if _, err := os.Lstat(p); err == nil {
			return p
		}
	}
	return ""
}

// legacyTemp matches the temporary files of asyncgen before the journal
// (os.CreateTemp(dir, ".NAME.tmp*")), which killed runs left behind.
var legacyTemp = regexp.MustCompile(`^\..+\.(go|sql)\.tmp[0-9]+$`)

// removeLeftovers deletes, in dir, staged files and journals of writes that
// never committed, and legacy temporary files that hold asyncgen output
// (or nothing: a kill right after creating one).
func removeLeftovers(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // a missing directory holds nothing
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		switch {
		case name == journalTemp, strings.HasSuffix(name, stagedSuffix):
		case legacyTemp.MatchString(name):
			content, err := ReadHead(p, headLen)
			if err != nil || len(content) > 0 && !IsAsyncgen(content) {
				continue
			}
		default:
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// writeFile creates path with content. stop, when set, is asked once the
// file exists and before its content is written.
func writeFile(path string, content []byte, stop func() bool) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if stop != nil && stop() {
		f.Close()
		return errCrash
	}
	if _, err := f.Write(content); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil { // whatever the umask
		f.Close()
		return err
	}
	return f.Close()
}

// writeSynced is writeFile, flushed to disk.
func writeSynced(path string, content []byte, stop func() bool) error {
	if err := writeFile(path, content, stop); err != nil {
		return err
	}
	return syncFiles([]string{path})
}

// syncFiles flushes files to disk, several at a time: one fsync after the
// other costs milliseconds each (over a second for a large tree), while
// concurrent ones share the filesystem's journal commits.
func syncFiles(paths []string) error {
	const workers = 16
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	next := make(chan string)
	for range min(workers, len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				if err := syncFile(p); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	return first
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a directory's entries (renames, removals) to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

func rel(dir, p string) string {
	r, err := filepath.Rel(dir, p)
	if err != nil {
		return p
	}
	return r
}

// uniqueDirs returns dirs cleaned, without repeats, in order.
func uniqueDirs(dirs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range dirs {
		d = filepath.Clean(d)
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}
