package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/diag"
)

func load(t *testing.T, yaml string) (*Config, diag.List) {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	known := func(id string) bool { return id == "naming/past-tense" }
	cats := func(c string) bool { return c == "naming" || c == "codegen" }
	cfg, ds, err := Load(p, dir, func(s string) string { return filepath.Base(s) }, known, cats)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, ds
}

func TestConfigValues(t *testing.T) {
	cfg, ds := load(t, "contracts: api\ngo: {out: out/go, package: ev}\nsql:\n  schema: app\n  tenant: {column: tenant_id, claim: tid}\nrules:\n  naming/past-tense: off\n  metadata/required-fields: [user_id, reason]\ndisable: [codegen]\n")
	if len(ds) != 0 {
		t.Fatalf("unexpected diagnostics: %v", ds)
	}
	if filepath.Base(cfg.Contracts) != "api" || !filepath.IsAbs(cfg.Contracts) {
		t.Errorf("contracts = %q", cfg.Contracts)
	}
	if cfg.Go.Package != "ev" || cfg.SQL.Schema != "app" || cfg.SQL.TenantColumn != "tenant_id" || cfg.SQL.TenantClaim != "tid" || cfg.SQL.EventStore != "domain_events" {
		t.Errorf("values: %+v %+v", cfg.Go, cfg.SQL)
	}
	if cfg.Rules["naming/past-tense"] != diag.Off || strings.Join(cfg.MetadataRequired, ",") != "user_id,reason" || strings.Join(cfg.Disable, ",") != "codegen" {
		t.Errorf("rules: %v %v %v", cfg.Rules, cfg.MetadataRequired, cfg.Disable)
	}
}

func TestConfigErrorsHavePositions(t *testing.T) {
	_, ds := load(t, "go:\n  pakage: x\nrules:\n  naming/nope: error\n  naming/past-tense: loud\ndisable: [styling]\nnaming:\n  property: kebab\n")
	var got []string
	for _, d := range diag.Sort(ds) {
		got = append(got, d.Pos.String()+" "+d.Message)
	}
	want := []string{
		`asyncgen.yaml:2:3 unknown key "pakage" in go; did you mean "package"? (known keys: out, package)`,
		`asyncgen.yaml:4:3 unknown rule "naming/nope" (asyncgen lint --list shows every rule)`,
		`asyncgen.yaml:5:22 rule naming/past-tense: severity must be error, warning, info or off, not "loud"`,
		`asyncgen.yaml:6:11 unknown category "styling"`,
		`asyncgen.yaml:8:13 naming.property must be snake_case, camelCase or any, not "kebab"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFindSearchesUpward(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	os.MkdirAll(sub, 0o755)
	os.WriteFile(filepath.Join(dir, FileName), []byte("{}"), 0o644)
	if got := Find("", sub); got != filepath.Join(dir, FileName) {
		t.Errorf("Find = %q", got)
	}
	if got := Find("x.yaml", sub); got != filepath.Join(sub, "x.yaml") {
		t.Errorf("explicit = %q", got)
	}
}
