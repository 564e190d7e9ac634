package lower

import (
	"encoding/json"
	"sort"
	"strings"
	"sync"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/source"
)

// resources gives the IR every loaded file as a JSON value (for the
// jsonschema/v5 oracle) and a way back from pointers to positions.
func (lw *lowerer) resources() {
	files := lw.l.Files()
	byURL := make(map[string]*source.File, len(files))
	for abs, f := range files {
		u := fileURL(abs)
		byURL[u] = f
		lw.set.ResourceURLs = append(lw.set.ResourceURLs, u)
	}
	sort.Strings(lw.set.ResourceURLs)
	var once sync.Once
	var values map[string]any
	lw.set.ResourceValues = func() map[string]any {
		once.Do(func() {
			values = make(map[string]any, len(byURL))
			for u, f := range byURL {
				values[u] = draft7Value(draft7Root(f.Root))
			}
		})
		return values
	}
	lw.set.ResourceJSON = func(u string) []byte {
		f := byURL[u]
		if f == nil {
			return nil
		}
		// About 20 bytes of JSON per node: one allocation for most files.
		return appendOracleJSON(make([]byte, 0, 24*f.Root.Size()+64), draft7Root(f.Root))
	}
	lw.set.SchemaJSON = lw.schemaJSON
	lw.set.Locate = func(u, pointer string) location.Pos {
		f := byURL[u]
		if f == nil {
			return location.Pos{}
		}
		return nearest(f.Root, pointer)
	}
	lw.set.LocateIn = func(s *ir.Schema, pointer string) location.Pos {
		n := lw.nodes[s]
		if n == nil {
			return s.Pos
		}
		return nearest(n, pointer)
	}
}

// draft7Root is a file's root as the oracle reads it. jsonschema/v5 takes
// the dialect of a resource from a $schema at its root (and ignores nested
// ones); a schema file declaring another draft would be checked by that
// draft's rules, where the generated validators, like the official
// AsyncAPI parser, apply draft-07's (codegen/schema-draft). Such a root
// reads as draft-07.
func draft7Root(root *source.Node) *source.Node {
	if root == nil || root.Kind != source.Object {
		return root
	}
	for i, f := range root.Fields {
		if f.Key != "$schema" || f.Value.Kind != source.String || ir.IsDraft7(f.Value.Str) {
			continue
		}
		cp := *root
		cp.Fields = append([]source.Field(nil), root.Fields...)
		cp.Fields[i].Value = draft7URINode(f.Value)
		return &cp
	}
	return root
}

// dataKeys hold values, not schemas: an object under one of them is data,
// where "$id" is a key like any other.
var dataKeys = map[string]bool{"examples": true, "example": true, "default": true, "const": true, "enum": true}

// appendOracleJSON is appendDraft7JSON for a whole file handed to the
// oracle, without the "$id" of its schemas. jsonschema/v5 resolves a $ref
// against the nearest $id above it; asyncgen, like the official AsyncAPI
// parser, resolves it against the file that holds it (codegen/id-ignored),
// and the oracle must read the schema the generated code checks. Values
// under dataKeys and x- extensions are written as they are.
func appendOracleJSON(b []byte, n *source.Node) []byte {
	switch n.Kind {
	case source.Array:
		b = append(b, '[')
		for i, it := range n.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendOracleJSON(b, it)
		}
		return append(b, ']')
	case source.Object:
	default:
		return appendDraft7JSON(b, n)
	}
	nullable := isNullable(n)
	b = append(b, '{')
	first := true
	for _, f := range n.Fields {
		if f.Key == "$id" && f.Value.Kind == source.String {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		if dataKeys[f.Key] || f.Key == "type" || strings.HasPrefix(f.Key, "x-") {
			b = appendDraft7Field(b, nullable, f)
			continue
		}
		b = appendJSONString(b, f.Key)
		b = append(b, ':')
		b = appendOracleJSON(b, f.Value)
	}
	return append(b, '}')
}

// draft7URINode is a $schema value naming draft-07, where v stood.
func draft7URINode(v *source.Node) *source.Node {
	return &source.Node{Kind: source.String, Pos: v.Pos, Str: ir.Draft07URI, Quoted: true}
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
		if isNullable(n) {
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

// appendDraft7JSON appends the JSON encoding of draft7Value(n) to b without
// building the value: the oracle only needs the bytes.
func appendDraft7JSON(b []byte, n *source.Node) []byte {
	switch n.Kind {
	case source.Null:
		return append(b, "null"...)
	case source.Bool, source.Number:
		return append(b, n.Str...)
	case source.String:
		return appendJSONString(b, n.Str)
	case source.Array:
		b = append(b, '[')
		for i, it := range n.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendDraft7JSON(b, it)
		}
		return append(b, ']')
	}
	nullable := isNullable(n)
	b = append(b, '{')
	for i, f := range n.Fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendDraft7Field(b, nullable, f)
	}
	return append(b, '}')
}

// isNullable reports whether an object node says `nullable: true`.
func isNullable(n *source.Node) bool {
	nb := n.Get("nullable")
	return nb != nil && nb.Kind == source.Bool && nb.Str == "true"
}

// appendDraft7Field appends `"key":value` of one field of an object whose
// nullable is given, rewriting type and enum as draft7Value does.
func appendDraft7Field(b []byte, nullable bool, f source.Field) []byte {
	b = appendJSONString(b, f.Key)
	b = append(b, ':')
	v := f.Value
	switch {
	case nullable && f.Key == "type" && v.Kind == source.String && v.Str != "null":
		// "type": T becomes ["T","null"].
		b = append(b, '[')
		b = appendJSONString(b, v.Str)
		return append(b, `,"null"]`...)
	case nullable && f.Key == "type" && v.Kind == source.Array && !hasItem(v, source.String, "null"):
		b = appendDraft7JSON(b, v)
		return appendNullItem(b, `"null"`)
	case nullable && f.Key == "enum" && v.Kind == source.Array && !hasItem(v, source.Null, ""):
		b = appendDraft7JSON(b, v)
		return appendNullItem(b, "null")
	}
	return appendDraft7JSON(b, v)
}

// appendNullItem adds item at the end of the JSON array that b ends with.
func appendNullItem(b []byte, item string) []byte {
	b = b[:len(b)-1]
	if b[len(b)-1] != '[' {
		b = append(b, ',')
	}
	b = append(b, item...)
	return append(b, ']')
}

// hasItem reports whether the array node has an item of kind k (with
// string value s, for strings).
func hasItem(n *source.Node, k source.Kind, s string) bool {
	for _, it := range n.Items {
		if it.Kind == k && (k != source.String || it.Str == s) {
			return true
		}
	}
	return false
}

// appendJSONString appends s as a JSON string; plain ASCII is copied as is,
// anything else goes through encoding/json (escapes, invalid UTF-8).
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
