package diff

import (
	"net/url"
	"strings"
)

// resources resolves $refs between the JSON documents of one side, keyed by
// file URL (ir.Set.Resources, or a snapshot registered under its own URL).
type resources map[string]any

// maxRefHops bounds $ref chains, so a cycle of refs cannot loop.
const maxRefHops = 32

// deref follows $ref chains starting at value v found at url#ptr and
// returns where the chain ends.
func (r resources) deref(u, ptr string, v any) (string, string, any, bool) {
	for i := 0; i < maxRefHops; i++ {
		m, ok := v.(map[string]any)
		if !ok {
			return u, ptr, v, true
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return u, ptr, v, true
		}
		nu, np := resolveRef(u, ref)
		doc, ok := r[nu]
		if !ok {
			return u, ptr, v, false
		}
		nv, ok := lookup(doc, np)
		if !ok {
			return u, ptr, v, false
		}
		u, ptr, v = nu, np, nv
	}
	return u, ptr, v, false
}

// inline returns v with every $ref replaced by its target (for message
// attributes such as correlationId or bindings, compared by value). Cycles
// and depth are bounded; an unresolvable ref stays as written.
func (r resources) inline(u string, v any, depth int) any {
	if depth > maxRefHops || !hasRef(v) {
		return v // shared, not copied: sides never modify attribute values
	}
	switch x := v.(type) {
	case map[string]any:
		if _, isRef := x["$ref"].(string); isRef {
			nu, _, nv, ok := r.deref(u, "", x)
			if !ok {
				return v
			}
			return r.inline(nu, nv, depth+1)
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = r.inline(u, e, depth+1)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = r.inline(u, e, depth+1)
		}
		return out
	}
	return v
}

// resolveRef resolves a $ref against the URL of the document holding it and
// returns the target document URL and JSON pointer.
func resolveRef(base, ref string) (string, string) {
	if strings.HasPrefix(ref, "#") {
		return base, fragmentPointer(ref[1:])
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref, ""
	}
	rr, err := url.Parse(ref)
	if err != nil {
		return ref, ""
	}
	abs := b.ResolveReference(rr)
	frag := abs.EscapedFragment()
	abs.Fragment, abs.RawFragment = "", ""
	return abs.String(), fragmentPointer(frag)
}

func fragmentPointer(f string) string {
	if u, err := url.PathUnescape(f); err == nil {
		f = u
	}
	return f
}

// hasRef reports whether a JSON value holds a $ref anywhere.
func hasRef(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x["$ref"].(string); ok {
			return true
		}
		for _, e := range x {
			if hasRef(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasRef(e) {
				return true
			}
		}
	}
	return false
}
