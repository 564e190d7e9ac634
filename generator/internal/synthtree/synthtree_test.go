package synthtree_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/internal/synthtree"
)

// TestTreeLintsClean keeps the benchmark honest: a synthetic tree that
// produced findings would measure error paths, not the normal run.
func TestTreeLintsClean(t *testing.T) {
	dir := t.TempDir()
	contracts := filepath.Join(dir, "contracts")
	if err := synthtree.Write(contracts, 5, 10); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default(dir)
	cfg.Contracts = contracts
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("%s: %s: %s [%s]", d.Pos, d.Severity, d.Message, d.Rule)
	}
	if got := len(res.IR.Events); got != 50 {
		t.Errorf("lowered %d events, want 50", got)
	}
	if got := len(res.IR.Streams); got != 5 {
		t.Errorf("lowered %d streams, want 5", got)
	}
}

// TestWriteIsDeterministic: the same arguments give byte-identical trees.
func TestWriteIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := synthtree.Write(d, 2, 3); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	err := filepath.WalkDir(a, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		n++
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || string(x) != string(y) {
			t.Errorf("%s differs between two runs", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2*2+2 {
		t.Errorf("wrote %d files, want %d", n, 2*2+2)
	}
}

func TestWriteRejectsEmptyTree(t *testing.T) {
	if err := synthtree.Write(t.TempDir(), 0, 10); err == nil {
		t.Error("Write with 0 files: want an error")
	}
}
