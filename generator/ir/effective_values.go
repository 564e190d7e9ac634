package ir

// Helpers of the Flattener's merge: keywords taken from a member, the
// tighter of two bounds, the values or types two schemas share.

import (
	"encoding/json"
	"math/big"
)

func take[T any](into *[]T, v []T) {
	if len(*into) == 0 && len(v) > 0 {
		*into = v
	}
}

func takeSchema(into **Schema, v *Schema) {
	if *into == nil {
		*into = v
	}
}

func takeString(into *string, v string) {
	if *into == "" {
		*into = v
	}
}

func maxInt(a, b *int64) *int64 {
	if a == nil || b != nil && *b > *a {
		return b
	}
	return a
}

func minInt(a, b *int64) *int64 {
	if a == nil || b != nil && *b < *a {
		return b
	}
	return a
}

// extremeNumber returns the larger (sign 1) or smaller (sign -1) of two
// numbers written as text; "" is absent.
func extremeNumber(a, b string, sign int) string {
	ra, okA := NumberText(a)
	rb, okB := NumberText(b)
	switch {
	case !okB:
		return a
	case !okA:
		return b
	case rb.Cmp(ra) == sign:
		return b
	}
	return a
}

// largerMultiple returns whichever of two multipleOf values is a multiple
// of the other ("" when neither is): being a multiple of it implies both.
func largerMultiple(a, b string) string {
	ra, okA := NumberText(a)
	rb, okB := NumberText(b)
	if !okA || !okB || ra.Sign() <= 0 || rb.Sign() <= 0 {
		if a == b {
			return a
		}
		return ""
	}
	switch {
	case new(big.Rat).Quo(ra, rb).IsInt():
		return a
	case new(big.Rat).Quo(rb, ra).IsInt():
		return b
	}
	return ""
}

// NumberText reads a numeric keyword as the IR keeps it (Schema.Minimum,
// MultipleOf …: the number's JSON text) exactly; "" is no number.
func NumberText(s string) (*big.Rat, bool) {
	if s == "" {
		return nil, false
	}
	return new(big.Rat).SetString(s)
}

// intersectTypes is the types both lists admit; integer is a number.
func intersectTypes(a, b []string) []string {
	out := []string{}
	add := func(t string) {
		if !containsString(out, t) {
			out = append(out, t)
		}
	}
	for _, t := range a {
		switch {
		case containsString(b, t):
			add(t)
		case t == "integer" && containsString(b, "number"), t == "number" && containsString(b, "integer"):
			add("integer")
		}
	}
	return out
}

func intersectValues(a, b []any) []any {
	out := []any{}
	for _, v := range a {
		if containsValue(b, v) {
			out = append(out, v)
		}
	}
	return out
}

func containsValue(l []any, v any) bool {
	for _, x := range l {
		if JSONEqual(x, v) {
			return true
		}
	}
	return false
}

// JSONEqual compares JSON values as JSON Schema does: numbers by value
// (1, 1.0 and 1e0 are one value, whether json.Number, float64 or an
// integer), strings only with strings, objects and arrays member by member.
// diff and the effective form share it, so they agree on what "the same
// value" is.
func JSONEqual(a, b any) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || !JSONEqual(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !JSONEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	if ra, ok := NumberValue(a); ok {
		rb, ok := NumberValue(b)
		return ok && ra.Cmp(rb) == 0
	}
	return a == b
}

// NumberValue reads a JSON number value exactly; strings are not numbers.
func NumberValue(v any) (*big.Rat, bool) {
	switch n := v.(type) {
	case json.Number:
		return NumberText(string(n))
	case float64:
		r := new(big.Rat)
		if r.SetFloat64(n) == nil {
			return nil, false
		}
		return r, true
	case int:
		return new(big.Rat).SetInt64(int64(n)), true
	case int64:
		return new(big.Rat).SetInt64(n), true
	}
	return nil, false
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !containsString(b, x) {
			return false
		}
	}
	return true
}
