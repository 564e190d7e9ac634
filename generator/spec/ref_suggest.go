package spec

import (
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/asyncgen/asyncgen/generator/jsonpointer"
	"github.com/asyncgen/asyncgen/generator/source"
	"github.com/asyncgen/asyncgen/generator/suggest"
)

// pointerHint says what a $ref whose JSON pointer finds nothing most likely
// meant: the same pointer with each missing token replaced by the nearest
// existing key (a typo), or by the key it spells when a "/" in a key was
// not escaped as ~1; failing that, what the deepest existing object holds.
// filePart is the $ref's file part as written.
func pointerHint(root *source.Node, tokens []string, filePart string) string {
	cur := root
	var fixed []string
	for i := 0; i < len(tokens); i++ {
		if next := cur.Lookup(tokens[i : i+1]); next != nil {
			fixed = append(fixed, tokens[i])
			cur = next
			continue
		}
		if cur.Kind != source.Object {
			return ""
		}
		if key, used := unescapedKey(cur, tokens[i:]); used > 0 {
			fixed = append(fixed, key)
			cur = cur.Get(key)
			i += used - 1
			continue
		}
		keys := make([]string, len(cur.Fields))
		for j, f := range cur.Fields {
			keys[j] = f.Key
		}
		if k := suggest.Closest(tokens[i], keys); k != "" {
			fixed = append(fixed, k)
			cur = cur.Get(k)
			continue
		}
		where := "its top level"
		if len(fixed) > 0 {
			where = "#" + jsonpointer.Append("", fixed...)
		}
		return "; " + holds(where, keys)
	}
	return fmt.Sprintf("; did you mean %q?", filePart+"#"+jsonpointer.Append("", fixed...))
}

// unescapedKey finds a key of obj that is several of tokens joined by "/"
// (the key "a/b" written in a pointer as /a/b instead of /a~1b); used is
// how many tokens it spans, 0 when none does.
func unescapedKey(obj *source.Node, tokens []string) (key string, used int) {
	for j := len(tokens); j > 1; j-- {
		if k := strings.Join(tokens[:j], "/"); obj.Has(k) {
			return k, j
		}
	}
	return "", 0
}

// holds lists the keys of an object for a message, the first ten of them.
func holds(where string, keys []string) string {
	if len(keys) == 0 {
		return where + " is empty"
	}
	q := make([]string, 0, 10)
	for _, k := range keys {
		if len(q) == 10 {
			q = append(q, fmt.Sprintf("… (%d keys)", len(keys)))
			break
		}
		q = append(q, fmt.Sprintf("%q", k))
	}
	return where + " holds " + strings.Join(q, ", ")
}

// fileHint says which existing contract file a $ref to a missing file (abs,
// written as rel from the file from) most likely meant: a file of the same
// name elsewhere under the contracts root (a wrong directory; the one whose
// path is written most alike), else a file of the same directory with a
// near name, else any file whose path, written from from's directory, is
// near the written one. frag is the $ref's fragment, kept in the
// suggestion; a loaded file in which it points to nothing is no candidate.
func (l *Loader) fileHint(from, rel, abs, frag string) string {
	files, err := ContractFiles([]string{l.Root})
	if err != nil || len(files) == 0 {
		return ""
	}
	dir := filepath.Dir(from)
	write := func(target string) string {
		r, err := filepath.Rel(dir, target)
		if err != nil {
			return ""
		}
		r = filepath.ToSlash(r)
		if strings.HasPrefix(rel, "./") && !strings.HasPrefix(r, "../") {
			r = "./" + r
		}
		if frag != "" {
			r += "#" + frag
		}
		return fmt.Sprintf("; did you mean %q?", r)
	}
	var sameDir, written, sameName []string
	byName := map[string]string{}
	byPath := map[string]string{}
	tokens, _ := jsonpointer.SplitFragment(frag)
	for _, f := range files {
		if lf, loaded := l.files[f]; loaded && (lf.Root == nil || lf.Root.Lookup(tokens) == nil) {
			continue
		}
		if filepath.Dir(f) == filepath.Dir(abs) {
			sameDir = append(sameDir, filepath.Base(f))
			byName[filepath.Base(f)] = f
		}
		if r, err := filepath.Rel(dir, f); err == nil {
			r = filepath.ToSlash(r)
			written = append(written, r)
			byPath[r] = f
		}
		if filepath.Base(f) == filepath.Base(abs) {
			sameName = append(sameName, f)
		}
	}
	want := path.Clean(strings.TrimPrefix(rel, "./"))
	if len(sameName) > 0 {
		dist := func(f string) int {
			r, _ := filepath.Rel(dir, f)
			return suggest.Distance(want, filepath.ToSlash(r))
		}
		sort.SliceStable(sameName, func(i, j int) bool { return dist(sameName[i]) < dist(sameName[j]) })
		return write(sameName[0])
	}
	if near := suggest.Closest(filepath.Base(abs), sameDir); near != "" {
		return write(byName[near])
	}
	if near := suggest.Closest(want, written); near != "" {
		return write(byPath[near])
	}
	return ""
}
