package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/internal/hostile"
)

// TestHostileShapes: each shape that made asyncgen's cost grow faster than
// its input (issue 14) is refused with a diagnostic that says why, at its
// line:col, or linted; none reaches the quadratic parts of goccy/go-yaml.
// (How fast and how small that is, is measured by BenchmarkHostile.)
func TestHostileShapes(t *testing.T) {
	tests := []struct {
		shape string
		size  int
		want  string // the one diagnostic, up to the end of its message's first words; "" for none
	}{
		// 50,000 levels of [ took 3.5 s and 3.9 GB.
		{"flow-nesting", 100_000, "hostile.yaml:1:513: error: YAML nested deeper than 512 levels [spec/input-limit]"},
		{"block-nesting", 100_000, "hostile.yaml:1:1025: error: YAML nested deeper than 512 levels [spec/input-limit]"},
		// 200,000 keys and an empty value took 108 s (10,000 are enough here).
		{"block-keys-then-null", 100_000, "hostile.yaml:1:1: error: this mapping has 11112 keys: too many for a file that uses anchors, aliases, tags, empty values or explicit keys"},
		{"anchored-keys", 150_000, "hostile.yaml:1:1: error: this mapping has 9514 keys"},
		// A flow mapping of 1 M keys was refused about aliases, after 60 s.
		{"flow-keys", 14_000_000, "hostile.yaml:1:1388890: error: the file has more than 250000 line breaks and YAML indicators"},
		{"documents", 180_000, "hostile.yaml:4:1: error: a contract file must hold one YAML document, found a second one here [spec/yaml-syntax]"},
		// A chain of 100,000 $refs took 38 s (see also TestRefChainIsLinear).
		{"ref-chain", 500_000, ""},
		// One 10 MB scalar cost 2 s and 400 MB in goccy's scanner.
		{"long-scalar", 10_000_000, "hostile.yaml:1:13: error: a scalar of more than 1048576 bytes without a line break or YAML indicator starts here"},
	}
	for _, tt := range tests {
		t.Run(tt.shape, func(t *testing.T) {
			var shape *hostile.Shape
			for i := range hostile.Shapes {
				if hostile.Shapes[i].Name == tt.shape {
					shape = &hostile.Shapes[i]
				}
			}
			if shape == nil {
				t.Fatalf("no shape %s", tt.shape)
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "hostile.yaml"), shape.Build(tt.size), 0o644); err != nil {
				t.Fatal(err)
			}
			ds := lintDir(t, dir, "naming")
			var got []string
			for _, d := range ds {
				if d.Rule != "spec/no-documents" { // the shapes that are not AsyncAPI documents
					got = append(got, d.Pos.String()+": "+d.Severity.String()+": "+d.Message+" ["+d.Rule+"]")
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("want no findings, got:\n%s", strings.Join(got, "\n"))
			case tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.want)):
				t.Errorf("want one finding starting %q, got:\n%.2000s", tt.want, strings.Join(got, "\n"))
			}
			if strings.Contains(strings.Join(got, "\n"), "spec/yaml-alias-limit") {
				t.Errorf("a size limit reported as an alias limit:\n%s", strings.Join(got, "\n"))
			}
		})
	}
}
