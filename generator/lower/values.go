package lower

import (
	"strconv"

	"github.com/asyncgen/asyncgen/generator/jsonpointer"
	"github.com/asyncgen/asyncgen/generator/source"
	"github.com/asyncgen/asyncgen/generator/spec"
)

// maxValueRefs bounds how many $refs one example value may follow in a
// row, so that examples referring to each other in a loop end.
const maxValueRefs = 16

// maxValueNodes bounds the nodes one example value may expand to through
// its $refs: examples that each refer to several others many levels deep
// would otherwise grow exponentially. Past it, $refs stay as written.
const maxValueNodes = 100_000

// exampleValue is the JSON value of n (an example or default at t) with
// each $ref in it replaced by the value of its target, as the official
// AsyncAPI parser reads a document: it dereferences every $ref before it
// validates, examples included, and real contracts reuse one example in
// another that way. A $ref that cannot be followed stays as written: in
// an example it may well be data (an example of a JSON Schema), so it is
// not reported either.
func (lw *lowerer) exampleValue(t spec.Target, n *source.Node) any {
	if !hasRef(n) {
		return n.Value() // nearly every value: no copy of the walk below
	}
	budget := maxValueNodes
	return lw.derefValue(t, n, 0, &budget)
}

func (lw *lowerer) derefValue(t spec.Target, n *source.Node, hops int, budget *int) any {
	if *budget <= 0 {
		return n.Value()
	}
	*budget--
	switch n.Kind {
	case source.Array:
		out := make([]any, len(n.Items))
		for i, it := range n.Items {
			out[i] = lw.derefValue(t.Child(strconv.Itoa(i), it), it, hops, budget)
		}
		return out
	case source.Object:
		if _, ok := spec.RefOf(n); ok && hops < maxValueRefs {
			mark := len(lw.l.Diags)
			if rt, ok := lw.l.Deref(t); ok {
				v := lw.derefValue(rt, rt.Node, hops+1, budget)
				if m, isMap := v.(map[string]any); isMap && len(n.Fields) > 1 {
					// Keys next to the $ref extend the target's object and
					// win over its keys, as the official parser's
					// dereferencer (json-schema-ref-parser) merges them.
					out := make(map[string]any, len(m)+len(n.Fields))
					for k, x := range m {
						out[k] = x
					}
					for _, f := range n.Fields {
						if f.Key != "$ref" {
							out[f.Key] = lw.derefValue(t.Child(f.Key, f.Value), f.Value, hops, budget)
						}
					}
					return out
				}
				return v
			}
			lw.l.Diags = lw.l.Diags[:mark]
		}
		out := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			out[f.Key] = lw.derefValue(t.Child(f.Key, f.Value), f.Value, hops, budget)
		}
		return out
	}
	return n.Value()
}

// hasRef reports whether some object in n has a $ref key.
func hasRef(n *source.Node) bool {
	switch n.Kind {
	case source.Array:
		for _, it := range n.Items {
			if hasRef(it) {
				return true
			}
		}
	case source.Object:
		for _, f := range n.Fields {
			if f.Key == "$ref" || hasRef(f.Value) {
				return true
			}
		}
	}
	return false
}

// written reports whether t's node is the one its file holds at its
// pointer. It is not for an object that message traits merged (JSON Merge
// Patch builds a new object, written nowhere as such).
func written(t spec.Target) bool {
	tokens, err := jsonpointer.Split(t.Pointer)
	return err == nil && t.File != nil && t.File.Root.Lookup(tokens) == t.Node
}
