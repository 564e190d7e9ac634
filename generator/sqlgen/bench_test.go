package sqlgen_test

import (
	"testing"

	"github.com/asyncgen/asyncgen/generator/internal/synthtree"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// BenchmarkGenerate renders the SQL of a 2,000-event synthetic tree (100
// files); lint and Go generation are measured elsewhere.
func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	if err := synthtree.Write(dir+"/contracts", 100, 20); err != nil {
		b.Fatal(err)
	}
	set, diags, opts := loadCase(b, dir)
	if diags.HasErrors() || len(set.Events) != 2000 {
		b.Fatalf("synthetic tree: %d events, errors: %v", len(set.Events), diags.HasErrors())
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := sqlgen.Generate(set, opts); err != nil {
			b.Fatal(err)
		}
	}
}
