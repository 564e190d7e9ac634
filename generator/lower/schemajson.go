package lower

import (
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/source"
)

// schemaJSON implements ir.Set.SchemaJSON: the schema's own object as
// written, each subschema replaced by {"$ref": ref(child)}. The children
// are the ones lower resolved for each keyword (schema.go reads the
// keywords in the same order), so a $ref in the source becomes a reference
// to its resolved target.
func (lw *lowerer) schemaJSON(s *ir.Schema, ref func(*ir.Schema) string) ([]byte, bool) {
	n := lw.nodes[s]
	if n == nil {
		return nil, false // a stand-in for an unresolved $ref
	}
	if n.Kind != source.Object {
		return appendDraft7JSON(nil, n), true
	}
	nullable := isNullable(n)
	b := make([]byte, 0, 64*len(n.Fields)+2)
	b = append(b, '{')
	for i, f := range n.Fields {
		if i > 0 {
			b = append(b, ',')
		}
		v := f.Value
		var ok bool
		switch f.Key {
		case "$id", "definitions", "$ref":
			// $id moves the base of the $refs below it, definitions would
			// have to be kept whole, and a $ref here means the object was
			// not resolved.
			return nil, false
		case "properties":
			b, ok = appendChildMap(b, f, v, len(s.Properties), func(i int) *ir.Schema { return s.Properties[i].Schema }, nil, ref)
		case "patternProperties":
			b, ok = appendChildMap(b, f, v, len(s.PatternProperties), func(i int) *ir.Schema { return s.PatternProperties[i].Schema }, lw.set.RE2, ref)
		case "pattern":
			// The spelling generated code compiles, so that jsonschema/v5
			// (RE2 too) checks examples against the same pattern.
			if v.Kind == source.String {
				b = append(appendJSONString(b, f.Key), ':')
				b, ok = appendJSONString(b, lw.set.RE2(v.Str)), true
			} else {
				b, ok = appendDraft7Field(b, nullable, f), true
			}
		case "dependencies":
			b, ok = appendChildMap(b, f, v, len(s.Dependencies), func(i int) *ir.Schema { return s.Dependencies[i].Schema }, nil, ref)
		case "allOf", "anyOf", "oneOf":
			list := s.AllOf
			if f.Key == "anyOf" {
				list = s.AnyOf
			} else if f.Key == "oneOf" {
				list = s.OneOf
			}
			b, ok = appendChildList(b, f, v, list, ref)
		case "items":
			if v.Kind == source.Array {
				b, ok = appendChildList(b, f, v, s.TupleItems, ref)
			} else {
				b, ok = appendChild(b, f, v, s.Items, ref)
			}
		default:
			if child, single := s.Single(f.Key); single {
				b, ok = appendChild(b, f, v, child, ref)
			} else {
				b, ok = appendDraft7Field(b, nullable, f), true
			}
		}
		if !ok {
			return nil, false
		}
	}
	return append(b, '}'), true
}

// appendChild appends `"key":` and a subschema position: a reference to the
// resolved child for an object, the value as written otherwise (booleans,
// and malformed values, which the meta-schema must see).
func appendChild(b []byte, f source.Field, v *source.Node, child *ir.Schema, ref func(*ir.Schema) string) ([]byte, bool) {
	b = appendJSONString(b, f.Key)
	b = append(b, ':')
	return appendChildValue(b, v, child, ref)
}

func appendChildValue(b []byte, v *source.Node, child *ir.Schema, ref func(*ir.Schema) string) ([]byte, bool) {
	if v.Kind != source.Object {
		// Booleans stay inline: jsonschema/v5 reports `additionalProperties:
		// false` and the like by the keyword, and a $ref would change that.
		return appendDraft7JSON(b, v), true
	}
	if child == nil {
		return nil, false
	}
	b = append(b, `{"$ref":`...)
	b = appendJSONString(b, ref(child))
	if v.Has("$ref") {
		// Annotations next to a $ref are kept (draft-07 ignores them, the
		// meta-schema checks them); anything else next to it makes lower
		// warn, and is better compiled from the files.
		for _, sf := range v.Fields {
			if sf.Key == "$ref" {
				continue
			}
			if !isAnnotation(sf.Key) {
				return nil, false
			}
			b = append(b, ',')
			b = appendDraft7Field(b, false, sf)
		}
	}
	return append(b, '}'), true
}

// appendChildMap writes an object of subschemas (properties,
// patternProperties, dependencies); child(i) is the schema lowered from its
// i-th entry, nil for a dependency that lists properties. key, when not
// nil, respells each key (patternProperties: the pattern Go compiles).
func appendChildMap(b []byte, f source.Field, v *source.Node, n int, child func(int) *ir.Schema, key func(string) string, ref func(*ir.Schema) string) ([]byte, bool) {
	if v.Kind != source.Object {
		return appendDraft7Field(b, false, f), true
	}
	if n != len(v.Fields) {
		return nil, false
	}
	b = appendJSONString(b, f.Key)
	b = append(b, ":{"...)
	for i, e := range v.Fields {
		if i > 0 {
			b = append(b, ',')
		}
		k := e.Key
		if key != nil {
			k = key(k)
		}
		b = append(appendJSONString(b, k), ':')
		var ok bool
		if b, ok = appendChildValue(b, e.Value, child(i), ref); !ok {
			return nil, false
		}
	}
	return append(b, '}'), true
}

// appendChildList writes an array of subschemas (allOf, anyOf, oneOf, items).
func appendChildList(b []byte, f source.Field, v *source.Node, list []*ir.Schema, ref func(*ir.Schema) string) ([]byte, bool) {
	if v.Kind != source.Array {
		return appendDraft7Field(b, false, f), true
	}
	if len(list) != len(v.Items) {
		return nil, false
	}
	b = appendJSONString(b, f.Key)
	b = append(b, ":["...)
	for i, it := range v.Items {
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = appendChildValue(b, it, list[i], ref); !ok {
			return nil, false
		}
	}
	return append(b, ']'), true
}
