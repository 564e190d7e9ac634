package lint

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// TestOraclePanicIsADiagnostic: should jsonschema/v5 panic on a worker
// goroutine, lint reports schema/meta at the schemas it compiles instead
// of ending the process.
func TestOraclePanicIsADiagnostic(t *testing.T) {
	set := loadIR(t, filepath.Join("..", "..", "contracts"))
	saved := compileGroupFn
	t.Cleanup(func() { compileGroupFn = saved })
	compileGroupFn = func(*ir.Set, *group, func(string) []byte) groupResult {
		panic("boom")
	}
	ds := Run(set, DefaultSettings(), func(Rule) bool { return true })
	meta := 0
	for _, d := range ds {
		if d.Rule == "schema/meta" && strings.Contains(d.Message, "jsonschema/v5 failed") && strings.Contains(d.Message, "boom") {
			meta++
		}
	}
	roots := makePlan(set).roots
	if len(roots) == 0 || meta != len(roots) {
		t.Fatalf("%d schema/meta findings for %d distinct schemas compiled; want one each", meta, len(roots))
	}
}
