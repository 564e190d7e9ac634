package lower

import (
	"fmt"
	"strconv"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/source"
	"github.com/asyncgen/asyncgen/generator/spec"
)

// Rule ids reported while lowering schemas.
const (
	RuleSchemaShape = "schema/shape"
	RuleRefSiblings = "codegen/ref-siblings"
)

// schema lowers the schema at t, following $refs; one ir.Schema per
// resolved location, so recursive schemas become pointer cycles.
func (lw *lowerer) schema(t spec.Target) *ir.Schema {
	if ref, ok := spec.RefOf(t.Node); ok && len(t.Node.Fields) > 1 {
		for _, f := range t.Node.Fields {
			if f.Key != "$ref" && !isAnnotation(f.Key) {
				lw.diags.Add(f.KeyPos, diag.Warning, RuleRefSiblings, fmt.Sprintf("%q next to $ref is ignored by JSON Schema draft-07; move it into the referenced schema or wrap both in allOf", f.Key))
			}
		}
		_ = ref
	}
	rt, ok := lw.l.Deref(t)
	if !ok {
		return lw.anything(t)
	}
	key := rt.Key()
	if s, ok := lw.schemas[key]; ok {
		return s
	}
	n := rt.Node
	s := &ir.Schema{URL: lw.fileURL(rt.Abs), Pointer: rt.Pointer, Pos: n.Pos}
	lw.schemas[key] = s
	lw.nodes[s] = n
	lw.set.Schemas = append(lw.set.Schemas, s)
	switch n.Kind {
	case source.Bool:
		b := n.Str == "true"
		s.Bool = &b
		return s
	case source.Object:
	default:
		lw.diags.Add(n.Pos, diag.Error, RuleSchemaShape, fmt.Sprintf("a schema must be an object or a boolean, found %s", n.Kind))
		return s
	}
	if len(n.Fields) > 0 {
		s.Keywords = make([]ir.Keyword, 0, len(n.Fields))
	}
	for _, f := range n.Fields {
		s.Keywords = append(s.Keywords, ir.Keyword{Name: f.Key, Pos: f.KeyPos})
		v := f.Value
		var ct spec.Target // the keyword's own target, for subschemas only
		if subschemaKeywords[f.Key] {
			ct = rt.Child(f.Key, v)
		}
		switch f.Key {
		case "type":
			switch v.Kind {
			case source.String:
				s.Types = []string{v.Str}
			case source.Array:
				for _, it := range v.Items {
					if it.Kind == source.String {
						s.Types = append(s.Types, it.Str)
					}
				}
			}
		case "nullable":
			s.Nullable = v.Kind == source.Bool && v.Str == "true"
		case "properties":
			if len(v.Fields) > 0 {
				s.Properties = make([]*ir.Property, 0, len(v.Fields))
			}
			for _, p := range v.Fields {
				s.Properties = append(s.Properties, &ir.Property{Name: p.Key, Pos: p.KeyPos, Schema: lw.schema(ct.Child(p.Key, p.Value))})
			}
		case "required":
			s.RequiredPos = f.KeyPos
			for _, it := range v.Items {
				if it.Kind == source.String {
					s.Required = append(s.Required, it.Str)
				}
			}
		case "additionalProperties":
			s.AdditionalProperties = lw.schema(ct)
		case "patternProperties":
			for _, p := range v.Fields {
				s.PatternProperties = append(s.PatternProperties, &ir.PatternProperty{Pattern: p.Key, Pos: p.KeyPos, Schema: lw.schema(ct.Child(p.Key, p.Value))})
			}
		case "propertyNames":
			s.PropertyNames = lw.schema(ct)
		case "dependencies":
			for _, p := range v.Fields {
				d := &ir.Dependency{Property: p.Key, Pos: p.KeyPos}
				if p.Value.Kind == source.Array {
					for _, it := range p.Value.Items {
						d.Required = append(d.Required, it.Str)
					}
				} else {
					d.Schema = lw.schema(ct.Child(p.Key, p.Value))
				}
				s.Dependencies = append(s.Dependencies, d)
			}
		case "minProperties":
			s.MinProperties = intOf(v)
		case "maxProperties":
			s.MaxProperties = intOf(v)
		case "items":
			if v.Kind == source.Array {
				for i, it := range v.Items {
					s.TupleItems = append(s.TupleItems, lw.schema(ct.Child(strconv.Itoa(i), it)))
				}
			} else {
				s.Items = lw.schema(ct)
			}
		case "additionalItems":
			s.AdditionalItems = lw.schema(ct)
		case "contains":
			s.Contains = lw.schema(ct)
		case "minItems":
			s.MinItems = intOf(v)
		case "maxItems":
			s.MaxItems = intOf(v)
		case "uniqueItems":
			s.UniqueItems = v.Kind == source.Bool && v.Str == "true"
		case "enum":
			for _, it := range v.Items {
				s.Enum = append(s.Enum, it.Value())
			}
		case "const":
			s.Const, s.HasConst = v.Value(), true
		case "format":
			s.Format = v.Str
		case "pattern":
			s.Pattern = v.Str
		case "minLength":
			s.MinLength = intOf(v)
		case "maxLength":
			s.MaxLength = intOf(v)
		case "minimum":
			s.Minimum = numOf(v)
		case "maximum":
			s.Maximum = numOf(v)
		case "exclusiveMinimum":
			s.ExclusiveMinimum = numOf(v)
		case "exclusiveMaximum":
			s.ExclusiveMaximum = numOf(v)
		case "multipleOf":
			s.MultipleOf = numOf(v)
		case "allOf", "anyOf", "oneOf":
			var list []*ir.Schema
			for i, it := range v.Items {
				list = append(list, lw.schema(ct.Child(strconv.Itoa(i), it)))
			}
			switch f.Key {
			case "allOf":
				s.AllOf = list
			case "anyOf":
				s.AnyOf = list
			default:
				s.OneOf = list
			}
		case "not":
			s.Not = lw.schema(ct)
		case "if":
			s.If = lw.schema(ct)
		case "then":
			s.Then = lw.schema(ct)
		case "else":
			s.Else = lw.schema(ct)
		case "$schema":
			s.SchemaURI = v.Str
		case "contentMediaType":
			s.ContentMediaType = v.Str
		case "contentEncoding":
			s.ContentEncoding = v.Str
		case "discriminator":
			s.Discriminator = v.Str
		case "title":
			s.Title = v.Str
		case "description":
			s.Description = v.Str
		case "default":
			s.Default, s.HasDefault = lw.exampleValue(rt.Child(f.Key, v), v), true
		case "examples":
			et := rt.Child(f.Key, v)
			for i, it := range v.Items {
				s.Examples = append(s.Examples, lw.exampleValue(et.Child(strconv.Itoa(i), it), it))
			}
		case "deprecated":
			s.Deprecated = v.Kind == source.Bool && v.Str == "true"
		case "readOnly":
			s.ReadOnly = v.Kind == source.Bool && v.Str == "true"
		case "writeOnly":
			s.WriteOnly = v.Kind == source.Bool && v.Str == "true"
		case "definitions":
			for _, d := range v.Fields {
				lw.schema(ct.Child(d.Key, d.Value))
			}
		}
	}
	if s.HasDefault || len(s.Examples) > 0 {
		s.Merged = !written(rt)
	}
	for _, p := range s.Properties {
		for _, r := range s.Required {
			if r == p.Name {
				p.Required = true
			}
		}
	}
	return s
}

// subschemaKeywords are the keywords whose value holds subschemas.
var subschemaKeywords = map[string]bool{
	"properties": true, "additionalProperties": true, "patternProperties": true, "propertyNames": true,
	"dependencies": true, "items": true, "additionalItems": true, "contains": true,
	"allOf": true, "anyOf": true, "oneOf": true, "not": true, "if": true, "then": true, "else": true,
	"definitions": true,
}

// anything stands in for a schema that could not be resolved (already reported).
func (lw *lowerer) anything(t spec.Target) *ir.Schema {
	b := true
	return &ir.Schema{URL: lw.fileURL(t.Abs), Pointer: t.Pointer, Pos: t.Node.Pos, Bool: &b}
}

func isAnnotation(k string) bool {
	switch k {
	case "description", "title", "summary", "$comment", "examples", "example", "deprecated":
		return true
	}
	return len(k) > 2 && k[:2] == "x-"
}

func intOf(n *source.Node) *int64 {
	if i, ok := n.Int(); ok {
		return &i
	}
	return nil
}

func numOf(n *source.Node) string {
	if n.Kind == source.Number {
		return n.Str
	}
	return ""
}
