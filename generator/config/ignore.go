package config

import (
	"fmt"
	"path"
	"strings"

	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/source"
)

// Ignore is one entry of the ignore: section: findings of Rule in a file
// whose path matches Path and, when the entry names one, at a JSON pointer
// matching Pointer (or below it) are dropped. Paths are relative to the
// contracts directory, with "/" separators.
type Ignore struct {
	Rule string
	// Pattern is the entry as written ("domains/*.yaml#/components/schemas/*").
	Pattern string
	// Path is the glob before "#"; Pointer the glob after it, "" for the
	// whole file. In both, * and ? match within one segment, [...] is a
	// class, and a segment ** matches any number of segments.
	Path    string
	Pointer string
	// Pos is the entry's position in asyncgen.yaml; RulePos its rule's key.
	Pos     location.Pos
	RulePos location.Pos
}

// Match reports whether a finding in the file at rel (relative to the
// contracts directory, "/"-separated) at pointer is ignored by the entry.
// A pointer pattern matches the finding's pointer or any pointer above it,
// so that an entry silences a whole subtree.
func (ig Ignore) Match(rel, pointer string) bool {
	if !globMatch(split(ig.Path), split(rel), false) {
		return false
	}
	if ig.Pointer == "" {
		return true
	}
	return globMatch(split(ig.Pointer), split(pointer), true)
}

// MatchPath reports whether the entry's path glob matches the file at rel.
func (ig Ignore) MatchPath(rel string) bool {
	return globMatch(split(ig.Path), split(rel), false)
}

func split(s string) []string {
	s = strings.TrimPrefix(s, "/")
	if s == "" {
		return nil
	}
	return strings.Split(s, "/")
}

// globMatch matches segments against a segment pattern; with prefix, the
// pattern may also match a leading part of segs (an ancestor).
func globMatch(pat, segs []string, prefix bool) bool {
	if len(pat) == 0 {
		return len(segs) == 0 || prefix
	}
	if pat[0] == "**" {
		for i := 0; i <= len(segs); i++ {
			if globMatch(pat[1:], segs[i:], prefix) {
				return true
			}
		}
		return false
	}
	if len(segs) == 0 {
		return false
	}
	if ok, _ := path.Match(pat[0], segs[0]); !ok {
		return false
	}
	return globMatch(pat[1:], segs[1:], prefix)
}

// ignore reads ignore: {rule-id: [pattern, ...]}.
func (r *reader) ignore(n *source.Node) {
	if n.Kind == source.Null {
		return
	}
	if n.Kind != source.Object {
		r.errorf(n.Pos, "ignore must map rule ids to lists of paths (path or path#pointer globs)")
		return
	}
	for _, f := range n.Fields {
		if !r.validRule(f.Key) {
			r.errorf(f.KeyPos, "unknown rule %q in ignore (asyncgen lint --list shows every rule)", f.Key)
			continue
		}
		if f.Value.Kind != source.Array {
			r.errorf(f.Value.Pos, "ignore %s must be a list of paths (path or path#pointer globs)", f.Key)
			continue
		}
		for _, it := range f.Value.Items {
			s, ok := it.StringValue()
			if !ok || s == "" {
				r.errorf(it.Pos, "ignore %s: each entry must be a non-empty path or path#pointer glob, not %s", f.Key, it.Text())
				continue
			}
			p, ptr, hasPtr := strings.Cut(s, "#")
			if err := checkGlob(p, ptr, hasPtr); err != nil {
				r.errorf(it.Pos, "ignore %s: %q: %v", f.Key, s, err)
				continue
			}
			r.cfg.Ignore = append(r.cfg.Ignore, Ignore{Rule: f.Key, Pattern: s, Path: p, Pointer: ptr, Pos: it.Pos, RulePos: f.KeyPos})
		}
	}
}

// checkGlob validates the two globs of an entry.
func checkGlob(p, ptr string, hasPtr bool) error {
	if p == "" {
		return fmt.Errorf("the path is empty (use ** for every file)")
	}
	if strings.HasPrefix(p, "/") || strings.Contains(p, `\`) {
		return fmt.Errorf("write the path relative to the contracts directory, with / separators")
	}
	if hasPtr && ptr != "" && !strings.HasPrefix(ptr, "/") {
		return fmt.Errorf("the JSON pointer after # must start with /")
	}
	for _, seg := range append(split(p), split(ptr)...) {
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("bad glob segment %q", seg)
		}
	}
	return nil
}
