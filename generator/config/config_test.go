package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
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
		`asyncgen.yaml:5:22 rule naming/past-tense: severity must be error, warning or off, not "loud"`,
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

// TestConfigSQLOptions: tenancy is a choice (default: org_id column and
// claim; tenant: none), create_verbs replaces the default list (an empty
// list too), on_error and check_data are read.
func TestConfigSQLOptions(t *testing.T) {
	cfg, ds := load(t, "{}\n")
	if len(ds) != 0 || cfg.SQL.NoTenant || cfg.SQL.TenantColumn != "org_id" || cfg.SQL.TenantClaim != "org_id" ||
		cfg.SQL.OnError != OnErrorRecord || cfg.SQL.CheckData || strings.Join(cfg.SQL.CreateVerbs, ",") != strings.Join(ir.DefaultCreateVerbs, ",") {
		t.Errorf("defaults: %+v %v", cfg.SQL, ds)
	}
	cfg, ds = load(t, "sql:\n  tenant: none\n  create_verbs: [placed, trial_started]\n  on_error: abort\n  check_data: true\n")
	if len(ds) != 0 || !cfg.SQL.NoTenant || strings.Join(cfg.SQL.CreateVerbs, ",") != "placed,trial_started" || cfg.SQL.OnError != OnErrorAbort || !cfg.SQL.CheckData {
		t.Errorf("set: %+v %v", cfg.SQL, ds)
	}
	cfg, ds = load(t, "sql: {create_verbs: []}\n")
	if len(ds) != 0 || cfg.SQL.CreateVerbs == nil || len(cfg.SQL.CreateVerbs) != 0 {
		t.Errorf("empty create_verbs: %#v %v", cfg.SQL.CreateVerbs, ds)
	}
}

// TestConfigSQLOptionErrors: unknown values are config/invalid at their
// line:col.
func TestConfigSQLOptionErrors(t *testing.T) {
	_, ds := load(t, "sql:\n  tenant: nobody\n  on_error: ignore\n  check_data: yes please\n  create_verbs: [Placed, 'trial started', placed]\n  tenancy: none\n")
	var got []string
	for _, d := range diag.Sort(ds) {
		got = append(got, d.Pos.String()+" "+d.Rule+" "+d.Message)
	}
	want := []string{
		`asyncgen.yaml:2:11 config/invalid sql.tenant must be none or a mapping {column, claim}, not "nobody"`,
		`asyncgen.yaml:3:13 config/invalid sql.on_error must be record or abort, not "ignore"`,
		`asyncgen.yaml:4:15 config/invalid sql.check_data must be true or false, not "yes please"`,
		`asyncgen.yaml:5:18 config/invalid sql.create_verbs entry "Placed" is not a verb: use lower-case words joined by _, such as placed or trial_started`,
		`asyncgen.yaml:5:26 config/invalid sql.create_verbs entry "trial started" is not a verb: use lower-case words joined by _, such as placed or trial_started`,
		`asyncgen.yaml:6:3 config/invalid unknown key "tenancy" in sql; did you mean "tenant"? (known keys: check_data, create_verbs, event_store, on_error, out, schema, tenant)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
