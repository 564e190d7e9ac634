package source_test

import (
	"runtime"
	"testing"

	"github.com/asyncgen/asyncgen/generator/source"
)

// TestAliasBombIsRefused parses a 9-level billion-laughs document (10^9
// expanded strings) with the default budget: it must fail with the alias
// rule, and converting must not expand the aliases in memory.
func TestAliasBombIsRefused(t *testing.T) {
	data := []byte(laughs(9))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f, ds := source.Parse("contracts/bomb.yaml", data, 0)
	runtime.ReadMemStats(&after)

	if f.Root != nil {
		t.Fatalf("alias bomb parsed into a tree of %d nodes", f.Root.Size())
	}
	found := false
	for _, d := range ds {
		if d.Rule == source.RuleAliasExpansion {
			found = true
			if d.Pos.Line < 1 || d.Pos.Col < 1 || d.Pos.File != "contracts/bomb.yaml" {
				t.Errorf("alias diagnostic has no position: %+v", d)
			}
		}
	}
	if !found {
		t.Fatalf("want a %s diagnostic, got %+v", source.RuleAliasExpansion, ds)
	}
	const limit = 64 << 20
	t.Logf("parsing the alias bomb allocated %d KiB", (after.TotalAlloc-before.TotalAlloc)>>10)
	if got := after.TotalAlloc - before.TotalAlloc; got > limit {
		t.Errorf("parsing the alias bomb allocated %d MiB, want < %d MiB", got>>20, limit>>20)
	}
}

// TestAliasesWithinBudget keeps ordinary aliases working: a shared node is
// counted once per use.
func TestAliasesWithinBudget(t *testing.T) {
	f, ds := source.Parse("a.yaml", []byte(laughs(3)), 0)
	if f.Root == nil || ds.HasErrors() {
		t.Fatalf("3-level laughs refused: %+v", ds)
	}
	// The root, then l0 (an array of 10 strings), l1 (10 copies of l0) and
	// l2 (10 copies of l1).
	if got, want := f.Root.Size(), 1+11+(1+10*11)+(1+10*111); got != want {
		t.Errorf("Size() = %d, want %d", got, want)
	}
	if _, ds := source.Parse("a.yaml", []byte(laughs(4)), 5000); !hasRule(ds, source.RuleAliasExpansion) {
		t.Errorf("4-level laughs within a 5000-node budget: want %s, got %+v", source.RuleAliasExpansion, ds)
	}
}

// TestStrTag: !!str reads the scalar as written, also for block scalars and
// through anchors and aliases (it used to yield "|" and "*", and to lose the
// anchor).
func TestStrTag(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a: !!str 1.10\n", `{"a":"1.10"}`},
		{"a: !!str |\n  text\n", `{"a":"text\n"}`},
		{"a: !!str >-\n  folded\n  text\n", `{"a":"folded text"}`},
		{"x: &x 010\na: !!str *x\n", `{"x":8,"a":"010"}`},
		{"x: &x [1]\na: !!str *x\n", `{"x":[1],"a":[1]}`},
		{"a: !!str &x 1\nb: *x\n", `{"a":"1","b":1}`},
	} {
		f, ds := source.Parse("a.yaml", []byte(c.in), 0)
		if f.Root == nil {
			t.Errorf("%q: %v", c.in, ds)
			continue
		}
		if got, _ := f.Root.MarshalJSON(); string(got) != c.want {
			t.Errorf("%q: got %s, want %s", c.in, got, c.want)
		}
	}
}
