package sqlgen

import (
	"fmt"
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// checkView is the structural check of event_data that sql.check_data adds
// to a handler: one CASE whose first matching WHEN names the problem.
type checkView struct {
	Cases []*checkCase
}

// checkCase is one WHEN: a SQL condition and the problem text (a SQL
// expression) when it holds.
type checkCase struct {
	Cond, Message string
}

// jsonbTypes maps JSON Schema types to what jsonb_typeof returns.
var jsonbTypes = map[string]string{
	"string": "string", "integer": "number", "number": "number", "boolean": "boolean",
	"object": "object", "array": "array", "null": "null",
}

// dataCheck builds the check of an event's data schema: the data is an
// object when the schema says so, every required key (of the schema and
// its allOf members) is present, and every top-level property whose schema
// states a type holds a JSON value of that type (an integer has no
// fraction). Nested values and other keywords are the Go validators' job.
// It returns nil when the schema states nothing to check.
func dataCheck(s *ir.Schema) (*checkView, error) {
	if s == nil || s.Bool != nil {
		return nil, nil
	}
	v := &checkView{}
	add := func(cond, message string) {
		v.Cases = append(v.Cases, &checkCase{Cond: cond, Message: message})
	}
	if types := schemaTypes(s); len(types) == 1 && types[0] == "object" {
		add(fmt.Sprintf("jsonb_typeof(%s) IS DISTINCT FROM 'object'", eventData),
			fmt.Sprintf("'event_data is a ' || coalesce(jsonb_typeof(%s), 'SQL NULL') || ', want an object'", eventData))
	}
	props, required := ir.AllOfProperties(s)
	for _, name := range required {
		key, err := literal(name)
		if err != nil {
			return nil, err
		}
		msg, err := literal(fmt.Sprintf("required key %q is missing", name))
		if err != nil {
			return nil, err
		}
		add(fmt.Sprintf("NOT %s ? %s", eventData, key), msg)
	}
	for _, p := range props {
		types := schemaTypes(p.Schema)
		if len(types) == 0 {
			continue
		}
		key, err := literal(p.Name)
		if err != nil {
			return nil, err
		}
		var allowed []string
		seen := map[string]bool{}
		for _, t := range types {
			if jt, ok := jsonbTypes[t]; ok && !seen[jt] {
				seen[jt] = true
				allowed = append(allowed, "'"+jt+"'")
			}
		}
		if len(allowed) == 0 {
			continue
		}
		value := fmt.Sprintf("%s->%s", eventData, key)
		prefix, err := literal(fmt.Sprintf("property %q is a ", p.Name))
		if err != nil {
			return nil, err
		}
		want, err := literal(", want " + strings.Join(types, " or "))
		if err != nil {
			return nil, err
		}
		add(fmt.Sprintf("jsonb_typeof(%s) NOT IN (%s)", value, strings.Join(allowed, ", ")),
			fmt.Sprintf("%s || jsonb_typeof(%s) || %s", prefix, value, want))
		if containsType(types, "integer") && !containsType(types, "number") {
			msg, err := literal(fmt.Sprintf("property %q is a number with a fraction, want integer", p.Name))
			if err != nil {
				return nil, err
			}
			add(fmt.Sprintf("jsonb_typeof(%s) = 'number' AND (%s->>%s)::numeric %% 1 <> 0", value, eventData, key), msg)
		}
	}
	if len(v.Cases) == 0 {
		return nil, nil
	}
	return v, nil
}

// schemaTypes is the schema's type list with null added for nullable.
func schemaTypes(s *ir.Schema) []string {
	if s == nil || len(s.Types) == 0 {
		return nil
	}
	types := append([]string(nil), s.Types...)
	if s.Nullable && !containsType(types, "null") {
		types = append(types, "null")
	}
	return types
}

func containsType(types []string, t string) bool {
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}
