package ir

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// schemaGen builds random schemas over a small vocabulary, so that allOf
// members often touch the same properties, types, bounds and keys.
type schemaGen struct {
	r      *rand.Rand
	shared []*Schema // reused members: one *Schema in several places, like a $ref
	// family, when set, keeps a schema and its members to the keywords of
	// one type, so that members rarely conflict and merging is exercised.
	family string
}

var (
	genNames  = []string{"a", "b", "c"}
	genValues = []any{"a", "b", "ab", json.Number("1"), json.Number("2"), json.Number("2.5"), true, nil}
)

func (g *schemaGen) pick(n int) bool { return g.r.Intn(n) == 0 }

func ptr(v int64) *int64 { return &v }

func (g *schemaGen) schema(depth int) *Schema {
	if depth > 0 && len(g.shared) > 0 && g.pick(6) {
		return g.shared[g.r.Intn(len(g.shared))]
	}
	s := &Schema{}
	switch g.r.Intn(10) {
	case 0:
		s.Description = "annotation only"
		return s
	case 1:
		b := g.pick(4)
		s.Bool = &b
		return s
	}
	if g.family != "" {
		return g.familySchema(depth)
	}
	types := []string{"string", "integer", "number", "object", "array", "boolean", "null"}
	if g.pick(2) {
		s.Types = []string{types[g.r.Intn(len(types))]}
		if t := types[g.r.Intn(len(types))]; g.pick(4) && t != s.Types[0] {
			s.Types = append(s.Types, t)
		}
	}
	s.Nullable = g.pick(6)
	if g.pick(3) {
		for _, n := range genNames {
			if g.pick(2) {
				var sub *Schema
				if depth > 0 {
					sub = g.schema(depth - 1)
				} else {
					sub = &Schema{Types: []string{types[g.r.Intn(3)]}}
				}
				s.Properties = append(s.Properties, &Property{Name: n, Schema: sub})
			}
		}
	}
	if g.pick(3) {
		for _, n := range genNames {
			if g.pick(3) {
				s.Required = append(s.Required, n)
			}
		}
	}
	switch g.r.Intn(6) {
	case 0:
		f := false
		s.AdditionalProperties = &Schema{Bool: &f}
	case 1:
		s.AdditionalProperties = &Schema{Types: []string{"string"}}
	}
	if g.pick(8) {
		s.PatternProperties = []*PatternProperty{{Pattern: "^c", Schema: &Schema{Types: []string{"integer"}}}}
	}
	if g.pick(4) {
		for _, v := range genValues {
			if g.pick(2) {
				s.Enum = append(s.Enum, v)
			}
		}
	}
	if g.pick(8) {
		s.Const, s.HasConst = genValues[g.r.Intn(len(genValues))], true
	}
	if g.pick(5) {
		s.MinLength = ptr(int64(g.r.Intn(3)))
	}
	if g.pick(5) {
		s.MaxLength = ptr(int64(g.r.Intn(3)))
	}
	if g.pick(6) {
		s.Pattern = []string{"^a", "b$"}[g.r.Intn(2)]
	}
	nums := []string{"0", "1", "2", "2.5"}
	if g.pick(5) {
		s.Minimum = nums[g.r.Intn(len(nums))]
	}
	if g.pick(5) {
		s.Maximum = nums[g.r.Intn(len(nums))]
	}
	if g.pick(8) {
		s.ExclusiveMaximum = nums[g.r.Intn(len(nums))]
	}
	if g.pick(8) {
		s.MultipleOf = []string{"1", "2", "0.5", "3"}[g.r.Intn(4)]
	}
	if g.pick(6) {
		s.MinItems = ptr(int64(g.r.Intn(3)))
	}
	if g.pick(6) {
		s.MaxItems = ptr(int64(g.r.Intn(3)))
	}
	if g.pick(8) {
		s.UniqueItems = true
	}
	if depth > 0 && g.pick(4) {
		s.Items = g.schema(depth - 1)
	}
	if depth > 0 && g.pick(10) {
		s.Contains = g.schema(depth - 1)
	}
	if depth > 0 && g.pick(10) {
		s.Not = g.schema(depth - 1)
	}
	if depth > 0 && g.pick(8) {
		s.AnyOf = []*Schema{g.schema(depth - 1), g.schema(depth - 1)}
	}
	if depth > 0 && g.pick(8) {
		s.OneOf = []*Schema{g.schema(depth - 1), g.schema(depth - 1)}
	}
	if g.pick(5) {
		s.Title = "t"
	}
	if depth > 0 && g.pick(2) {
		for n := 1 + g.r.Intn(3); n > 0; n-- {
			s.AllOf = append(s.AllOf, g.schema(depth-1))
		}
	}
	if g.pick(3) {
		g.shared = append(g.shared, s)
	}
	return s
}

// familySchema is a schema of g.family's keywords, with allOf members of
// the same family.
func (g *schemaGen) familySchema(depth int) *Schema {
	s := &Schema{}
	if g.pick(2) {
		s.Types = []string{g.family}
	}
	switch g.family {
	case "string":
		if g.pick(2) {
			s.MinLength = ptr(int64(g.r.Intn(3)))
		}
		if g.pick(2) {
			s.MaxLength = ptr(int64(g.r.Intn(4)))
		}
		if g.pick(3) {
			s.Pattern = []string{"^a", "b$"}[g.r.Intn(2)]
		}
		if g.pick(3) {
			s.Enum = []any{"a", "ab", "b"}[:1+g.r.Intn(3)]
		}
		if g.pick(6) {
			s.Const, s.HasConst = []any{"a", "ab"}[g.r.Intn(2)], true
		}
	case "number":
		nums := []string{"0", "1", "2", "2.5"}
		for _, p := range []*string{&s.Minimum, &s.Maximum, &s.ExclusiveMinimum, &s.ExclusiveMaximum} {
			if g.pick(3) {
				*p = nums[g.r.Intn(len(nums))]
			}
		}
		if g.pick(3) {
			s.MultipleOf = []string{"1", "2", "0.5", "3"}[g.r.Intn(4)]
		}
	case "object":
		for _, n := range genNames {
			if g.pick(2) {
				s.Properties = append(s.Properties, &Property{Name: n, Schema: &Schema{Types: []string{[]string{"string", "number"}[g.r.Intn(2)]}}})
			}
			if g.pick(4) {
				s.Required = append(s.Required, n)
			}
		}
		switch g.r.Intn(3) {
		case 0:
			f := false
			s.AdditionalProperties = &Schema{Bool: &f}
		case 1:
			s.AdditionalProperties = &Schema{Types: []string{"string"}}
		}
		if g.pick(4) {
			s.PatternProperties = []*PatternProperty{{Pattern: "^c", Schema: &Schema{Types: []string{"number"}}}}
		}
		s.MinProperties = map[bool]*int64{true: ptr(1)}[g.pick(5)]
	case "array":
		if g.pick(2) {
			s.Items = &Schema{Types: []string{[]string{"string", "number"}[g.r.Intn(2)]}}
		}
		s.MinItems = map[bool]*int64{true: ptr(1)}[g.pick(3)]
		s.MaxItems = map[bool]*int64{true: ptr(2)}[g.pick(3)]
		s.UniqueItems = g.pick(4)
	}
	if g.pick(4) {
		s.Description = "d"
	}
	if depth > 0 && g.pick(2) {
		for n := 1 + g.r.Intn(3); n > 0; n-- {
			s.AllOf = append(s.AllOf, g.familySchema(depth-1))
		}
	}
	return s
}

// value is a random JSON value (numbers as json.Number, as decoded).
func (g *schemaGen) value(depth int) any {
	n := g.r.Intn(8)
	switch g.family {
	case "string":
		n = 3
	case "number":
		n = 2
	case "array":
		n = 4
	case "object":
		n = 7
	}
	if g.pick(4) {
		n = g.r.Intn(8)
	}
	family := g.family
	g.family = "" // below the top, any value
	defer func() { g.family = family }()
	switch n {
	case 0:
		return nil
	case 1:
		return g.pick(2)
	case 2:
		return json.Number([]string{"0", "1", "2", "3", "6", "-1", "2.5", "0.5"}[g.r.Intn(8)])
	case 3:
		return []string{"", "a", "b", "ab", "abc", "ba"}[g.r.Intn(6)]
	case 4:
		if depth > 0 {
			var l []any
			for n := g.r.Intn(4); n > 0; n-- {
				l = append(l, g.value(depth-1))
			}
			if l == nil {
				l = []any{}
			}
			return l
		}
	}
	if depth == 0 {
		return genValues[g.r.Intn(len(genValues))]
	}
	m := map[string]any{}
	for _, k := range []string{"a", "b", "c", "c1", "d"} {
		if g.pick(2) {
			m[k] = g.value(depth - 1)
		}
	}
	return m
}

func compileJSON(t *testing.T, v any) *jsonschema.Schema {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	if err := c.AddResource("mem:///s.json", bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("mem:///s.json")
	if err != nil {
		t.Fatalf("compile %s: %v", b, err)
	}
	return s
}

// TestEffectiveAcceptsTheSameInstances is the property the effective form
// promises: over random allOf compositions and random instances, the
// schema as written and its effective form (flattened at every level)
// accept exactly the same instances, as jsonschema/v5 judges them.
func TestEffectiveAcceptsTheSameInstances(t *testing.T) {
	g := &schemaGen{r: rand.New(rand.NewSource(11))}
	merged, valid, checked := 0, 0, 0
	families := []string{"", "string", "number", "object", "array"}
	for i := 0; i < 2000; i++ {
		g.family = families[i%len(families)]
		s := g.schema(3)
		if s.Bool != nil {
			continue
		}
		f := NewFlattener()
		written, effective := Canonical(s), f.Canonical(s)
		if len(s.AllOf) > 0 && len(f.Effective(s).AllOf) < len(s.AllOf) {
			merged++
		}
		ws, es := compileJSON(t, written), compileJSON(t, effective)
		for j := 0; j < 40; j++ {
			v := g.value(2)
			we, ee := ws.Validate(v), es.Validate(v)
			checked++
			if we == nil {
				valid++
			}
			if (we == nil) != (ee == nil) {
				wb, _ := json.Marshal(written)
				eb, _ := json.Marshal(effective)
				vb, _ := json.Marshal(v)
				t.Fatalf("schema %d: instance %s\nwritten   %s: %v\neffective %s: %v", i, vb, wb, we, eb, ee)
			}
		}
	}
	// The property must not hold vacuously.
	if merged < 200 || valid < checked/20 {
		t.Fatalf("too weak: %d schemas merged allOf members, %d of %d instances valid", merged, valid, checked)
	}
	t.Logf("%d schemas merged allOf members; %d of %d instances valid", merged, valid, checked)
}

// TestEffectiveSpellings checks the equivalences diff and gogen rely on,
// each in one small case.
func TestEffectiveSpellings(t *testing.T) {
	str := &Schema{Types: []string{"string"}, Enum: []any{"org", "unit"}, Description: "Scope"}
	f := NewFlattener()
	canon := func(s *Schema) string { return fmt.Sprint(strip(f.Canonical(s))) }
	cases := []struct {
		name string
		a, b *Schema
	}{
		{"allOf [X] is X", &Schema{AllOf: []*Schema{str}}, str},
		{"annotation-only member", &Schema{AllOf: []*Schema{str, {Description: "the scope"}}}, str},
		{"nullable is type [T, null]", &Schema{Types: []string{"string"}, Nullable: true}, &Schema{Types: []string{"string", "null"}}},
		{"enum [v] is const v", &Schema{Enum: []any{"x"}}, &Schema{Const: "x", HasConst: true}},
		{"oneOf [null, T] is type [T, null]", &Schema{OneOf: []*Schema{{Types: []string{"null"}}, {Types: []string{"string"}}}}, &Schema{Types: []string{"string", "null"}}},
		{"anyOf [T, null] is nullable T", &Schema{AnyOf: []*Schema{str, {Types: []string{"null"}, Description: "none"}}, Description: "Scope"},
			&Schema{Types: []string{"string"}, Enum: []any{"org", "unit"}, Nullable: true, Description: "Scope"}},
		{"allOf of objects is one object", &Schema{AllOf: []*Schema{
			{Types: []string{"object"}, Properties: []*Property{{Name: "a", Schema: str}}, Required: []string{"a"}},
			{Properties: []*Property{{Name: "b", Schema: str}}},
		}}, &Schema{Types: []string{"object"}, Properties: []*Property{{Name: "a", Schema: str}, {Name: "b", Schema: str}}, Required: []string{"a"}}},
	}
	for _, c := range cases {
		if x, y := canon(c.a), canon(c.b); x != y {
			t.Errorf("%s:\n%s\n%s", c.name, x, y)
		}
	}
	// A branch that also judges null keeps the union as written: null
	// matches both branches of this oneOf, which therefore rejects it.
	both := &Schema{OneOf: []*Schema{{Types: []string{"null"}}, {Types: []string{"string", "null"}}}}
	if e := f.Effective(both); len(e.OneOf) != 2 {
		t.Errorf("oneOf of null and a nullable branch was folded: %+v", e)
	}
	if u := f.Unwrap(&Schema{AllOf: []*Schema{str, {Description: "d"}}, Title: "t"}); u != str {
		t.Errorf("Unwrap kept the wrapper")
	}
	closed := &Schema{AllOf: []*Schema{
		{Types: []string{"object"}, Properties: []*Property{{Name: "a", Schema: str}}, AdditionalProperties: &Schema{Bool: new(bool)}},
		{Properties: []*Property{{Name: "b", Schema: str}}},
	}}
	e := f.Effective(closed)
	if names, ok := KeySet(e.AllOf[0]); len(e.AllOf) != 1 || !ok || fmt.Sprint(names) != "[a]" || e.AdditionalProperties != nil {
		t.Errorf("a closed member's key set must stay apart: %+v", e)
	}
}

// strip drops annotations from a canonical value.
func strip(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			switch k {
			case "title", "description", "examples", "default":
				continue
			case "properties":
				m := map[string]any{}
				for n, s := range e.(map[string]any) {
					m[n] = strip(s)
				}
				out[k] = m
				continue
			}
			out[k] = strip(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = strip(e)
		}
		return out
	}
	return v
}

// TestCanonicalRecursiveWithoutNames: two recursive schemas without Go
// names (decoded from a snapshot, or built by a Flattener) get a
// definition each; sharing one would make b's values checked as a's.
func TestCanonicalRecursiveWithoutNames(t *testing.T) {
	a := &Schema{Types: []string{"object"}}
	a.Properties = []*Property{{Name: "next", Schema: a}}
	b := &Schema{Types: []string{"array"}}
	b.Items = b
	root := &Schema{Properties: []*Property{{Name: "a", Schema: a}, {Name: "b", Schema: b}}}
	s := compileJSON(t, Canonical(root))
	if err := s.Validate(map[string]any{"a": map[string]any{"next": map[string]any{}}, "b": []any{[]any{}}}); err != nil {
		t.Errorf("a valid instance is rejected: %v", err)
	}
	if err := s.Validate(map[string]any{"b": []any{map[string]any{}}}); err == nil {
		t.Error("an object inside b is accepted")
	}
}

// TestEffectiveNullUnions checks the null-union spelling against the
// validator: oneOf or anyOf of {type: "null"} and a random schema accepts
// what its effective form accepts, folded or kept.
func TestEffectiveNullUnions(t *testing.T) {
	g := &schemaGen{r: rand.New(rand.NewSource(5))}
	families := []string{"", "string", "number", "object", "array"}
	folded := 0
	for i := 0; i < 1000; i++ {
		g.family = families[i%len(families)]
		branches := []*Schema{{Types: []string{"null"}}, g.schema(2)}
		if i%2 == 1 {
			branches[0], branches[1] = branches[1], branches[0]
		}
		s := &Schema{Description: "d"}
		if i%3 == 0 {
			s.AnyOf = branches
		} else {
			s.OneOf = branches
		}
		f := NewFlattener()
		e := f.Effective(s)
		if len(e.OneOf)+len(e.AnyOf) == 0 {
			folded++
		}
		ws, es := compileJSON(t, Canonical(s)), compileJSON(t, f.Canonical(s))
		for j := 0; j < 40; j++ {
			v := g.value(2)
			if we, ee := ws.Validate(v), es.Validate(v); (we == nil) != (ee == nil) {
				wb, _ := json.Marshal(Canonical(s))
				eb, _ := json.Marshal(f.Canonical(s))
				vb, _ := json.Marshal(v)
				t.Fatalf("union %d: instance %s\nwritten   %s: %v\neffective %s: %v", i, vb, wb, we, eb, ee)
			}
			if j == 0 {
				if we := ws.Validate(nil); we != nil && len(e.OneOf)+len(e.AnyOf) == 0 {
					t.Fatalf("union %d folded but rejects null: %v", i, we)
				}
			}
		}
	}
	if folded < 100 {
		t.Fatalf("too weak: %d of 1000 unions folded", folded)
	}
	t.Logf("%d of 1000 unions folded", folded)
}
