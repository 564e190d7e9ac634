package generator_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/diag"
)

// lintIgnoreCase lints testdata/lint/ignore with its config and extra
// options, and returns the findings as "rule message" lines.
func lintIgnoreCase(t *testing.T, paths []string, disable ...string) []string {
	t.Helper()
	dir, err := filepath.Abs("../testdata/lint/ignore")
	if err != nil {
		t.Fatal(err)
	}
	cfg, ds, err := generator.LoadConfig("", dir)
	if err != nil || len(ds) > 0 {
		t.Fatalf("config: %v %v", err, ds)
	}
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: dir, Paths: paths, Disable: disable})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range res.Diagnostics {
		out = append(out, d.Rule+" "+d.Pos.String())
	}
	return out
}

// TestIgnoreUnusedOnlyWhenJudged: an ignore entry is reported as unused
// only when its rule ran and, for a lint of some PATHs, when its file was
// among them.
func TestIgnoreUnusedOnlyWhenJudged(t *testing.T) {
	all := strings.Join(lintIgnoreCase(t, nil), "\n")
	for _, want := range []string{
		"config/unused-ignore asyncgen.yaml:6:7", // no such file
		"config/unused-ignore asyncgen.yaml:7:7", // no such finding
		"naming/property contracts/domains/user.yaml:10:9",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %s in:\n%s", want, all)
		}
	}
	if strings.Contains(all, "invitation.yaml") || strings.Contains(all, "spec/unused-component") {
		t.Errorf("an ignored finding is reported:\n%s", all)
	}
	// naming off: its entries cannot be judged.
	if got := lintIgnoreCase(t, nil, "naming"); len(got) != 0 {
		t.Errorf("with naming disabled: %v", got)
	}
	// Linting one file: the entry for files not linted is not judged, the
	// entry for a linted file is.
	got := strings.Join(lintIgnoreCase(t, []string{"contracts/platform.yaml"}), "\n")
	if strings.Contains(got, "asyncgen.yaml:6:7") || !strings.Contains(got, "asyncgen.yaml:7:7") {
		t.Errorf("partial lint:\n%s", got)
	}
}

// TestIgnoreFatalRuleRefused: unreadable input is never silenced.
func TestIgnoreFatalRuleRefused(t *testing.T) {
	dir, _ := filepath.Abs("../testdata/lint/ignore-invalid")
	_, ds, err := generator.LoadConfig("", dir)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range ds {
		if d.Rule == "config/invalid" && d.Severity == diag.Error && strings.Contains(d.Message, "spec/ref-missing is fatal") {
			found = true
		}
	}
	if !found {
		t.Errorf("no config error for ignoring a fatal rule: %v", ds)
	}
}
