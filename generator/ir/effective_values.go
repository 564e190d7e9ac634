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
	ra, okA := rat(a)
	rb, okB := rat(b)
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
	ra, okA := rat(a)
	rb, okB := rat(b)
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

func rat(s string) (*big.Rat, bool) {
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
		if sameValue(x, v) {
			return true
		}
	}
	return false
}

// sameValue compares JSON values as JSON Schema does: numbers by value.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || !sameValue(v, w) {
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
			if !sameValue(x[i], y[i]) {
				return false
			}
		}
		return true
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		ra, okA := rat(string(x))
		rb, okB := rat(string(y))
		return okA && okB && ra.Cmp(rb) == 0 || x == y
	}
	return a == b
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
