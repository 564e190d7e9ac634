package generator_test

import (
	"path/filepath"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/internal/sharedtest"
)

func lintDir(t *testing.T, dir string, disable ...string) diag.List {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default(abs)
	cfg.Contracts = abs
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: abs, Disable: disable})
	if err != nil {
		t.Fatal(err)
	}
	return res.Diagnostics
}

// TestShippedContractsLintClean: the project's own contracts have no
// findings at all, not even warnings.
func TestShippedContractsLintClean(t *testing.T) {
	ds := lintDir(t, "../contracts")
	for _, d := range ds {
		t.Errorf("%s: %s: %s [%s]", d.Pos, d.Severity, d.Message, d.Rule)
	}
}

// TestCorpusIsValid: every document of the shared corpus (valid AsyncAPI
// 2.6.0 written by others) lints without errors in plain-API mode.
func TestCorpusIsValid(t *testing.T) {
	dir := sharedtest.Dir(t, sharedtest.SpecExamples)
	ds := lintDir(t, dir, "naming", "versioning", "conventions", "examples", "codegen")
	for _, d := range ds {
		if d.Severity == diag.Error {
			t.Errorf("%s: %s [%s]", d.Pos, d.Message, d.Rule)
		}
	}
}

// TestCorpusEventsFound guards against a loader that finds nothing: the
// corpus holds dozens of messages.
func TestCorpusEventsFound(t *testing.T) {
	abs := sharedtest.Dir(t, sharedtest.SpecExamples)
	cfg := config.Default(abs)
	cfg.Contracts = abs
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: abs})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.IR.Contracts) < 15 || len(res.IR.Events) < 30 {
		t.Errorf("found %d documents and %d events in the corpus", len(res.IR.Contracts), len(res.IR.Events))
	}
}
