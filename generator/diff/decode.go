package diff

import (
	"encoding/json"
	"sort"
	"strconv"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

// decoder builds ir.Schema values from JSON Schema held as JSON values: the
// message headers of a contract, and the canonical schemas kept in snapshots
// and in the registry. As in lower, there is one ir.Schema per resolved
// location, so recursive schemas become pointer cycles.
type decoder struct {
	res    resources
	locate func(url, ptr string) location.Pos
	memo   map[string]*ir.Schema
}

func newDecoder(res resources, locate func(url, ptr string) location.Pos) *decoder {
	return &decoder{res: res, locate: locate, memo: map[string]*ir.Schema{}}
}

func (d *decoder) pos(u, ptr string) location.Pos {
	if d.locate == nil {
		return location.Pos{}
	}
	return d.locate(u, ptr)
}

// schema decodes the schema v found at u#ptr.
func (d *decoder) schema(u, ptr string, v any) *ir.Schema {
	ru, rp, rv, ok := d.res.deref(u, ptr, v)
	if !ok {
		// An unresolvable ref accepts anything; lint reports it on real contracts.
		return &ir.Schema{URL: u, Pointer: ptr, Pos: d.pos(u, ptr)}
	}
	key := ru + "#" + rp
	if s := d.memo[key]; s != nil {
		return s
	}
	s := &ir.Schema{URL: ru, Pointer: rp, Pos: d.pos(ru, rp)}
	d.memo[key] = s
	obj, isObj := rv.(map[string]any)
	if b, isBool := rv.(bool); isBool {
		s.Bool = &b
	}
	if !isObj {
		return s
	}
	sub := func(kp string, val any) *ir.Schema { return d.schema(ru, kp, val) }
	list := func(kp string, val any) []*ir.Schema {
		arr, _ := val.([]any)
		out := make([]*ir.Schema, 0, len(arr))
		for i, it := range arr {
			out = append(out, sub(childIndex(kp, i), it))
		}
		return out
	}
	for _, k := range sortedKeys(obj) {
		val := obj[k]
		kp := child(rp, k)
		s.Keywords = append(s.Keywords, ir.Keyword{Name: k, Pos: d.pos(ru, kp)})
		switch k {
		case "type":
			switch t := val.(type) {
			case string:
				s.Types = []string{t}
			case []any:
				for _, it := range t {
					if str, ok := it.(string); ok {
						s.Types = append(s.Types, str)
					}
				}
			}
		case "nullable":
			s.Nullable = val == true
		case "properties":
			props, _ := val.(map[string]any)
			for _, name := range sortedKeys(props) {
				pp := child(kp, name)
				s.Properties = append(s.Properties, &ir.Property{Name: name, Pos: d.pos(ru, pp), Schema: sub(pp, props[name])})
			}
		case "required":
			s.RequiredPos = d.pos(ru, kp)
			arr, _ := val.([]any)
			for _, it := range arr {
				if str, ok := it.(string); ok {
					s.Required = append(s.Required, str)
				}
			}
		case "additionalProperties":
			s.AdditionalProperties = sub(kp, val)
		case "patternProperties":
			pats, _ := val.(map[string]any)
			for _, p := range sortedKeys(pats) {
				pp := child(kp, p)
				s.PatternProperties = append(s.PatternProperties, &ir.PatternProperty{Pattern: p, Pos: d.pos(ru, pp), Schema: sub(pp, pats[p])})
			}
		case "propertyNames":
			s.PropertyNames = sub(kp, val)
		case "dependencies":
			deps, _ := val.(map[string]any)
			for _, p := range sortedKeys(deps) {
				dep := &ir.Dependency{Property: p, Pos: d.pos(ru, child(kp, p))}
				if arr, ok := deps[p].([]any); ok {
					for _, it := range arr {
						if str, ok := it.(string); ok {
							dep.Required = append(dep.Required, str)
						}
					}
				} else {
					dep.Schema = sub(child(kp, p), deps[p])
				}
				s.Dependencies = append(s.Dependencies, dep)
			}
		case "minProperties":
			s.MinProperties = intOf(val)
		case "maxProperties":
			s.MaxProperties = intOf(val)
		case "items":
			if _, tuple := val.([]any); tuple {
				s.TupleItems = list(kp, val)
			} else {
				s.Items = sub(kp, val)
			}
		case "additionalItems":
			s.AdditionalItems = sub(kp, val)
		case "contains":
			s.Contains = sub(kp, val)
		case "minItems":
			s.MinItems = intOf(val)
		case "maxItems":
			s.MaxItems = intOf(val)
		case "uniqueItems":
			s.UniqueItems = val == true
		case "enum":
			s.Enum, _ = val.([]any)
			if s.Enum == nil {
				s.Enum = []any{}
			}
		case "const":
			s.Const, s.HasConst = val, true
		case "format":
			s.Format, _ = val.(string)
		case "pattern":
			s.Pattern, _ = val.(string)
		case "minLength":
			s.MinLength = intOf(val)
		case "maxLength":
			s.MaxLength = intOf(val)
		case "minimum":
			s.Minimum = numberText(val)
		case "maximum":
			s.Maximum = numberText(val)
		case "exclusiveMinimum":
			s.ExclusiveMinimum = numberText(val)
		case "exclusiveMaximum":
			s.ExclusiveMaximum = numberText(val)
		case "multipleOf":
			s.MultipleOf = numberText(val)
		case "allOf":
			s.AllOf = list(kp, val)
		case "anyOf":
			s.AnyOf = list(kp, val)
		case "oneOf":
			s.OneOf = list(kp, val)
		case "not":
			s.Not = sub(kp, val)
		case "if":
			s.If = sub(kp, val)
		case "then":
			s.Then = sub(kp, val)
		case "else":
			s.Else = sub(kp, val)
		case "contentMediaType":
			s.ContentMediaType, _ = val.(string)
		case "contentEncoding":
			s.ContentEncoding, _ = val.(string)
		case "discriminator":
			s.Discriminator, _ = val.(string)
		case "title":
			s.Title, _ = val.(string)
		case "description":
			s.Description, _ = val.(string)
		case "default":
			s.Default, s.HasDefault = val, true
		case "examples":
			s.Examples, _ = val.([]any)
		case "deprecated":
			s.Deprecated = val == true
		case "readOnly":
			s.ReadOnly = val == true
		case "writeOnly":
			s.WriteOnly = val == true
		}
	}
	for _, p := range s.Properties {
		p.Required = containsStr(s.Required, p.Name)
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func intOf(v any) *int64 {
	switch n := v.(type) {
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return &i
		}
		if f, err := n.Float64(); err == nil {
			i := int64(f)
			return &i
		}
	case float64:
		i := int64(n)
		return &i
	case int64:
		return &n
	case int:
		i := int64(n)
		return &i
	}
	return nil
}

func numberText(v any) string {
	switch n := v.(type) {
	case json.Number:
		return n.String()
	case float64:
		return strconv.FormatFloat(n, 'g', -1, 64)
	case int64:
		return strconv.FormatInt(n, 10)
	case int:
		return strconv.Itoa(n)
	}
	return ""
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
