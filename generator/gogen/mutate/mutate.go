// Package mutate derives systematic mutations of a valid payload from its
// schema, for differential tests of generated validators: drop a required
// field, a wrong type, out of range, a bad format, an extra property, a
// wrong enum value, null where it is not allowed. A mutation is not
// necessarily invalid (a schema may allow it); tests compare verdicts.
package mutate

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// Mutation is one changed copy of a value.
type Mutation struct {
	Name  string
	Value any
}

// Of returns the mutations of v (a JSON-shaped value valid under s).
func Of(s *ir.Schema, v any) []Mutation {
	var out []Mutation
	walk(s, v, "", func(path string, repl func(any) any, name string, nv any) {
		out = append(out, Mutation{Name: name + " at " + orRoot(path), Value: repl(nv)})
	}, 0)
	return out
}

func orRoot(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// emit records one mutation: the replacement nv at path, applied through repl.
// beyondFormat is, per OpenAPI numeric format, a number just outside it.
var beyondFormat = map[string]string{
	"int32": "2147483648", "int64": "9223372036854775808", "float": "3.5e38", "double": "1e400",
}

type emit func(path string, repl func(any) any, name string, nv any)

// walk visits v under s; set rebuilds the root with a replaced value here.
func walk(s *ir.Schema, v any, path string, add emit, depth int) {
	walkAt(s, v, path, func(nv any) any { return nv }, add, depth)
}

func walkAt(s *ir.Schema, v any, path string, root func(any) any, add emit, depth int) {
	if s == nil || depth > 8 {
		return
	}
	schemas := flatten(s)
	mut := func(name string, nv any) { add(path, root, name, nv) }
	// type changes
	switch n := v.(type) {
	case string:
		mut("wrong type (number)", json.Number("12345"))
	case json.Number:
		mut("wrong type (string)", "12345")
		if strings.ContainsAny(string(n), ".eE") {
			break
		}
		mut("fraction", json.Number(string(n)+".5"))
		mut("as 1.0 float", json.Number(string(n)+".0"))
	case bool:
		mut("wrong type (string)", "true")
	case []any:
		mut("wrong type (object)", map[string]any{})
	case map[string]any:
		mut("wrong type (array)", []any{})
	}
	mut("null", nil)
	for _, x := range schemas {
		if len(x.Enum) > 0 {
			mut("not in enum", "not-an-enum-value")
		}
		if x.HasConst {
			mut("not the const", "not-the-const")
		}
		if over, ok := beyondFormat[x.Format]; ok {
			mut("beyond "+x.Format, json.Number(over))
			mut("fraction for "+x.Format, json.Number("1.5"))
		}
		if x.Format != "" {
			mut("bad "+x.Format, "not-a-"+x.Format)
			if x.Format == "date-time" {
				mut("date-time with leap second", "1998-12-31T23:59:60Z")
				mut("date-time without offset", "2026-03-14T09:26:53")
			}
		}
		if x.Pattern != "" {
			mut("pattern mismatch", "!! no match !!")
		}
		if x.MinLength != nil && *x.MinLength > 0 {
			mut("too short", strings.Repeat("a", int(*x.MinLength)-1))
		}
		if x.MaxLength != nil {
			mut("too long", strings.Repeat("é", int(*x.MaxLength)+1))
			mut("longest (runes)", strings.Repeat("é", int(*x.MaxLength)))
		}
		for _, b := range []struct{ name, text, delta string }{
			{"below minimum", x.Minimum, "-1"}, {"at minimum", x.Minimum, "0"},
			{"above maximum", x.Maximum, "1"}, {"at maximum", x.Maximum, "0"},
			{"at exclusiveMinimum", x.ExclusiveMinimum, "0"}, {"at exclusiveMaximum", x.ExclusiveMaximum, "0"},
		} {
			if b.text != "" {
				mut(b.name, shift(b.text, b.delta))
			}
		}
		if x.MultipleOf != "" {
			mut("not a multiple", shift(x.MultipleOf, "0.1"))
			mut("a multiple", shift(x.MultipleOf, "0"))
		}
		if x.MinItems != nil && *x.MinItems > 0 {
			mut("too few items", []any{})
		}
		if x.MaxItems != nil {
			items := make([]any, *x.MaxItems+1)
			for i := range items {
				items[i] = json.Number(fmt.Sprint(i))
			}
			mut("too many items", items)
		}
		if x.UniqueItems {
			if a, ok := v.([]any); ok && len(a) > 0 {
				mut("duplicate item", append(append([]any{}, a...), a[0]))
			}
		}
	}
	switch x := v.(type) {
	case map[string]any:
		keys := sortedKeys(x)
		for _, k := range keys {
			if isRequired(schemas, k) {
				add(path, root, "drop required "+k, without(x, k))
			}
		}
		add(path, root, "extra property", with(x, "x_unexpected_property", "surprise"))
		add(path, root, "key in other case", renameCase(x))
		for _, k := range keys {
			ps := propertySchema(schemas, k)
			if ps == nil {
				continue
			}
			k := k
			walkAt(ps, x[k], path+"/"+k, func(nv any) any { return root(with(x, k, nv)) }, add, depth+1)
		}
		for _, x2 := range schemas {
			for _, p := range x2.Properties {
				if _, present := x[p.Name]; !present {
					add(path, root, "add optional "+p.Name, with(x, p.Name, sample(p.Schema)))
				}
			}
		}
	case []any:
		item := itemSchema(schemas)
		for i := range x {
			if i > 2 {
				break
			}
			i := i
			walkAt(item, x[i], fmt.Sprintf("%s/%d", path, i), func(nv any) any {
				c := append([]any{}, x...)
				c[i] = nv
				return root(c)
			}, add, depth+1)
		}
	}
}

// flatten lists s and its allOf members.
func flatten(s *ir.Schema) []*ir.Schema {
	out := []*ir.Schema{s}
	for _, m := range s.AllOf {
		out = append(out, flatten(m)...)
	}
	return out
}

func isRequired(l []*ir.Schema, k string) bool {
	for _, s := range l {
		for _, r := range s.Required {
			if r == k {
				return true
			}
		}
	}
	return false
}

func propertySchema(l []*ir.Schema, k string) *ir.Schema {
	for _, s := range l {
		if p := s.Property(k); p != nil {
			return p.Schema
		}
	}
	for _, s := range l {
		if s.AdditionalProperties != nil && s.AdditionalProperties.Bool == nil {
			return s.AdditionalProperties
		}
	}
	return nil
}

func itemSchema(l []*ir.Schema) *ir.Schema {
	for _, s := range l {
		if s.Items != nil {
			return s.Items
		}
	}
	return nil
}

// sample is a plausible value for a schema (valid or not; the oracle decides).
func sample(s *ir.Schema) any {
	if s == nil || s.Bool != nil {
		return "x"
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	if s.HasConst {
		return s.Const
	}
	t := ""
	if len(s.Types) > 0 {
		t = s.Types[0]
	}
	switch t {
	case "integer", "number":
		if s.Minimum != "" {
			return json.Number(s.Minimum)
		}
		return json.Number("1")
	case "boolean":
		return true
	case "array":
		return []any{}
	case "object":
		return map[string]any{}
	}
	switch s.Format {
	case "uuid":
		return "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
	case "date-time":
		return "2026-03-14T09:26:53Z"
	case "date":
		return "2026-03-14"
	case "email":
		return "someone@example.com"
	case "uri":
		return "https://example.com/x"
	}
	return "sample"
}

// shift adds delta to a decimal text (as a JSON number).
func shift(text, delta string) json.Number {
	var a, b json.Number = json.Number(text), json.Number(delta)
	fa, _ := a.Float64()
	fb, _ := b.Float64()
	if ia, err := a.Int64(); err == nil {
		if ib, err := b.Int64(); err == nil {
			return json.Number(fmt.Sprint(ia + ib))
		}
	}
	return json.Number(fmt.Sprint(fa + fb))
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func without(m map[string]any, k string) map[string]any {
	out := make(map[string]any, len(m))
	for kk, v := range m {
		if kk != k {
			out[kk] = v
		}
	}
	return out
}

func with(m map[string]any, k string, v any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for kk, vv := range m {
		out[kk] = vv
	}
	out[k] = v
	return out
}

// renameCase changes the case of the first key (encoding/json would still
// match it; JSON Schema does not).
func renameCase(m map[string]any) map[string]any {
	keys := sortedKeys(m)
	if len(keys) == 0 {
		return m
	}
	k := keys[0]
	out := without(m, k)
	out[strings.ToUpper(k)] = m[k]
	return out
}
