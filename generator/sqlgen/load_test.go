package sqlgen_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// loadCase lints the contracts of dir (a repository root or a golden case)
// through generator.Lint, with dir/asyncgen.yaml when there is one and the
// default configuration otherwise, and returns the IR, the findings and the
// SQL options the configuration gives.
func loadCase(t testing.TB, dir string) (*ir.Set, diag.List, sqlgen.Options) {
	t.Helper()
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default(dir)
	if p := filepath.Join(dir, config.FileName); fileExists(p) {
		var ds diag.List
		cfg, ds, err = generator.LoadConfig(p, dir)
		if err != nil || ds.HasErrors() {
			t.Fatalf("config %s: %v %v", p, err, ds)
		}
	}
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	return res.IR, res.Diagnostics, generator.SQLOptions(cfg, res)
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
