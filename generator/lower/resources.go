package lower

import (
	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/source"
)

// resources gives the IR every loaded file as a JSON value (for the
// jsonschema/v5 oracle) and a way back from pointers to positions.
func (lw *lowerer) resources() {
	files := lw.l.Files()
	lw.set.Resources = make(map[string]any, len(files))
	byURL := make(map[string]*source.File, len(files))
	for abs, f := range files {
		u := fileURL(abs)
		byURL[u] = f
		lw.set.Resources[u] = draft7Value(f.Root)
	}
	lw.set.Locate = func(u, pointer string) location.Pos {
		f := byURL[u]
		if f == nil {
			return location.Pos{}
		}
		return nearest(f.Root, pointer)
	}
}

// draft7Value converts a node to a JSON value, rewriting the OpenAPI-style
// `nullable: true` (which AsyncAPI 2.x schemas use) into draft-07 terms:
// "null" joins type, and null joins enum. The validator oracle then accepts
// exactly what the generated code accepts.
func draft7Value(n *source.Node) any {
	switch n.Kind {
	case source.Array:
		out := make([]any, len(n.Items))
		for i, it := range n.Items {
			out[i] = draft7Value(it)
		}
		return out
	case source.Object:
		out := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			out[f.Key] = draft7Value(f.Value)
		}
		if nb := n.Get("nullable"); nb != nil && nb.Kind == source.Bool && nb.Str == "true" {
			switch t := out["type"].(type) {
			case string:
				if t != "null" {
					out["type"] = []any{t, "null"}
				}
			case []any:
				if !containsNull(t) {
					out["type"] = append(t, "null")
				}
			}
			if e, ok := out["enum"].([]any); ok && !containsNil(e) {
				out["enum"] = append(e, nil)
			}
		}
		return out
	}
	return n.Value()
}

func containsNull(list []any) bool {
	for _, v := range list {
		if v == "null" {
			return true
		}
	}
	return false
}

func containsNil(list []any) bool {
	for _, v := range list {
		if v == nil {
			return true
		}
	}
	return false
}
