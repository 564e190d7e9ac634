package ir

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Canonical returns s as a self-contained JSON Schema draft-07 value with
// every $ref inlined (an inline ↔ $ref refactor gives the same value), keys
// sorted by encoding/json, nullable rewritten to type [T, "null"], and
// recursive schemas expressed through "definitions" named by Go name.
func Canonical(s *Schema) any {
	return canonical(s, nil)
}

// Canonical is ir.Canonical of the effective form of s and of every schema
// under it: two schemas that differ only in spelling (allOf: [X] and X, an
// annotation-only member, nullable and type [T, "null"] …) give the same
// value once annotations are set aside.
func (f *Flattener) Canonical(s *Schema) any {
	return canonical(s, f)
}

// CanonicalJSON is Flattener.Canonical encoded.
func (f *Flattener) CanonicalJSON(s *Schema) []byte {
	b, _ := json.Marshal(f.Canonical(s))
	return b
}

func canonical(s *Schema, flat *Flattener) any {
	c := &canon{flat: flat, defs: map[string]any{}, onPath: map[*Schema]bool{}, recursive: map[*Schema]bool{}}
	s = c.eff(s)
	c.root = s
	c.findRecursive(s, map[*Schema]bool{})
	v := c.value(s, true)
	if len(c.defs) > 0 {
		if m, ok := v.(map[string]any); ok {
			m["definitions"] = c.defs
		}
	}
	return v
}

// CanonicalJSON is Canonical encoded (deterministic: map keys are sorted).
func CanonicalJSON(s *Schema) []byte {
	b, _ := json.Marshal(Canonical(s))
	return b
}

type canon struct {
	flat      *Flattener // nil: the schemas as written
	root      *Schema
	defs      map[string]any
	onPath    map[*Schema]bool
	recursive map[*Schema]bool
	names     map[*Schema]string
	taken     map[string]bool
}

// eff is the schema canonical writes for s.
func (c *canon) eff(s *Schema) *Schema {
	if c.flat == nil {
		return s
	}
	return c.flat.Effective(s)
}

func (c *canon) findRecursive(s *Schema, path map[*Schema]bool) {
	if s == nil {
		return
	}
	s = c.eff(s)
	if path[s] {
		c.recursive[s] = true
		return
	}
	path[s] = true
	for _, ch := range s.Children() {
		c.findRecursive(ch, path)
	}
	delete(path, s)
}

func (c *canon) value(s *Schema, root bool) any {
	if s == nil {
		return nil
	}
	s = c.eff(s)
	if s.Bool != nil {
		return *s.Bool
	}
	if s == c.root && !root {
		return map[string]any{"$ref": "#"}
	}
	if c.recursive[s] && !root {
		name := c.defName(s)
		if _, done := c.defs[name]; !done && !c.onPath[s] {
			c.defs[name] = true // placeholder against re-entry
			c.onPath[s] = true
			c.defs[name] = c.body(s)
			delete(c.onPath, s)
		}
		return map[string]any{"$ref": "#/definitions/" + name}
	}
	c.onPath[s] = true
	defer delete(c.onPath, s)
	return c.body(s)
}

// defName names a recursive schema's definition: its Go name, numbered
// when another schema has it (schemas decoded from snapshots, and those a
// Flattener builds, may have no Go name).
func (c *canon) defName(s *Schema) string {
	if n, ok := c.names[s]; ok {
		return n
	}
	base := s.GoName
	if base == "" {
		base = "Schema"
	}
	name := base
	for i := 2; c.taken[name]; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	if c.names == nil {
		c.names, c.taken = map[*Schema]string{}, map[string]bool{}
	}
	c.names[s], c.taken[name] = name, true
	return name
}

func (c *canon) body(s *Schema) map[string]any {
	m := map[string]any{}
	types := append([]string(nil), s.Types...)
	if s.Nullable && len(types) > 0 && !containsString(types, "null") {
		types = append(types, "null")
	}
	switch len(types) {
	case 0:
	case 1:
		m["type"] = types[0]
	default:
		list := make([]any, len(types))
		for i, t := range types {
			list[i] = t
		}
		m["type"] = list
	}
	if len(s.Properties) > 0 {
		props := map[string]any{}
		for _, p := range s.Properties {
			props[p.Name] = c.value(p.Schema, false)
		}
		m["properties"] = props
	}
	if len(s.Required) > 0 {
		req := append([]string(nil), s.Required...)
		sort.Strings(req)
		list := make([]any, len(req))
		for i, r := range req {
			list[i] = r
		}
		m["required"] = list
	}
	sub := func(key string, v *Schema) {
		if v != nil {
			m[key] = c.value(v, false)
		}
	}
	sub("additionalProperties", s.AdditionalProperties)
	sub("propertyNames", s.PropertyNames)
	sub("items", s.Items)
	sub("additionalItems", s.AdditionalItems)
	sub("contains", s.Contains)
	sub("not", s.Not)
	sub("if", s.If)
	sub("then", s.Then)
	sub("else", s.Else)
	if len(s.PatternProperties) > 0 {
		pp := map[string]any{}
		for _, p := range s.PatternProperties {
			pp[p.Pattern] = c.value(p.Schema, false)
		}
		m["patternProperties"] = pp
	}
	if len(s.Dependencies) > 0 {
		deps := map[string]any{}
		for _, d := range s.Dependencies {
			if d.Schema != nil {
				deps[d.Property] = c.value(d.Schema, false)
			} else {
				list := make([]any, len(d.Required))
				for i, r := range d.Required {
					list[i] = r
				}
				deps[d.Property] = list
			}
		}
		m["dependencies"] = deps
	}
	list := func(key string, l []*Schema) {
		if len(l) == 0 {
			return
		}
		out := make([]any, len(l))
		for i, v := range l {
			out[i] = c.value(v, false)
		}
		m[key] = out
	}
	list("items", s.TupleItems)
	list("allOf", s.AllOf)
	list("anyOf", s.AnyOf)
	list("oneOf", s.OneOf)
	if s.Enum != nil {
		enum := append([]any(nil), s.Enum...)
		if s.Nullable && !containsNil(enum) {
			enum = append(enum, nil)
		}
		m["enum"] = enum
	}
	if s.HasConst {
		m["const"] = s.Const
	}
	str := func(key, v string) {
		if v != "" {
			m[key] = v
		}
	}
	num := func(key, v string) {
		if v != "" {
			m[key] = json.Number(v)
		}
	}
	i64 := func(key string, v *int64) {
		if v != nil {
			m[key] = *v
		}
	}
	str("format", s.Format)
	str("pattern", s.Pattern)
	i64("minLength", s.MinLength)
	i64("maxLength", s.MaxLength)
	num("minimum", s.Minimum)
	num("maximum", s.Maximum)
	num("exclusiveMinimum", s.ExclusiveMinimum)
	num("exclusiveMaximum", s.ExclusiveMaximum)
	num("multipleOf", s.MultipleOf)
	i64("minItems", s.MinItems)
	i64("maxItems", s.MaxItems)
	i64("minProperties", s.MinProperties)
	i64("maxProperties", s.MaxProperties)
	if s.UniqueItems {
		m["uniqueItems"] = true
	}
	str("contentMediaType", s.ContentMediaType)
	str("contentEncoding", s.ContentEncoding)
	str("title", s.Title)
	str("description", s.Description)
	if s.HasDefault {
		m["default"] = s.Default
	}
	if len(s.Examples) > 0 {
		m["examples"] = s.Examples
	}
	if s.Deprecated {
		m["deprecated"] = true
	}
	if s.ReadOnly {
		m["readOnly"] = true
	}
	if s.WriteOnly {
		m["writeOnly"] = true
	}
	return m
}

func containsString(l []string, v string) bool {
	for _, x := range l {
		if x == v {
			return true
		}
	}
	return false
}

func containsNil(l []any) bool {
	for _, x := range l {
		if x == nil {
			return true
		}
	}
	return false
}
