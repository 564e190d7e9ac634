package spec

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/jsonpointer"
	"github.com/asyncgen/asyncgen/generator/source"
)

// Target is where a $ref lands: a file, a JSON pointer in it and the node.
type Target struct {
	Abs     string
	File    *source.File
	Pointer string
	Node    *source.Node
}

// Key identifies a target uniquely ("abs#pointer").
func (t Target) Key() string { return t.Abs + "#" + t.Pointer }

// Child returns the target of a child node reached by key or index.
func (t Target) Child(token string, n *source.Node) Target {
	return Target{Abs: t.Abs, File: t.File, Pointer: jsonpointer.Append(t.Pointer, token), Node: n}
}

// RefOf returns the $ref string of an object node, if it has one.
func RefOf(n *source.Node) (*source.Node, bool) {
	f := n.Field("$ref")
	if f == nil || n.Kind != source.Object {
		return nil, false
	}
	return f.Value, true
}

// Resolve follows one $ref found in from. It reports a diagnostic at the
// $ref's position and returns false when the target cannot be used.
func (l *Loader) Resolve(from Target, ref *source.Node) (Target, bool) {
	s, ok := ref.StringValue()
	if !ok {
		l.Diags.Add(ref.Pos, diag.Error, RuleRefInvalid, fmt.Sprintf("$ref must be a string, found %s", ref.Kind))
		return Target{}, false
	}
	if strings.Contains(s, "://") || strings.HasPrefix(s, "//") {
		l.Diags.Add(ref.Pos, diag.Error, RuleRefRemote, fmt.Sprintf("$ref %q points to the network; asyncgen never fetches remote documents: copy the schema into the contracts tree and use a relative $ref", s))
		return Target{}, false
	}
	filePart, frag, _ := strings.Cut(s, "#")
	abs := from.Abs
	if filePart != "" {
		rel, err := url.PathUnescape(filePart)
		if err != nil {
			l.Diags.Add(ref.Pos, diag.Error, RuleRefInvalid, fmt.Sprintf("$ref %q has bad percent-encoding", s))
			return Target{}, false
		}
		if filepath.IsAbs(rel) || strings.HasPrefix(rel, "/") {
			abs = filepath.Clean(rel)
		} else {
			abs = filepath.Join(filepath.Dir(from.Abs), filepath.FromSlash(rel))
		}
		if !l.Inside(abs) {
			l.Diags.Add(ref.Pos, diag.Error, RuleRefOutsideRoot, fmt.Sprintf("$ref %q leaves the contracts root %s/", s, l.Display(l.Root)))
			return Target{}, false
		}
		st, err := l.stat(abs)
		if err != nil {
			l.Diags.Add(ref.Pos, diag.Error, RuleRefMissing, fmt.Sprintf("$ref %q: file %s does not exist%s", s, l.Display(abs), l.fileHint(from.Abs, rel, abs, frag)))
			return Target{}, false
		}
		if st.IsDir() {
			// Reading it would report an I/O error at a position-less path.
			l.Diags.Add(ref.Pos, diag.Error, RuleRefMissing, fmt.Sprintf("$ref %q: %s is a directory, not a file", s, l.Display(abs)))
			return Target{}, false
		}
		if real := l.escapes(abs); real != "" {
			l.Diags.Add(ref.Pos, diag.Error, RuleRefOutsideRoot, fmt.Sprintf("$ref %q leaves the contracts root %s/: %s resolves through a symbolic link to %s", s, l.Display(l.Root), l.Display(abs), l.Display(real)))
			return Target{}, false
		}
		if !st.Mode().IsRegular() {
			l.Diags.Add(ref.Pos, diag.Error, RuleIO, fmt.Sprintf("$ref %q: %s is not a regular file; asyncgen reads only regular files", s, l.Display(abs)))
			return Target{}, false
		}
	}
	tokens, err := jsonpointer.SplitFragment(frag)
	if err != nil {
		l.Diags.Add(ref.Pos, diag.Error, RuleRefInvalid, fmt.Sprintf("$ref %q: %v", s, err))
		return Target{}, false
	}
	f := l.File(abs)
	if f == nil {
		l.Diags.Add(ref.Pos, diag.Error, RuleRefMissing, fmt.Sprintf("$ref %q: %s cannot be parsed", s, l.Display(abs)))
		return Target{}, false
	}
	n := f.Root.Lookup(tokens)
	if n == nil {
		l.Diags.Add(ref.Pos, diag.Error, RuleRefMissing, fmt.Sprintf("$ref %q: %s has nothing at #%s%s", s, l.Display(abs), frag, pointerHint(f.Root, tokens, filePart)))
		return Target{}, false
	}
	ptr := ""
	for _, t := range tokens {
		ptr = jsonpointer.Append(ptr, t)
	}
	if l.referenced == nil {
		l.referenced = map[string]bool{}
	}
	l.referenced[abs] = true
	return Target{Abs: abs, File: f, Pointer: ptr, Node: n}, true
}

// statResult is a remembered os.Stat.
type statResult struct {
	info os.FileInfo
	err  error
}

// stat is os.Stat, once per path and run: a tree of thousands of $refs
// names the same few files over and over.
func (l *Loader) stat(abs string) (os.FileInfo, error) {
	if r, ok := l.stats[abs]; ok {
		return r.info, r.err
	}
	if l.stats == nil {
		l.stats = map[string]statResult{}
	}
	info, err := os.Stat(abs)
	l.stats[abs] = statResult{info, err}
	return info, err
}

// hop is one step of a $ref chain.
type hop struct {
	key string
	ref *source.Node
}

// Deref follows a chain of $refs starting at t until it reaches a node that
// is not a reference. A chain that comes back to itself is an error.
// Results are remembered for every reference on the way, so that the many
// schemas of a long chain (S0 -> S1 -> … -> Sn) cost n steps in all, not n²;
// a failure is reported once, by the walk that found it.
func (l *Loader) Deref(t Target) (Target, bool) {
	if _, ok := RefOf(t.Node); !ok {
		return t, true // most nodes: no map, no allocation
	}
	var path []hop
	var seen map[string]int // indexes path once a chain gets long
	result, ok := Target{}, false
	for {
		ref, isRef := RefOf(t.Node)
		if !isRef {
			result, ok = t, true
			break
		}
		key := t.Key()
		if r, done := l.derefs[key]; done {
			result, ok = r.target, r.ok
			break
		}
		if start := hopIndex(path, seen, key); start >= 0 {
			l.reportCycle(path[start:])
			break
		}
		if seen == nil && len(path) >= shortChain {
			seen = make(map[string]int, 2*len(path))
			for i, h := range path {
				seen[h.key] = i
			}
		}
		if seen != nil {
			seen[key] = len(path)
		}
		path = append(path, hop{key, ref})
		next, resolved := l.Resolve(t, ref)
		if !resolved {
			break
		}
		t = next
	}
	if l.derefs == nil {
		l.derefs = map[string]derefResult{}
	}
	for _, h := range path {
		l.derefs[h.key] = derefResult{result, ok}
	}
	return result, ok
}

// derefResult is a remembered Deref.
type derefResult struct {
	target Target
	ok     bool
}

// shortChain is the $ref chain length up to which Deref scans the chain
// for a loop instead of indexing it (most chains have one or two hops).
const shortChain = 8

// hopIndex returns the index of key in path, or -1; seen, when not nil,
// indexes every key of path.
func hopIndex(path []hop, seen map[string]int, key string) int {
	if seen != nil {
		if i, ok := seen[key]; ok {
			return i
		}
		return -1
	}
	for i, h := range path {
		if h.key == key {
			return i
		}
	}
	return -1
}

// reportCycle reports a $ref cycle once, however many entries lead into it,
// at the reference whose location sorts first.
func (l *Loader) reportCycle(loop []hop) {
	first := loop[0]
	for _, h := range loop[1:] {
		if h.key < first.key {
			first = h
		}
	}
	if l.cycles == nil {
		l.cycles = map[string]bool{}
	}
	if l.cycles[first.key] {
		return
	}
	l.cycles[first.key] = true
	l.Diags.Add(first.ref.Pos, diag.Error, RuleRefCycle, fmt.Sprintf("$ref cycle: %q leads back to itself through %d reference(s) without reaching a definition", first.ref.Str, len(loop)))
}
