package source

import (
	"testing"

	"github.com/asyncgen/asyncgen/generator/location"
)

func TestPointerAt(t *testing.T) {
	f, ds := Parse("a.yaml", []byte("components:\n  schemas:\n    A:\n      properties:\n        userId: {type: string}\n    B: &b\n      - x\n      - y\n    C: *b\n"), 0)
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	for _, c := range []struct {
		line, col int
		want      string
	}{
		{5, 9, "/components/schemas/A/properties/userId"},  // a key
		{5, 17, "/components/schemas/A/properties/userId"}, // its value's start: the flow mapping
		{5, 24, "/components/schemas/A/properties/userId/type"},
		{5, 30, "/components/schemas/A/properties/userId/type"}, // inside a value: the innermost before
		{8, 9, "/components/schemas/B/1"},
		{1, 1, "/components"},
	} {
		if got := PointerAt(f.Root, location.Pos{File: "a.yaml", Line: c.line, Col: c.col}); got != c.want {
			t.Errorf("%d:%d: %q, want %q", c.line, c.col, got, c.want)
		}
	}
}
