package ir

import (
	"slices"
	"strings"
)

// NULEscape is what asyncgen writes for a NUL character (U+0000) wherever
// the output cannot hold one: PostgreSQL's text and jsonb (and so every
// generated SQL literal, event_types row and registered schema), like the
// escape Go comments show. codegen/invisible-character warns about NULs;
// this is the one spelling every output agrees on.
const NULEscape = `\x00`

// Storable returns s as PostgreSQL can store it: every NUL becomes
// NULEscape. Text without NUL is returned unchanged.
func Storable(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", NULEscape)
}

// StorableJSON returns the JSON-shaped value v with Storable applied to
// every string and object key; v itself (not a copy) when it holds no NUL.
func StorableJSON(v any) any {
	if !jsonHasNUL(v) {
		return v
	}
	return storableJSON(v)
}

func storableJSON(v any) any {
	switch x := v.(type) {
	case string:
		return Storable(x)
	case []any:
		out := make([]any, len(x))
		for i, it := range x {
			out[i] = storableJSON(it)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, it := range x {
			out[Storable(k)] = storableJSON(it)
		}
		return out
	}
	return v
}

func jsonHasNUL(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.IndexByte(x, 0) >= 0
	case []any:
		for _, it := range x {
			if jsonHasNUL(it) {
				return true
			}
		}
	case map[string]any:
		for k, it := range x {
			if strings.IndexByte(k, 0) >= 0 || jsonHasNUL(it) {
				return true
			}
		}
	}
	return false
}

// HasNUL reports whether any text under s (names, keyword values,
// annotations, of s and every schema it reaches) holds a NUL.
func HasNUL(s *Schema) bool {
	return schemaHasNUL(s, map[*Schema]bool{})
}

// StorableSchemas copies schema graphs as the registry holds them once
// written to PostgreSQL and read back: Storable applied to every name,
// keyword value and annotation, positions, URLs and pointers kept (so
// findings still point into the contracts). A schema reached from several
// graphs, or twice in one, is copied once, so shared schemas stay shared.
type StorableSchemas struct {
	done map[*Schema]*Schema
}

// Copy returns the stored form of s (nil for nil).
func (c *StorableSchemas) Copy(s *Schema) *Schema {
	if c.done == nil {
		c.done = map[*Schema]*Schema{}
	}
	return c.schema(s)
}

// schemaText lists the text of one schema's own keywords (not of its
// subschemas), which StorableSchemas maps and HasNUL inspects: the
// two cannot disagree on what counts.
func schemaText(s *Schema) []*string {
	out := []*string{&s.Format, &s.Pattern, &s.SchemaURI, &s.ContentMediaType, &s.ContentEncoding,
		&s.Discriminator, &s.Title, &s.Description}
	for i := range s.Required {
		out = append(out, &s.Required[i])
	}
	for i := range s.Keywords {
		out = append(out, &s.Keywords[i].Name)
	}
	for i := range s.RefSiblings {
		out = append(out, &s.RefSiblings[i].Name)
	}
	return out
}

// schemaValues lists one schema's own JSON values (enum, const, default,
// examples).
func schemaValues(s *Schema) []*any {
	out := []*any{&s.Const, &s.Default}
	for i := range s.Enum {
		out = append(out, &s.Enum[i])
	}
	for i := range s.Examples {
		out = append(out, &s.Examples[i])
	}
	return out
}

func schemaHasNUL(s *Schema, seen map[*Schema]bool) bool {
	if s == nil || seen[s] {
		return false
	}
	seen[s] = true
	for _, t := range schemaText(s) {
		if strings.IndexByte(*t, 0) >= 0 {
			return true
		}
	}
	for _, v := range schemaValues(s) {
		if jsonHasNUL(*v) {
			return true
		}
	}
	for _, p := range s.Properties {
		if strings.IndexByte(p.Name, 0) >= 0 {
			return true
		}
	}
	for _, p := range s.PatternProperties {
		if strings.IndexByte(p.Pattern, 0) >= 0 {
			return true
		}
	}
	for _, d := range s.Dependencies {
		if strings.IndexByte(d.Property, 0) >= 0 || strings.IndexByte(strings.Join(d.Required, ""), 0) >= 0 {
			return true
		}
	}
	found := false
	s.EachChild(func(c *Schema) { found = found || schemaHasNUL(c, seen) })
	for _, m := range s.MergedFrom {
		found = found || schemaHasNUL(m, seen)
	}
	return found
}

func (c *StorableSchemas) schema(s *Schema) *Schema {
	if s == nil {
		return nil
	}
	if d, ok := c.done[s]; ok {
		return d
	}
	d := new(Schema)
	*d = *s
	c.done[s] = d
	d.Required = slices.Clone(s.Required)
	d.Keywords = slices.Clone(s.Keywords)
	d.RefSiblings = slices.Clone(s.RefSiblings)
	d.Enum = slices.Clone(s.Enum)
	d.Examples = slices.Clone(s.Examples)
	for _, t := range schemaText(d) {
		*t = Storable(*t)
	}
	for _, v := range schemaValues(d) {
		*v = StorableJSON(*v)
	}
	d.Properties = slices.Clone(s.Properties)
	for i, p := range s.Properties {
		q := *p
		q.Name, q.Schema = Storable(p.Name), c.schema(p.Schema)
		d.Properties[i] = &q
	}
	d.PatternProperties = slices.Clone(s.PatternProperties)
	for i, p := range s.PatternProperties {
		q := *p
		q.Pattern, q.Schema = Storable(p.Pattern), c.schema(p.Schema)
		d.PatternProperties[i] = &q
	}
	d.Dependencies = slices.Clone(s.Dependencies)
	for i, dep := range s.Dependencies {
		q := *dep
		q.Property, q.Schema = Storable(dep.Property), c.schema(dep.Schema)
		q.Required = slices.Clone(dep.Required)
		for j, r := range q.Required {
			q.Required[j] = Storable(r)
		}
		d.Dependencies[i] = &q
	}
	for _, one := range []**Schema{&d.AdditionalProperties, &d.PropertyNames, &d.Items, &d.AdditionalItems,
		&d.Contains, &d.Not, &d.If, &d.Then, &d.Else, &d.keySetOf} {
		*one = c.schema(*one)
	}
	for _, list := range []*[]*Schema{&d.TupleItems, &d.AllOf, &d.AnyOf, &d.OneOf, &d.MergedFrom} {
		*list = slices.Clone(*list)
		for i, m := range *list {
			(*list)[i] = c.schema(m)
		}
	}
	return d
}
