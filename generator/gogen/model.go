package gogen

import (
	"encoding/json"
	"math"
	"math/big"
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// kind is the Go representation chosen for a schema.
type kind int

const (
	kAny     kind = iota // any: a generic JSON value checked by generated generic code
	kRaw                 // json.RawMessage: a free-form object
	kString              // string
	kTime                // time.Time: a string with format date-time and nothing else
	kInt                 // int64
	kInt32               // int32: format int32 (range checked on decode)
	kFloat               // float64
	kFloat32             // float32: format float without value keywords (range checked on decode)
	kBool                // bool
	kEnum                // named string type with constants
	kStruct              // named struct (properties, allOf flattened)
	kMap                 // map[string]V (a named type when recursive)
	kSlice               // []V (a named type when recursive)
	kUnion               // named struct with one pointer per oneOf/anyOf branch
)

// shape is what the typed layer knows about one schema.
type shape struct {
	kind kind
	// nullOK: JSON null is valid, so the Go value is a pointer (or nil-able).
	nullOK bool
	// elem is the item (slice) or value (map) schema; nil means any.
	elem *ir.Schema
	// fields of a struct, flattened over allOf, in source order.
	fields []*field
	// closed lists, for every struct member with additionalProperties:
	// false, the names its own properties allow.
	closed      []map[string]bool
	closedLists [][]string
	// branches of a union; oneOf is false for anyOf.
	branches []*ir.Schema
	oneOf    bool
	// dispatch is the property whose distinct string consts select a branch.
	dispatch string
}

// field is one struct field.
type field struct {
	prop     *ir.Property
	name     string // Go field name, unique in the struct
	required bool
	// constant: a required property whose schema is only a scalar const
	// (an envelope's event_type, a oneOf discriminator). It gets no Go
	// field: the decoder checks it and MarshalJSON always writes it, so
	// it can be neither forgotten nor set wrong.
	constant bool
}

// annotations are keywords with no effect on validation (or resolved by lower).
var annotations = map[string]bool{
	"title": true, "description": true, "default": true, "examples": true, "deprecated": true,
	"readOnly": true, "writeOnly": true, "$comment": true, "$id": true, "$schema": true,
	"externalDocs": true, "contentMediaType": true, "contentEncoding": true, "example": true,
	"definitions": true, "$ref": true, "nullable": true, "discriminator": true,
}

// allowed lists, per kind, the keywords the typed validators enforce.
var allowed = map[kind][]string{
	kString:  {"type", "enum", "const", "minLength", "maxLength", "pattern", "format"},
	kInt:     {"type", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"},
	kFloat:   {"type", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"},
	kInt32:   {"type", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"},
	kFloat32: {"type", "format"},
	kBool:    {"type", "enum", "const"},
	kSlice:   {"type", "items", "minItems", "maxItems", "uniqueItems"},
	kMap:     {"type", "additionalProperties", "minProperties", "maxProperties", "required"},
	kStruct:  {"type", "properties", "required", "additionalProperties", "allOf"},
	kUnion:   {"type", "oneOf", "anyOf"},
}

func only(s *ir.Schema, k kind) bool {
	for _, kw := range s.Keywords {
		if annotations[kw.Name] || strings.HasPrefix(kw.Name, "x-") {
			continue
		}
		ok := false
		for _, a := range allowed[k] {
			if a == kw.Name {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// types returns the non-null types of s and whether null is among them
// (nullable: true adds null when type is present, as draft-07 reads it).
func types(s *ir.Schema) (nonNull []string, null bool) {
	for _, t := range s.Types {
		if t == "null" {
			null = true
		} else {
			nonNull = append(nonNull, t)
		}
	}
	if s.Nullable && len(s.Types) > 0 {
		null = true
	}
	return nonNull, null
}

// enumValues is the enum as draft-07 reads it (nullable adds null).
func enumValues(s *ir.Schema) []any {
	if s.Enum == nil {
		return nil
	}
	out := append([]any(nil), s.Enum...)
	if s.Nullable {
		has := false
		for _, v := range out {
			if v == nil {
				has = true
			}
		}
		if !has {
			out = append(out, nil)
		}
	}
	return out
}

// model decides the shape of every schema once.
type model struct {
	// alias maps a schema that only wraps one allOf member (plus
	// annotations and annotation-only members: ir.Flattener.Unwrap) to
	// that member: they share one Go type.
	alias     map[*ir.Schema]*ir.Schema
	shapes    map[*ir.Schema]*shape
	busy      map[*ir.Schema]bool
	recursive map[*ir.Schema]bool
	// flat gives the effective schemas allOf compositions are read through.
	flat *ir.Flattener
}

func newModel(set *ir.Set) *model {
	m := &model{alias: map[*ir.Schema]*ir.Schema{}, shapes: map[*ir.Schema]*shape{}, busy: map[*ir.Schema]bool{}, recursive: map[*ir.Schema]bool{},
		flat: ir.NewFlattener()}
	onPath := map[*ir.Schema]bool{}
	done := map[*ir.Schema]bool{}
	var walk func(s *ir.Schema)
	walk = func(s *ir.Schema) {
		if s == nil {
			return
		}
		if onPath[s] {
			m.recursive[s] = true
			return
		}
		if done[s] {
			return
		}
		onPath[s] = true
		for _, c := range s.Children() {
			walk(c)
		}
		delete(onPath, s)
		done[s] = true
	}
	for _, ev := range set.Events {
		walk(ev.Payload)
	}
	return m
}

// target follows aliases to the schema that owns the Go type.
func (m *model) target(s *ir.Schema) *ir.Schema {
	for i := 0; i < 16 && s != nil; i++ {
		m.shape(s)
		t, ok := m.alias[s]
		if !ok {
			return s
		}
		s = t
	}
	return s
}

// shape returns the typed representation of s.
func (m *model) shape(s *ir.Schema) *shape {
	if sh, ok := m.shapes[s]; ok {
		return sh
	}
	if m.busy[s] {
		return &shape{kind: kAny}
	}
	m.busy[s] = true
	sh := m.decide(s)
	delete(m.busy, s)
	m.shapes[s] = sh
	return sh
}

func (m *model) decide(s *ir.Schema) *shape {
	anyShape := &shape{kind: kAny}
	if s.Bool != nil {
		return anyShape
	}
	if !s.Nullable {
		if t := m.flat.Unwrap(s); t != s && m.target(t) != s {
			m.alias[s] = t
			return m.shape(t)
		}
	}
	nonNull, null := types(s)
	enum := enumValues(s)
	nullOK := null && (enum == nil || hasNil(enum)) && (!s.HasConst || s.Const == nil)
	if len(nonNull) > 1 {
		return anyShape
	}
	t := ""
	if len(nonNull) == 1 {
		t = nonNull[0]
	}
	switch t {
	case "string":
		if !only(s, kString) || !allStrings(enum) || (s.HasConst && !isString(s.Const)) {
			return anyShape
		}
		if s.NamedType() {
			return &shape{kind: kEnum, nullOK: nullOK}
		}
		if s.Format == "date-time" && len(s.Keywords) > 0 && onlyKeywords(s, "type", "format") {
			return &shape{kind: kTime, nullOK: nullOK}
		}
		return &shape{kind: kString, nullOK: nullOK}
	case "integer", "number":
		k := numberKind(s, t)
		if k == kAny || !only(s, k) || !allNumbers(enum, k != kFloat && k != kFloat32) || (s.HasConst && !isNumber(s.Const, k != kFloat && k != kFloat32)) {
			return anyShape
		}
		return &shape{kind: k, nullOK: nullOK}
	case "boolean":
		if !only(s, kBool) || !allBools(enum) || (s.HasConst && !isBool(s.Const)) {
			return anyShape
		}
		return &shape{kind: kBool, nullOK: nullOK}
	case "array":
		if !only(s, kSlice) || s.Items == nil && len(s.TupleItems) > 0 {
			return anyShape
		}
		if s.UniqueItems && !primitive(m.shape(s.Items)) {
			return anyShape
		}
		return &shape{kind: kSlice, nullOK: nullOK, elem: s.Items}
	case "object":
		if sh := m.object(s, nullOK); sh != nil {
			return sh
		}
		return anyShape
	case "":
		if nn, _ := types(m.flat.Effective(s)); len(s.AllOf) > 0 && len(nn) == 1 && nn[0] == "object" {
			if sh := m.structShape(s, false); sh != nil {
				return sh
			}
		}
		if sh := m.union(s, false); sh != nil {
			return sh
		}
	}
	return anyShape
}

func (m *model) object(s *ir.Schema, nullOK bool) *shape {
	if len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
		return m.union(s, nullOK)
	}
	if len(s.Properties) > 0 || len(s.AllOf) > 0 {
		return m.structShape(s, nullOK)
	}
	if !only(s, kMap) {
		return nil
	}
	ap := s.AdditionalProperties
	switch {
	case ap != nil && ap.Bool != nil && !*ap.Bool:
		return nil // only {} is valid: leave it to the generic checks
	case ap != nil && ap.Bool == nil:
		return &shape{kind: kMap, nullOK: nullOK, elem: ap}
	case onlyKeywords(s, "type", "additionalProperties"):
		return &shape{kind: kRaw, nullOK: nullOK}
	}
	return &shape{kind: kMap, nullOK: nullOK}
}

// structShape is the struct of s's effective schema (ir.Flattener: allOf
// members merged into one object), or nil when a struct cannot enforce
// it: keywords other than the struct's, a property defined twice
// differently, a required name that is no property, an
// additionalProperties schema, members that could not be merged.
func (m *model) structShape(s *ir.Schema, nullOK bool) *shape {
	if nullOK && len(s.AllOf) > 0 {
		return nil
	}
	e := m.flat.Effective(s)
	sources := e.MergedFrom
	if sources == nil {
		sources = []*ir.Schema{e}
	}
	for _, x := range sources {
		if x.Bool != nil || !only(x, kStruct) || x.Nullable {
			return nil
		}
		if nn, _ := types(x); len(nn) > 1 || len(nn) == 1 && nn[0] != "object" {
			return nil
		}
	}
	sh := &shape{kind: kStruct, nullOK: nullOK}
	// closedBy records a set of keys additionalProperties: false allows.
	closedBy := func(names []string, ap *ir.Schema) bool {
		if ap == nil || ap.Bool != nil && *ap.Bool {
			return true
		}
		if ap.Bool == nil {
			return false
		}
		set := map[string]bool{}
		for _, n := range names {
			set[n] = true
		}
		sh.closed = append(sh.closed, set)
		sh.closedLists = append(sh.closedLists, names)
		return true
	}
	var names []string
	byName := map[string]*field{}
	for _, p := range e.Properties {
		if !tagSafe(p.Name) || p.Schema != nil && p.Schema.MergedFrom != nil {
			return nil // a merged definition has no Go type of its own
		}
		f := &field{prop: p}
		byName[p.Name] = f
		sh.fields = append(sh.fields, f)
		names = append(names, p.Name)
	}
	if len(e.PatternProperties) > 0 || !closedBy(names, e.AdditionalProperties) {
		return nil
	}
	for _, r := range e.AllOf {
		keys, ok := ir.KeySet(r)
		if !ok || len(r.PatternProperties) > 0 || !closedBy(keys, r.AdditionalProperties) {
			return nil
		}
	}
	for _, r := range e.Required {
		f := byName[r]
		if f == nil {
			return nil
		}
		f.required = true
	}
	for _, f := range sh.fields {
		f.constant = f.required && m.constOnly(f.prop.Schema) && allowedByAll(sh.closed, f.prop.Name)
	}
	used := map[string]bool{"Validate": true, "EventType": true, "StreamType": true, "MarshalJSON": true, "UnmarshalJSON": true}
	for _, f := range sh.fields {
		n := f.prop.GoName
		if n == "" {
			n = "Field"
		}
		if used[n] {
			n += "Field"
		}
		f.name = uniqueName(n, used)
	}
	return sh
}

// constOnly reports whether s admits exactly one non-null scalar value:
// a const next to nothing but its type (and annotations).
func (m *model) constOnly(s *ir.Schema) bool {
	if s == nil || !s.HasConst || s.Const == nil || !scalar(s.Const) || s.Nullable {
		return false
	}
	if !onlyKeywords(s, "type", "const") {
		return false
	}
	if len(s.Types) == 0 {
		return true // the const alone decides the type
	}
	switch m.shape(s).kind {
	case kString, kInt, kFloat, kBool:
		return !m.shape(s).nullOK
	}
	return false
}

// allowedByAll reports whether every additionalProperties: false member
// of a flattened struct allows the property name.
func allowedByAll(closed []map[string]bool, name string) bool {
	for _, c := range closed {
		if !c[name] {
			return false
		}
	}
	return true
}

// union returns a union shape when every oneOf (or anyOf) branch is a struct.
func (m *model) union(s *ir.Schema, nullOK bool) *shape {
	if nullOK || (len(s.OneOf) > 0) == (len(s.AnyOf) > 0) || !only(s, kUnion) {
		return nil
	}
	sh := &shape{kind: kUnion, oneOf: len(s.OneOf) > 0, branches: s.OneOf}
	if !sh.oneOf {
		sh.branches = s.AnyOf
	}
	if len(s.GoBranches) != len(sh.branches) {
		return nil
	}
	for _, b := range sh.branches {
		if bs := m.shape(b); bs.kind != kStruct || bs.nullOK {
			return nil
		}
	}
	sh.dispatch = dispatchProperty(s, sh.branches)
	return sh
}

// dispatchProperty finds a property that every branch requires with a
// distinct string const: its value alone selects the branch.
func dispatchProperty(s *ir.Schema, branches []*ir.Schema) string {
	candidates := []string{}
	if s.Discriminator != "" {
		candidates = append(candidates, s.Discriminator)
	}
	for _, p := range branches[0].Properties {
		candidates = append(candidates, p.Name)
	}
	for _, name := range candidates {
		seen := map[string]bool{}
		ok := true
		for _, b := range branches {
			c, found := constOf(b, name)
			if !found || seen[c] {
				ok = false
				break
			}
			seen[c] = true
		}
		if ok {
			return name
		}
	}
	return ""
}

// constOf returns the string const of a required property of b.
func constOf(b *ir.Schema, name string) (string, bool) {
	p := b.Property(name)
	if p == nil || !p.Required || !p.Schema.HasConst {
		return "", false
	}
	c, ok := p.Schema.Const.(string)
	return c, ok
}

func primitive(sh *shape) bool {
	switch sh.kind {
	case kString, kInt, kInt32, kFloat, kFloat32, kBool, kEnum:
		return !sh.nullOK
	}
	return false
}

func onlyKeywords(s *ir.Schema, names ...string) bool {
	for _, kw := range s.Keywords {
		if annotations[kw.Name] && kw.Name != "nullable" || strings.HasPrefix(kw.Name, "x-") {
			continue
		}
		found := false
		for _, n := range names {
			if n == kw.Name {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// tagSafe reports whether encoding/json can carry the name in a struct tag.
func tagSafe(name string) bool {
	if name == "" || name == "-" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return true
}

func hasNil(l []any) bool {
	for _, v := range l {
		if v == nil {
			return true
		}
	}
	return false
}

func isString(v any) bool { _, ok := v.(string); return ok }
func isBool(v any) bool   { _, ok := v.(bool); return ok }

func isNumber(v any, integer bool) bool {
	n, ok := v.(json.Number)
	if !ok {
		return false
	}
	r, ok := new(big.Rat).SetString(string(n))
	return ok && (!integer || r.IsInt())
}

func allStrings(l []any) bool {
	for _, v := range l {
		if v != nil && !isString(v) {
			return false
		}
	}
	return true
}

func allBools(l []any) bool {
	for _, v := range l {
		if v != nil && !isBool(v) {
			return false
		}
	}
	return true
}

func allNumbers(l []any, integer bool) bool {
	for _, v := range l {
		if v != nil && !isNumber(v, integer) {
			return false
		}
	}
	return true
}

// numberKind is the Go kind of an integer or number schema, from its
// OpenAPI format: int32 → int32 and int64 → int64 (a number with either
// must be an integer), float → float32 and double → float64; kAny when
// only the generic checks can enforce the format exactly.
func numberKind(s *ir.Schema, t string) kind {
	switch s.Format {
	case "int32":
		return kInt32
	case "int64":
		return kInt
	}
	if t == "integer" {
		return kInt
	}
	switch s.Format {
	case "float":
		if !hasValueKeywords(s) {
			return kFloat32
		}
		// float32 rounding would blur bounds, multipleOf, enum and
		// const: keep float64 when the bounds imply the float32 range.
		if t == "number" && boundedIn32(s) {
			return kFloat
		}
		return kAny
	}
	return kFloat
}

// hasValueKeywords reports whether a numeric schema constrains its value.
func hasValueKeywords(s *ir.Schema) bool {
	return s.Minimum != "" || s.Maximum != "" || s.ExclusiveMinimum != "" || s.ExclusiveMaximum != "" ||
		s.MultipleOf != "" || s.Enum != nil || s.HasConst
}

// boundedIn32 reports whether a schema's lower and upper bounds both lie
// within float32's range, so that every valid value fits a float32.
func boundedIn32(s *ir.Schema) bool {
	max := new(big.Rat).SetFloat64(math.MaxFloat32)
	within := func(texts ...string) bool {
		for _, t := range texts {
			if r, ok := new(big.Rat).SetString(t); t != "" && ok && r.Abs(r).Cmp(max) <= 0 {
				return true
			}
		}
		return false
	}
	return within(s.Minimum, s.ExclusiveMinimum) && within(s.Maximum, s.ExclusiveMaximum)
}
