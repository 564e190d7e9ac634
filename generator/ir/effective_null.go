package ir

// Null unions.
//
// OpenAPI 3.0 writes "T or null" as nullable: true, JSON Schema as
// type: [T, "null"], and many contracts as oneOf (or anyOf) of a null
// branch and T. A contract that moves between these spellings (Discord's
// gateway schemas write oneOf: [{type: "null"}, {$ref: Snowflake}] where
// others write nullable) changes nothing: the effective form of the union
// is T with null added to its type, as nullable is folded.

// nullUnionShape reports whether s is spelled as a two-branch oneOf or anyOf
// and states nothing else but annotations.
func nullUnionShape(s *Schema) bool {
	if s.Bool != nil || s.Nullable || len(s.AllOf) > 0 || (len(s.OneOf) == 2) == (len(s.AnyOf) == 2) ||
		len(s.OneOf)+len(s.AnyOf) != 2 {
		return false
	}
	c := *s
	c.OneOf, c.AnyOf = nil, nil
	return !constrainsOwn(&c)
}

// isNull reports whether b accepts null and nothing else: {type: "null"} or
// {const: null}, annotations aside.
func isNull(b *Schema) bool {
	if b == nil || b.Bool != nil || b.Nullable || len(b.AllOf) > 0 {
		return false
	}
	c := *b
	switch {
	case len(b.Types) == 1 && b.Types[0] == "null" && !b.HasConst && b.Enum == nil:
		c.Types = nil
	case b.HasConst && b.Const == nil && len(b.Types) == 0:
		c.HasConst, c.Const = false, nil
	default:
		return false
	}
	return !constrainsOwn(&c)
}

// nullUnion returns the effective form of the non-null branch of s when s
// is a null union whose other branch has a type without null and no keyword
// that also judges null (enum aside, which gains null): then oneOf and anyOf
// accept exactly that branch's instances and null. Else it returns nil.
func (f *Flattener) nullUnion(s *Schema) *Schema {
	if !nullUnionShape(s) {
		return nil
	}
	branches := s.OneOf
	if len(branches) == 0 {
		branches = s.AnyOf
	}
	var other *Schema
	switch {
	case isNull(branches[0]) && !isNull(branches[1]):
		other = branches[1]
	case isNull(branches[1]) && !isNull(branches[0]):
		other = branches[0]
	default:
		return nil
	}
	if other == nil || other.Bool != nil || f.busy[other] {
		return nil
	}
	x := f.Effective(other)
	if x.Bool != nil || x.Nullable || len(x.Types) == 0 || containsString(x.Types, "null") || x.HasConst ||
		x.Not != nil || len(x.OneOf) > 0 || len(x.AnyOf) > 0 || len(x.AllOf) > 0 || x.If != nil || x.Then != nil || x.Else != nil {
		return nil
	}
	return x
}

// nullable builds the effective form of the null union s whose non-null
// branch is x: x with null folded in, carrying s's annotations over x's.
func (f *Flattener) nullable(s, x *Schema) *Schema {
	r := own(s)
	r.OneOf, r.AnyOf = nil, nil
	kept := r.Keywords[:0]
	for _, k := range r.Keywords {
		if k.Name != "oneOf" && k.Name != "anyOf" {
			kept = append(kept, k)
		}
	}
	r.Keywords = kept
	m := &merger{r: r, stated: annotationsOf(s)}
	c := *x
	c.Types = append([]string(nil), x.Types...)
	if x.Enum != nil {
		c.Enum = append([]any(nil), x.Enum...)
	}
	c.Nullable = true
	foldNullable(&c)
	m.merge(&c) // r states nothing but annotations, so x folds in whole
	m.finish()
	r.MergedFrom = []*Schema{s, x}
	return r
}
