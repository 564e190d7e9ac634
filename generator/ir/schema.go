package ir

import (
	"github.com/asyncgen/asyncgen/generator/location"
)

// Schema is one resolved JSON Schema draft-07 location. Every keyword is
// represented, so later stages can refuse what they do not support.
type Schema struct {
	// URL and Pointer identify the resolved location; one Schema per location.
	URL     string
	Pointer string
	Pos     location.Pos
	// GoName is the Go type name decided in lower.
	GoName string
	// NameFrom says how GoName was decided: "key", "title" or "place".
	NameFrom string
	// Bool is set for the boolean schemas true and false.
	Bool *bool

	Types    []string
	Nullable bool

	Properties           []*Property
	Required             []string
	RequiredPos          location.Pos
	AdditionalProperties *Schema
	PatternProperties    []*PatternProperty
	PropertyNames        *Schema
	Dependencies         []*Dependency
	MinProperties        *int64
	MaxProperties        *int64

	Items           *Schema   // items as one schema
	TupleItems      []*Schema // items as an array
	AdditionalItems *Schema
	Contains        *Schema
	MinItems        *int64
	MaxItems        *int64
	UniqueItems     bool

	Enum     []any
	Const    any
	HasConst bool

	Format    string
	Pattern   string
	MinLength *int64
	MaxLength *int64

	// Numbers are kept as written (json.Number text).
	Minimum          string
	Maximum          string
	ExclusiveMinimum string
	ExclusiveMaximum string
	MultipleOf       string

	AllOf []*Schema
	AnyOf []*Schema
	OneOf []*Schema
	Not   *Schema
	If    *Schema
	Then  *Schema
	Else  *Schema

	// SchemaURI is the $schema keyword's value, if any.
	SchemaURI        string
	ContentMediaType string
	ContentEncoding  string
	Discriminator    string

	Title       string
	Description string
	Default     any
	HasDefault  bool
	Examples    []any
	// Merged is set when the schema's object was built by merging message
	// traits (JSON Merge Patch), so it is written nowhere as such: lint
	// checks its default and examples where they are written instead.
	Merged     bool
	Deprecated bool
	ReadOnly   bool
	WriteOnly  bool

	// Keywords lists every keyword present, in source order, with positions.
	Keywords []Keyword
	// RefSiblings lists keywords written next to $ref (ignored by draft-07).
	RefSiblings []Keyword

	// GoEnum holds the Go constant suffix of each Enum value ("billing_manager"
	// → "BillingManager"), unique within the schema; "" for values that are
	// not strings. Decided in lower (gonames.go).
	GoEnum []string
	// GoBranches holds the Go field name of each OneOf (else AnyOf) branch of
	// a union, unique within the schema. Decided in lower (gonames.go).
	GoBranches []string

	// MergedFrom is set on the schemas a Flattener builds (effective.go):
	// the contract schemas each was merged from, in order. It is nil for
	// schemas read from the contracts.
	MergedFrom []*Schema
	// keySetOf is set on a key set the Flattener split off that schema.
	keySetOf *Schema
	// joined marks an allOf the Flattener made of two definitions of one
	// property (or items, propertyNames).
	joined bool
}

// Keyword is one keyword as written.
type Keyword struct {
	Name string
	Pos  location.Pos
}

// Property is one entry of properties.
type Property struct {
	Name string
	// GoName is the Go field name decided in lower ("user_id" → "UserID").
	GoName   string
	Pos      location.Pos
	Schema   *Schema
	Required bool
}

// PatternProperty is one entry of patternProperties.
type PatternProperty struct {
	Pattern string
	Pos     location.Pos
	Schema  *Schema
}

// Dependency is one entry of dependencies: either required names or a schema.
type Dependency struct {
	Property string
	Pos      location.Pos
	Required []string
	Schema   *Schema
}

// Has reports whether the keyword is present.
func (s *Schema) Has(keyword string) bool {
	for _, k := range s.Keywords {
		if k.Name == keyword {
			return true
		}
	}
	return false
}

// KeywordPos returns the position of a keyword, or the schema's position.
func (s *Schema) KeywordPos(keyword string) location.Pos {
	for _, k := range s.Keywords {
		if k.Name == keyword {
			return k.Pos
		}
	}
	return s.Pos
}

// Property returns the named property, or nil.
func (s *Schema) Property(name string) *Property {
	for _, p := range s.Properties {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// NamedType reports whether generators emit a named Go type for the schema:
// objects with properties, string enums, unions and allOf compositions.
func (s *Schema) NamedType() bool {
	if s == nil || s.Bool != nil {
		return false
	}
	return len(s.Properties) > 0 || len(s.AllOf) > 0 || len(s.OneOf) > 0 || len(s.AnyOf) > 0 ||
		(len(s.Enum) > 0 && len(s.Types) == 1 && s.Types[0] == "string")
}

// EachChild calls visit on every direct subschema of s, in a fixed order:
// properties, patternProperties, additionalProperties, propertyNames,
// dependencies, items (single, then tuple), additionalItems, contains,
// allOf, anyOf, oneOf, not, if, then, else. Walks over all schemas of a run
// use it, so it builds no list.
func (s *Schema) EachChild(visit func(*Schema)) {
	one := func(c *Schema) {
		if c != nil {
			visit(c)
		}
	}
	for _, p := range s.Properties {
		one(p.Schema)
	}
	for _, p := range s.PatternProperties {
		one(p.Schema)
	}
	one(s.AdditionalProperties)
	one(s.PropertyNames)
	for _, d := range s.Dependencies {
		one(d.Schema)
	}
	one(s.Items)
	for _, c := range s.TupleItems {
		one(c)
	}
	one(s.AdditionalItems)
	one(s.Contains)
	for _, list := range [...][]*Schema{s.AllOf, s.AnyOf, s.OneOf} {
		for _, c := range list {
			one(c)
		}
	}
	one(s.Not)
	one(s.If)
	one(s.Then)
	one(s.Else)
}

// Single returns the subschema of a keyword whose value is one schema
// (additionalProperties, propertyNames, additionalItems, contains, not,
// if, then, else); ok is false for every other keyword, items included
// (it is one schema or a list).
func (s *Schema) Single(keyword string) (sub *Schema, ok bool) {
	switch keyword {
	case "additionalProperties":
		return s.AdditionalProperties, true
	case "propertyNames":
		return s.PropertyNames, true
	case "additionalItems":
		return s.AdditionalItems, true
	case "contains":
		return s.Contains, true
	case "not":
		return s.Not, true
	case "if":
		return s.If, true
	case "then":
		return s.Then, true
	case "else":
		return s.Else, true
	}
	return nil, false
}

// Children lists the direct subschemas of s in EachChild's order.
func (s *Schema) Children() []*Schema {
	var out []*Schema
	s.EachChild(func(c *Schema) { out = append(out, c) })
	return out
}

// AllOfProperties lists the properties and required names of s and of its
// allOf members, recursively, in schema order; the first definition of a
// name wins. It is the column view of a data schema (SQL projections and
// check_data), which takes every member's properties whether or not the
// members merge into one effective schema (see Flattener).
func AllOfProperties(s *Schema) (props []*Property, required []string) {
	seenProp, seenReq, visiting := map[string]bool{}, map[string]bool{}, map[*Schema]bool{}
	var walk func(*Schema)
	walk = func(s *Schema) {
		if s == nil || visiting[s] {
			return
		}
		visiting[s] = true
		for _, p := range s.Properties {
			if !seenProp[p.Name] {
				seenProp[p.Name] = true
				props = append(props, p)
			}
		}
		for _, r := range s.Required {
			if !seenReq[r] {
				seenReq[r] = true
				required = append(required, r)
			}
		}
		for _, m := range s.AllOf {
			walk(m)
		}
	}
	walk(s)
	return props, required
}
