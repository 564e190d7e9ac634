package diff_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/baseline"
	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/internal/synthtree"
)

// synthPair writes two 2,000-event trees (100 domains × 20 events): the
// second tightens every note's maxLength and drops a status value from the
// shared enum, so every event changes in two places.
func synthPair(b *testing.B) (string, string) {
	b.Helper()
	root := b.TempDir()
	old, cur := filepath.Join(root, "old"), filepath.Join(root, "new")
	for _, d := range []string{old, cur} {
		if err := synthtree.Write(d, 100, 20); err != nil {
			b.Fatal(err)
		}
	}
	err := filepath.Walk(cur, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := strings.ReplaceAll(string(data), "maxLength: 2000", "maxLength: 1000")
		s = strings.Replace(s, "[draft, active, suspended, closed]", "[draft, active, closed]", 1)
		return os.WriteFile(p, []byte(s), info.Mode())
	})
	if err != nil {
		b.Fatal(err)
	}
	return old, cur
}

// BenchmarkDiff2000 diffs two loaded 2,000-event trees (the comparison
// itself; loading is BenchmarkDiff2000Load's business).
func BenchmarkDiff2000(b *testing.B) {
	oldDir, newDir := synthPair(b)
	old, err := baseline.LoadDir(oldDir, "old", filepath.Dir(oldDir), nil)
	if err != nil {
		b.Fatal(err)
	}
	cur, err := baseline.LoadDir(newDir, "new", filepath.Dir(newDir), nil)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.ResetTimer()
	cpu0, cpuOK := cpuSeconds()
	var r *diff.Report
	for i := 0; i < b.N; i++ {
		r = diff.Compare([]*diff.Side{old}, cur, diff.Options{Mode: diff.DefaultMode})
	}
	cpu1, _ := cpuSeconds()
	b.StopTimer()
	if cpuOK {
		// CPU seconds per comparison, garbage collection included: the
		// target (under 1 s) holds on a busy machine too, where ns/op
		// also counts the time other processes hold the cores.
		b.ReportMetric((cpu1-cpu0)/float64(b.N), "cpu-s/op")
	}
	if len(r.Events) != 2000 || len(r.Findings) < 4000 {
		b.Fatalf("%d events changed, %d findings", len(r.Events), len(r.Findings))
	}
	b.ReportMetric(float64(len(r.Findings)), "findings")
}

// BenchmarkDiff2000Load is the whole `asyncgen diff` of two 2,000-event
// trees: load and resolve both sides, then compare.
func BenchmarkDiff2000Load(b *testing.B) {
	oldDir, newDir := synthPair(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		old, err := baseline.LoadDir(oldDir, "old", filepath.Dir(oldDir), nil)
		if err != nil {
			b.Fatal(err)
		}
		cur, err := baseline.LoadDir(newDir, "new", filepath.Dir(newDir), nil)
		if err != nil {
			b.Fatal(err)
		}
		diff.Compare([]*diff.Side{old}, cur, diff.Options{Mode: diff.DefaultMode})
	}
}
