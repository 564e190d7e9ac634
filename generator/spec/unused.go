package spec

import (
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/jsonpointer"
	"github.com/asyncgen/asyncgen/generator/source"
)

// RuleUnusedComponent reports components nothing uses.
const RuleUnusedComponent = "spec/unused-component"

// componentKinds names, per components map, one of its entries in
// messages; the order is the order of the report.
var componentKinds = []struct{ key, noun string }{
	{"schemas", "schema"}, {"servers", "server"}, {"serverVariables", "server variable"},
	{"channels", "channel"}, {"messages", "message"}, {"securitySchemes", "security scheme"},
	{"parameters", "parameter"}, {"correlationIds", "correlation ID"},
	{"operationTraits", "operation trait"}, {"messageTraits", "message trait"},
	{"serverBindings", "server bindings"}, {"channelBindings", "channel bindings"},
	{"operationBindings", "operation bindings"}, {"messageBindings", "message bindings"},
}

// reportUnused reports, as information, every entry of the components of
// the documents and of the fragments they read that no $ref in any loaded
// file points to (or into, or above), and every security scheme that no
// security requirement names. Such a component is still checked like any
// other (lower's checkedSchemas); this only says it is unused.
func (l *Loader) reportUnused(docs []*Document) {
	refs := l.refTargets()
	isDoc := map[string]bool{}
	var roots []Target
	for _, d := range docs {
		isDoc[d.Abs] = true
		roots = append(roots, d.Target)
	}
	var frags []string
	for abs, f := range l.files {
		if !isDoc[abs] && l.referenced[abs] && f.Root != nil && f.Root.Kind == source.Object && !f.Root.Has("asyncapi") {
			frags = append(frags, abs)
		}
	}
	sort.Strings(frags)
	for _, abs := range frags {
		roots = append(roots, Target{Abs: abs, File: l.files[abs], Node: l.files[abs].Root})
	}
	for _, r := range roots {
		comps := r.Node.Get("components")
		if comps == nil || comps.Kind != source.Object {
			continue
		}
		var schemes map[string]bool
		for _, k := range componentKinds {
			m := comps.Get(k.key)
			if m == nil || m.Kind != source.Object {
				continue
			}
			if _, isRef := RefOf(m); isRef {
				continue // the entries are written elsewhere
			}
			for _, f := range m.Fields {
				ptr := jsonpointer.Append("/components", k.key, f.Key)
				if refs.reaches(r.Abs, ptr) {
					continue
				}
				if k.key == "securitySchemes" {
					if schemes == nil {
						schemes = securityNames(r.Node)
					}
					if !schemes[f.Key] {
						l.Diags.Add(f.KeyPos, diag.Info, RuleUnusedComponent, fmt.Sprintf("security scheme %q in components is not used: no security requirement names it", f.Key))
					}
					continue
				}
				l.Diags.Add(f.KeyPos, diag.Info, RuleUnusedComponent, fmt.Sprintf("%s %q in components is not used: no $ref points to it", k.noun, f.Key))
			}
		}
	}
}

// targets are the places $refs point to, per file: the pointers
// themselves and every pointer above one (which a $ref reaches into).
type targets map[string]*fileTargets

type fileTargets struct {
	exact, into map[string]bool
}

func (t targets) add(abs, ptr string) {
	ft := t[abs]
	if ft == nil {
		ft = &fileTargets{exact: map[string]bool{}, into: map[string]bool{}}
		t[abs] = ft
	}
	ft.exact[ptr] = true
	for p := ptr; p != ""; {
		i := strings.LastIndexByte(p, '/')
		p = p[:i]
		ft.into[p] = true
	}
}

// reaches reports whether some $ref points to ptr in file abs, into it or
// to an object above it (a $ref to a whole components map uses them all).
func (t targets) reaches(abs, ptr string) bool {
	ft := t[abs]
	if ft == nil {
		return false
	}
	if ft.exact[ptr] || ft.into[ptr] {
		return true
	}
	for p := ptr; p != ""; {
		p = p[:strings.LastIndexByte(p, '/')]
		if ft.exact[p] {
			return true
		}
	}
	return false
}

// refTargets lists where every $ref of every loaded file points, without
// reporting anything: the loading walks report bad references where they
// matter.
func (l *Loader) refTargets() targets {
	out := targets{}
	var walk func(abs string, n *source.Node)
	walk = func(abs string, n *source.Node) {
		switch n.Kind {
		case source.Array:
			for _, it := range n.Items {
				walk(abs, it)
			}
		case source.Object:
			for _, f := range n.Fields {
				if f.Key == "$ref" && f.Value.Kind == source.String {
					if file, ptr, ok := refTarget(abs, f.Value.Str); ok {
						out.add(file, ptr)
					}
					continue
				}
				walk(abs, f.Value)
			}
		}
	}
	for abs, f := range l.files {
		if f.Root != nil {
			walk(abs, f.Root)
		}
	}
	return out
}

// refTarget is the file and normalized JSON pointer a $ref written in file
// from points to, as Resolve reads it; ok is false for what Resolve refuses.
func refTarget(from, ref string) (abs, ptr string, ok bool) {
	if strings.Contains(ref, "://") || strings.HasPrefix(ref, "//") {
		return "", "", false
	}
	filePart, frag, _ := strings.Cut(ref, "#")
	abs = from
	if filePart != "" {
		rel, err := url.PathUnescape(filePart)
		if err != nil {
			return "", "", false
		}
		if filepath.IsAbs(rel) || strings.HasPrefix(rel, "/") {
			abs = filepath.Clean(rel)
		} else {
			abs = filepath.Join(filepath.Dir(from), filepath.FromSlash(rel))
		}
	}
	tokens, err := jsonpointer.SplitFragment(frag)
	if err != nil {
		return "", "", false
	}
	return abs, jsonpointer.Append("", tokens...), true
}

// securityNames collects the scheme names of every security requirement
// in a document (servers, operations, operation traits): each is an
// object in a list under a "security" key.
func securityNames(root *source.Node) map[string]bool {
	out := map[string]bool{}
	var walk func(n *source.Node)
	walk = func(n *source.Node) {
		switch n.Kind {
		case source.Array:
			for _, it := range n.Items {
				walk(it)
			}
		case source.Object:
			for _, f := range n.Fields {
				if f.Key == "security" && f.Value.Kind == source.Array {
					for _, req := range f.Value.Items {
						for _, rf := range req.Fields {
							out[rf.Key] = true
						}
					}
				}
				walk(f.Value)
			}
		}
	}
	walk(root)
	return out
}
