package ir

import (
	"encoding/json"
	"testing"
)

// TestJSONEqual: numbers compare by value whatever their Go type, a string
// is never a number, and objects and arrays compare member by member.
func TestJSONEqual(t *testing.T) {
	n := func(s string) json.Number { return json.Number(s) }
	for _, c := range []struct {
		a, b any
		want bool
	}{
		{n("1"), n("1.0"), true},
		{n("1e2"), float64(100), true},
		{int64(3), n("3"), true},
		{int(3), float64(3.5), false},
		{n("1"), "1", false},
		{"1", n("1"), false},
		{"1", "1.0", false},
		{"a", "a", true},
		{nil, nil, true},
		{nil, false, false},
		{true, true, true},
		{map[string]any{"x": n("2"), "y": []any{"a"}}, map[string]any{"x": n("2.0"), "y": []any{"a"}}, true},
		{map[string]any{"x": n("2")}, map[string]any{"x": n("2"), "y": nil}, false},
		{[]any{n("1"), "b"}, []any{"b", n("1")}, false},
	} {
		if got := JSONEqual(c.a, c.b); got != c.want {
			t.Errorf("JSONEqual(%#v, %#v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
