package spec

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefChainIsLinear: dereferencing every schema of a chain of n $refs
// (S0 -> S1 -> … -> Sn, what checking each schema does) costs n steps in
// all, not n²: four times the chain, about four times the allocations.
func TestRefChainIsLinear(t *testing.T) {
	allocs := func(n int) float64 {
		var b strings.Builder
		b.WriteString("components:\n  schemas:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "    S%d: {$ref: '#/components/schemas/S%d'}\n", i, i+1)
		}
		fmt.Fprintf(&b, "    S%d: {type: string}\n", n)
		dir := t.TempDir()
		abs := filepath.Join(dir, "chain.yaml")
		if err := os.WriteFile(abs, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		l := NewLoader(dir, dir)
		f := l.File(abs)
		schemas := f.Root.Get("components").Get("schemas")
		root := Target{Abs: abs, File: f, Node: f.Root}
		return testing.AllocsPerRun(1, func() {
			l.derefs = nil
			for _, s := range schemas.Fields {
				end, ok := l.Deref(root.Child("components", nil).Child("schemas", schemas).Child(s.Key, s.Value))
				if !ok || end.Node.Get("type").Str != "string" {
					t.Fatalf("%s does not lead to the string", s.Key)
				}
			}
		})
	}
	small, large := allocs(500), allocs(2000)
	if ratio := large / small; ratio > 6 {
		t.Errorf("4× the chain took %.1f× the allocations (%.0f, %.0f): resolving is not linear", ratio, small, large)
	}
}
