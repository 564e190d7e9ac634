package ir

// Effective schemas.
//
// A contract can say one thing in many spellings: allOf: [X] is X, a member
// that only carries a description adds no constraint, nullable: true is
// type [T, "null"], enum: [v] is const: v, and a $ref is its target (lower
// already gives a referenced location one *Schema). The effective form
// reduces a schema to one spelling while accepting exactly the same
// instances, so that the Go generator (one struct for an allOf of objects)
// and diff (a refactor is no change) agree on what a schema means.
// (nullable is folded into type and enum only where allOf members merge:
// every reader of the IR already reads a lone nullable that way.)
//
// Merging allOf is not always meaning-preserving; where it is not, the
// member stays in the effective schema's allOf:
//   - additionalProperties applies to the keys of its own schema's
//     properties only. It is split off as a key set ({properties: {a: true},
//     additionalProperties: false}) and folded back only when the merged
//     schema declares exactly the same keys;
//   - types that do not intersect, enums without a common value,
//     different consts, formats or patterns, multipleOf values neither of
//     which divides the other, two contains, dependencies, oneOf, anyOf,
//     not or if/then/else: the member is kept whole;
//   - a property (or items, propertyNames) defined by two members becomes
//     allOf of both definitions, flattened in turn when it is reached.
//
// The form is shallow: only the schema itself is rewritten, its subschemas
// are the contract's own, so a caller applies Effective again as it
// descends, and names decided in lower stay attached to them.

// Flattener builds effective schemas and remembers them, so that a schema
// shared by many events is flattened once and keeps one identity. It is
// not safe for concurrent use.
type Flattener struct {
	memo map[*Schema]*Schema
	busy map[*Schema]bool
}

// NewFlattener returns an empty Flattener.
func NewFlattener() *Flattener {
	return &Flattener{memo: map[*Schema]*Schema{}, busy: map[*Schema]bool{}}
}

// Effective returns the effective form of s: s itself when it is already
// in that form, else a new schema that accepts exactly the instances s
// accepts, whose MergedFrom lists the contract schemas it was built from.
func (f *Flattener) Effective(s *Schema) *Schema {
	if s == nil || s.Bool != nil {
		return s
	}
	if e, ok := f.memo[s]; ok {
		return e
	}
	if f.busy[s] || !respelled(s) {
		return s // a cycle through allOf stays as written
	}
	f.busy[s] = true
	e := f.build(s)
	delete(f.busy, s)
	f.memo[s] = e
	return e
}

// Unwrap returns the one allOf member s equals apart from annotations
// (allOf: [X] is X, plus members and keywords that only annotate), or s.
func (f *Flattener) Unwrap(s *Schema) *Schema {
	if s == nil || s.Bool != nil || len(s.AllOf) == 0 || constrainsOwn(s) {
		return s
	}
	var only *Schema
	for _, m := range s.AllOf {
		if m == nil || m.Bool != nil && *m.Bool || m.Bool == nil && !f.busy[m] && !Constrains(f.Effective(m)) {
			continue
		}
		if only != nil {
			return s
		}
		only = m
	}
	if only == nil {
		return s
	}
	return only
}

// respelled reports whether s has a spelling the effective form changes.
// nullable alone is left as written (every reader of the IR folds it the
// way Canonical writes it); it is folded where allOf members merge.
func respelled(s *Schema) bool {
	return len(s.AllOf) > 0 || len(s.Enum) == 1 && !s.HasConst || s.HasConst && s.Enum != nil || nullUnionShape(s)
}

// Constrains reports whether s rejects any instance: false for true, for
// {} and for schemas with annotations only (title, description, default,
// examples, $comment, deprecated, readOnly, writeOnly, extensions).
func Constrains(s *Schema) bool {
	if s == nil {
		return false
	}
	if s.Bool != nil {
		return !*s.Bool
	}
	return constrainsOwn(s) || len(s.AllOf) > 0
}

// constrainsOwn is Constrains without looking at allOf.
func constrainsOwn(s *Schema) bool {
	return len(s.Types) > 0 || len(s.Properties) > 0 || len(s.Required) > 0 ||
		Constrains(s.AdditionalProperties) || len(s.PatternProperties) > 0 || s.PropertyNames != nil ||
		len(s.Dependencies) > 0 || s.MinProperties != nil || s.MaxProperties != nil ||
		s.Items != nil || len(s.TupleItems) > 0 || s.AdditionalItems != nil || s.Contains != nil ||
		s.MinItems != nil || s.MaxItems != nil || s.UniqueItems ||
		s.Enum != nil || s.HasConst || s.Format != "" || s.Pattern != "" || s.MinLength != nil || s.MaxLength != nil ||
		s.Minimum != "" || s.Maximum != "" || s.ExclusiveMinimum != "" || s.ExclusiveMaximum != "" || s.MultipleOf != "" ||
		len(s.AnyOf) > 0 || len(s.OneOf) > 0 || s.Not != nil || s.If != nil || s.Then != nil || s.Else != nil
}

// KeySet reports whether s is a key set the Flattener split off an allOf
// member: it only limits which keys an object may have, to names and
// patterns, with additionalProperties governing the others.
func KeySet(s *Schema) (names []string, ok bool) {
	if s == nil || s.keySetOf == nil {
		return nil, false
	}
	for _, p := range s.Properties {
		names = append(names, p.Name)
	}
	return names, true
}

// trueSchema accepts everything; key sets use it for their properties.
var trueSchema = func() *Schema { b := true; return &Schema{Bool: &b} }()

func (f *Flattener) build(s *Schema) *Schema {
	if x := f.nullUnion(s); x != nil {
		return f.nullable(s, x)
	}
	r := own(s)
	if len(s.AllOf) > 0 {
		foldNullable(r)
		m := &merger{r: r, stated: annotationsOf(s)}
		m.split(r)
		r.AdditionalProperties = nil
		for _, mem := range s.AllOf {
			m.member(f, mem)
		}
		m.finish()
	}
	normalize(r)
	for i, p := range r.Properties {
		if req := containsString(r.Required, p.Name); req != p.Required {
			c := *p
			c.Required = req
			r.Properties[i] = &c
		}
	}
	return r
}

// own copies s without allOf; slices are copied so merging never writes
// into the contract's schema.
func own(s *Schema) *Schema {
	c := *s
	r := &c
	r.AllOf, r.joined, r.keySetOf = nil, false, nil
	r.MergedFrom = []*Schema{s}
	r.Types = append([]string(nil), s.Types...)
	r.Properties = append([]*Property(nil), s.Properties...)
	r.Required = append([]string(nil), s.Required...)
	r.PatternProperties = append([]*PatternProperty(nil), s.PatternProperties...)
	r.Keywords = append([]Keyword(nil), s.Keywords...)
	if s.Enum != nil {
		r.Enum = append([]any{}, s.Enum...)
	}
	if len(s.Types) == 0 {
		r.Types = nil
	}
	return r
}

// foldNullable writes nullable into type and enum, as Canonical does.
func foldNullable(r *Schema) {
	if r.Nullable {
		if len(r.Types) > 0 && !containsString(r.Types, "null") {
			r.Types = append(r.Types, "null")
		}
		if r.Enum != nil && !containsNil(r.Enum) {
			r.Enum, r.GoEnum = append(r.Enum, nil), nil
		}
		r.Nullable = false
	}
}

// normalize spells a one-value enum as const, and drops an enum a const
// already narrows.
func normalize(r *Schema) {
	if r.HasConst && r.Enum != nil && containsValue(r.Enum, r.Const) {
		r.Enum, r.GoEnum = nil, nil
	}
	if !r.HasConst && len(r.Enum) == 1 {
		r.Const, r.HasConst, r.Enum, r.GoEnum = r.Enum[0], true, nil, nil
	}
}

// keySet is an additionalProperties split off the schema that states it.
type keySet struct {
	from  *Schema
	names []string
	pats  []string
	ap    *Schema
}

// merger folds allOf members into r.
type merger struct {
	r *Schema
	// stated lists the annotations the schema states itself: they win over
	// its members'.
	stated   map[string]bool
	keySets  []keySet
	residual []*Schema
}

func (m *merger) member(f *Flattener, mem *Schema) {
	switch {
	case mem == nil || mem.Bool != nil && *mem.Bool:
		return
	case mem.Bool != nil || f.busy[mem]:
		m.residual = append(m.residual, mem)
		return
	}
	e := f.Effective(mem)
	if e.Nullable {
		c := *e // fold nullable before types and enums meet
		c.Types, c.Enum = append([]string(nil), e.Types...), append([]any(nil), e.Enum...)
		if e.Enum == nil {
			c.Enum = nil
		}
		foldNullable(&c)
		e = &c
	}
	switch {
	case !Constrains(e):
		m.annotate(e)
	case !m.compatible(e):
		m.residual = append(m.residual, e)
	default:
		m.merge(e)
	}
}

// split records x's additionalProperties as a key set.
func (m *merger) split(x *Schema) {
	if !Constrains(x.AdditionalProperties) {
		return
	}
	k := keySet{from: x, ap: x.AdditionalProperties}
	for _, p := range x.Properties {
		k.names = append(k.names, p.Name)
	}
	for _, p := range x.PatternProperties {
		k.pats = append(k.pats, p.Pattern)
	}
	m.keySets = append(m.keySets, k)
}

// compatible reports whether e's keywords fold into r without changing
// what the conjunction accepts.
func (m *merger) compatible(e *Schema) bool {
	r := m.r
	both := func(a, b bool) bool { return a && b }
	switch {
	case r.Types != nil && e.Types != nil && len(intersectTypes(r.Types, e.Types)) == 0,
		r.Enum != nil && e.Enum != nil && len(intersectValues(r.Enum, e.Enum)) == 0,
		r.HasConst && e.HasConst && !JSONEqual(r.Const, e.Const),
		r.HasConst && e.Enum != nil && !containsValue(e.Enum, r.Const),
		e.HasConst && r.Enum != nil && !containsValue(r.Enum, e.Const),
		r.Format != "" && e.Format != "" && r.Format != e.Format,
		r.Pattern != "" && e.Pattern != "" && r.Pattern != e.Pattern,
		r.MultipleOf != "" && e.MultipleOf != "" && largerMultiple(r.MultipleOf, e.MultipleOf) == "",
		both(len(r.TupleItems) > 0 || r.AdditionalItems != nil, e.Items != nil || len(e.TupleItems) > 0 || e.AdditionalItems != nil),
		both(len(e.TupleItems) > 0 || e.AdditionalItems != nil, r.Items != nil || len(r.TupleItems) > 0 || r.AdditionalItems != nil),
		both(r.Contains != nil, e.Contains != nil),
		both(len(r.Dependencies) > 0, len(e.Dependencies) > 0),
		both(len(r.OneOf) > 0, len(e.OneOf) > 0),
		both(len(r.AnyOf) > 0, len(e.AnyOf) > 0),
		both(r.Not != nil, e.Not != nil),
		both(r.If != nil || r.Then != nil || r.Else != nil, e.If != nil || e.Then != nil || e.Else != nil):
		return false
	}
	return true
}

// merge folds the effective member e into r.
func (m *merger) merge(e *Schema) {
	r := m.r
	m.split(e)
	switch {
	case e.Types == nil:
	case r.Types == nil:
		r.Types = append([]string(nil), e.Types...)
	default:
		r.Types = intersectTypes(r.Types, e.Types)
	}
	for _, p := range e.Properties {
		m.property(p)
	}
	for _, name := range e.Required {
		if !containsString(r.Required, name) {
			r.Required = append(r.Required, name)
		}
	}
	if r.RequiredPos.IsZero() {
		r.RequiredPos = e.RequiredPos
	}
	for _, pp := range e.PatternProperties {
		m.patternProperty(pp)
	}
	r.PropertyNames = allOfBoth(r.PropertyNames, e.PropertyNames)
	r.Items = allOfBoth(r.Items, e.Items)
	take(&r.Dependencies, e.Dependencies)
	take(&r.TupleItems, e.TupleItems)
	takeSchema(&r.AdditionalItems, e.AdditionalItems)
	takeSchema(&r.Contains, e.Contains)
	takeSchema(&r.Not, e.Not)
	takeSchema(&r.If, e.If)
	takeSchema(&r.Then, e.Then)
	takeSchema(&r.Else, e.Else)
	if len(r.OneOf) == 0 && len(r.AnyOf) == 0 && (len(e.OneOf) > 0 || len(e.AnyOf) > 0) {
		r.GoBranches = e.GoBranches
	}
	take(&r.OneOf, e.OneOf)
	take(&r.AnyOf, e.AnyOf)
	r.MinProperties, r.MaxProperties = maxInt(r.MinProperties, e.MinProperties), minInt(r.MaxProperties, e.MaxProperties)
	r.MinItems, r.MaxItems = maxInt(r.MinItems, e.MinItems), minInt(r.MaxItems, e.MaxItems)
	r.MinLength, r.MaxLength = maxInt(r.MinLength, e.MinLength), minInt(r.MaxLength, e.MaxLength)
	r.UniqueItems = r.UniqueItems || e.UniqueItems
	switch {
	case e.Enum == nil:
	case r.Enum == nil:
		r.Enum, r.GoEnum = append([]any{}, e.Enum...), e.GoEnum
	default:
		r.Enum, r.GoEnum = intersectValues(r.Enum, e.Enum), nil
	}
	if e.HasConst {
		r.Const, r.HasConst = e.Const, true
	}
	takeString(&r.Format, e.Format)
	takeString(&r.Pattern, e.Pattern)
	r.Minimum, r.ExclusiveMinimum = extremeNumber(r.Minimum, e.Minimum, 1), extremeNumber(r.ExclusiveMinimum, e.ExclusiveMinimum, 1)
	r.Maximum, r.ExclusiveMaximum = extremeNumber(r.Maximum, e.Maximum, -1), extremeNumber(r.ExclusiveMaximum, e.ExclusiveMaximum, -1)
	if e.MultipleOf != "" {
		if r.MultipleOf == "" {
			r.MultipleOf = e.MultipleOf
		} else {
			r.MultipleOf = largerMultiple(r.MultipleOf, e.MultipleOf)
		}
	}
	takeString(&r.Discriminator, e.Discriminator)
	takeString(&r.ContentMediaType, e.ContentMediaType)
	takeString(&r.ContentEncoding, e.ContentEncoding)
	m.annotate(e)
	m.residual = append(m.residual, e.AllOf...)
}

// annotate takes e's annotations the schema does not state itself (a later
// member's win: allOf: [{$ref: X}, {description: …}] describes X anew) and
// records e as a source.
func (m *merger) annotate(e *Schema) {
	r := m.r
	if e.Title != "" && !m.stated["title"] {
		r.Title = e.Title
	}
	if e.Description != "" && !m.stated["description"] {
		r.Description = e.Description
	}
	if e.HasDefault && !m.stated["default"] {
		r.Default, r.HasDefault = e.Default, true
	}
	if len(e.Examples) > 0 && !m.stated["examples"] {
		r.Examples = e.Examples
	}
	r.Deprecated = r.Deprecated || e.Deprecated
	r.ReadOnly = r.ReadOnly || e.ReadOnly
	r.WriteOnly = r.WriteOnly || e.WriteOnly
	r.Keywords = append(r.Keywords, e.Keywords...)
	if e.MergedFrom != nil {
		r.MergedFrom = append(r.MergedFrom, e.MergedFrom...)
	} else {
		r.MergedFrom = append(r.MergedFrom, e)
	}
}

func annotationsOf(s *Schema) map[string]bool {
	return map[string]bool{"title": s.Title != "", "description": s.Description != "", "default": s.HasDefault, "examples": len(s.Examples) > 0}
}

// property adds p to r; a name r already has gets allOf of both schemas.
func (m *merger) property(p *Property) {
	r := m.r
	for i, q := range r.Properties {
		if q.Name == p.Name {
			if q.Schema != p.Schema {
				c := *q
				c.Schema = allOfBoth(q.Schema, p.Schema)
				r.Properties[i] = &c
			}
			return
		}
	}
	r.Properties = append(r.Properties, p)
}

func (m *merger) patternProperty(p *PatternProperty) {
	r := m.r
	for i, q := range r.PatternProperties {
		if q.Pattern == p.Pattern {
			if q.Schema != p.Schema {
				c := *q
				c.Schema = allOfBoth(q.Schema, p.Schema)
				r.PatternProperties[i] = &c
			}
			return
		}
	}
	r.PatternProperties = append(r.PatternProperties, p)
}

// finish folds back the key sets that cover exactly r's keys and keeps the
// others, with the members that could not be merged, as r's allOf.
func (m *merger) finish() {
	r := m.r
	var names, pats []string
	for _, p := range r.Properties {
		names = append(names, p.Name)
	}
	for _, p := range r.PatternProperties {
		pats = append(pats, p.Pattern)
	}
	for _, k := range m.keySets {
		if sameSet(k.names, names) && sameSet(k.pats, pats) && (r.AdditionalProperties == nil || sameAdditional(r.AdditionalProperties, k.ap)) {
			r.AdditionalProperties = k.ap
			continue
		}
		m.residual = append(m.residual, k.schema())
	}
	r.AllOf = m.residual
	kept := r.Keywords[:0]
	for _, k := range r.Keywords {
		if k.Name == "allOf" && len(r.AllOf) == 0 || k.Name == "additionalProperties" && r.AdditionalProperties == nil {
			continue
		}
		kept = append(kept, k)
	}
	r.Keywords = kept
}

func sameAdditional(a, b *Schema) bool {
	return a == b || a.Bool != nil && b.Bool != nil && *a.Bool == *b.Bool
}

// schema writes the key set as a JSON Schema: {properties: {name: true …},
// patternProperties: {pattern: true …}, additionalProperties: ap}.
func (k keySet) schema() *Schema {
	s := &Schema{URL: k.from.URL, Pointer: k.from.Pointer, Pos: k.from.Pos, AdditionalProperties: k.ap,
		MergedFrom: []*Schema{k.from}, keySetOf: k.from}
	for _, n := range k.names {
		s.Properties = append(s.Properties, &Property{Name: n, Pos: k.from.Property(n).Pos, Schema: trueSchema})
	}
	// k.pats, not k.from's patterns: when k.from is the schema being
	// merged, members have added patterns its additionalProperties never saw.
	for _, pat := range k.pats {
		pp := &PatternProperty{Pattern: pat, Schema: trueSchema}
		for _, p := range k.from.PatternProperties {
			if p.Pattern == pat {
				pp.Pos = p.Pos
				break
			}
		}
		s.PatternProperties = append(s.PatternProperties, pp)
	}
	for _, kw := range []string{"properties", "patternProperties", "additionalProperties"} {
		if k.from.Has(kw) {
			s.Keywords = append(s.Keywords, Keyword{Name: kw, Pos: k.from.KeywordPos(kw)})
		}
	}
	return s
}

// allOfBoth is a schema both a and b must accept: one of them when the
// other is absent or they are the same, else allOf of the two (flattened
// again when a caller reaches it).
func allOfBoth(a, b *Schema) *Schema {
	switch {
	case a == nil || a == b:
		return b
	case b == nil:
		return a
	}
	list := []*Schema{a, b}
	if a.joined {
		list = append(append([]*Schema(nil), a.AllOf...), b) // a is an earlier allOfBoth
	}
	return &Schema{URL: a.URL, Pointer: a.Pointer, Pos: a.Pos, AllOf: list, MergedFrom: list, joined: true,
		Keywords: []Keyword{{Name: "allOf", Pos: a.Pos}}}
}
