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
		`asyncgen.yaml:2:3 unknown key "pakage" in go; did you mean "package"? (known keys: initialisms, out, package)`,
		`asyncgen.yaml:4:3 unknown rule "naming/nope" (asyncgen lint --list and asyncgen diff --list show every rule)`,
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

// TestGoPackageMustBeAnIdentifier: go.package becomes the package clause
// of every generated file, so a name Go cannot parse or import is a config
// error at its line:col, not a source dump from the generator.
func TestGoPackageMustBeAnIdentifier(t *testing.T) {
	for value, want := range map[string]string{
		"my-events": `asyncgen.yaml:2:12 go.package "my-events" must be a Go identifier, such as "myevents"`,
		"func":      `asyncgen.yaml:2:12 go.package "func" must be a Go identifier, not a keyword, such as "funcevents"`,
		"'1st'":     `asyncgen.yaml:2:12 go.package "1st" must be a Go identifier, such as "st"`,
		"''":        `asyncgen.yaml:2:12 go.package "" must be a Go identifier, such as "events"`,
		"main":      `asyncgen.yaml:2:12 go.package "main" cannot name an importable package; choose another name, such as "events"`,
		"_":         `asyncgen.yaml:2:12 go.package "_" cannot name an importable package; choose another name, such as "events"`,
		"12":        `asyncgen.yaml:2:12 package must be a string`,
	} {
		cfg, ds := load(t, "go:\n  package: "+value+"\n")
		var got []string
		for _, d := range ds {
			got = append(got, d.Pos.String()+" "+d.Message)
			if d.Rule != RuleConfig {
				t.Errorf("%s: rule %s, want %s", value, d.Rule, RuleConfig)
			}
		}
		if strings.Join(got, "\n") != want {
			t.Errorf("package: %s\ngot:  %s\nwant: %s", value, strings.Join(got, "\n"), want)
		}
		if cfg.Go.Package != "events" {
			t.Errorf("package: %s: the bad name was kept (%q)", value, cfg.Go.Package)
		}
	}
	for _, ok := range []string{"events", "événements", "ev2", "_events"} {
		if cfg, ds := load(t, "go:\n  package: "+ok+"\n"); len(ds) != 0 || cfg.Go.Package != ok {
			t.Errorf("package: %s: %v (kept %q)", ok, ds, cfg.Go.Package)
		}
	}
}

// TestLimits: limits.max_file_size takes bytes or KiB/MiB/GiB,
// limits.max_tokens a count; anything else is a config error at its
// line:col.
func TestLimits(t *testing.T) {
	for value, want := range map[string]int64{"2048": 2048, "64KiB": 64 << 10, "'32 MiB'": 32 << 20, "1GiB": 1 << 30} {
		cfg, ds := load(t, "limits:\n  max_file_size: "+value+"\n")
		if len(ds) != 0 || cfg.Limits.MaxFileSize != want {
			t.Errorf("max_file_size: %s: got %d %v, want %d", value, cfg.Limits.MaxFileSize, ds, want)
		}
	}
	for _, bad := range []string{"0", "-1", "32MB", "lots", "[1]", "2TiB"} {
		cfg, ds := load(t, "limits:\n  max_file_size: "+bad+"\n")
		if len(ds) != 1 || ds[0].Pos.String() != "asyncgen.yaml:2:18" || !strings.Contains(ds[0].Message, "must be a positive size") || cfg.Limits.MaxFileSize != 0 {
			t.Errorf("max_file_size: %s: %v (kept %d)", bad, ds, cfg.Limits.MaxFileSize)
		}
	}
	if cfg, _ := load(t, "{}"); cfg.Limits.MaxFileSize != 0 || cfg.Limits.MaxTokens != 0 {
		t.Errorf("defaults: %+v, want zeros (the readers' defaults)", cfg.Limits)
	}
	if cfg, ds := load(t, "limits: {max_tokens: 5000}\n"); len(ds) != 0 || cfg.Limits.MaxTokens != 5000 {
		t.Errorf("max_tokens: %+v %v", cfg.Limits, ds)
	}
	for _, bad := range []string{"0", "1.5", "many"} {
		if _, ds := load(t, "limits: {max_tokens: "+bad+"}\n"); len(ds) != 1 || !strings.Contains(ds[0].Message, "max_tokens must be a positive whole number") {
			t.Errorf("max_tokens: %s: %v", bad, ds)
		}
	}
}

func TestConfigDiffAccept(t *testing.T) {
	cfg, ds := load(t, `diff:
  accept:
    - {rule: naming/past-tense, event: user.created, pointer: /payload/properties/legacy, reason: never emitted, until: 2027-06-30}
    - fingerprint: 0123456789abcdef
      reason: reviewed in PR 12
`)
	if len(ds) != 0 {
		t.Fatalf("unexpected diagnostics: %v", ds)
	}
	got := cfg.Diff.Accept
	if len(got) != 2 || got[0].Rule != "naming/past-tense" || got[0].Event != "user.created" || got[0].Pointer != "/payload/properties/legacy" ||
		got[0].Reason != "never emitted" || got[0].Until != "2027-06-30" || got[0].Pos.Line != 3 ||
		got[1].Fingerprint != "0123456789abcdef" || got[1].Reason != "reviewed in PR 12" || got[1].Pos.Line != 4 {
		t.Errorf("entries: %+v", got)
	}
}

func TestConfigDiffAcceptFile(t *testing.T) {
	dir := t.TempDir()
	list := "# accepted in review\n- rule: naming/past-tense\n  event: user.created\n  reason: renamed before release\n"
	if err := os.WriteFile(filepath.Join(dir, "accepted.yaml"), []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte("diff: {accept: accepted.yaml}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	known := func(id string) bool { return id == "naming/past-tense" }
	cfg, ds, err := Load(p, dir, filepath.Base, known, func(string) bool { return true })
	if err != nil || len(ds) != 0 {
		t.Fatalf("%v %v", err, ds)
	}
	if a := cfg.Diff.Accept; len(a) != 1 || a[0].Event != "user.created" || a[0].Pos.File != "accepted.yaml" || a[0].Pos.Line != 2 {
		t.Errorf("entries: %+v", a)
	}
}

func TestConfigDiffAcceptErrors(t *testing.T) {
	_, ds := load(t, `diff:
  accept:
    - {rule: naming/past-tense, event: user.created}
    - {rule: naming/past-tense, reason: why}
    - {fingerprint: xyz, reason: why}
    - {rule: nope, event: a.b, reason: why}
    - {rule: naming/past-tense, event: a.b, reason: why, until: soon}
    - {rule: naming/past-tense, event: a.b, reason: why, color: red}
    - {rule: naming/past-tense, event: a.b, reason: "<why this change is safe>"}
`)
	var got []string
	for _, d := range diag.Sort(ds) {
		got = append(got, d.Pos.String()+" "+d.Message)
	}
	want := []string{
		`asyncgen.yaml:3:7 an accepted change needs a reason: say why it is safe`,
		`asyncgen.yaml:4:7 an accepted change names a rule and an event (and optionally a pointer), or a fingerprint`,
		`asyncgen.yaml:5:7 fingerprint "xyz" is not one asyncgen diff prints (16 hex digits)`,
		`asyncgen.yaml:6:7 unknown rule "nope" (asyncgen diff --list shows the diff rules)`,
		`asyncgen.yaml:7:7 until must be a date written YYYY-MM-DD, not "soon"`,
		`asyncgen.yaml:8:58 unknown key "color" in an accepted change; known keys: event, fingerprint, pointer, reason, rule, until`,
		`asyncgen.yaml:9:7 write the reason the change is safe in place of <why this change is safe>`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestIgnoreGlobs(t *testing.T) {
	cfg, ds := load(t, "ignore:\n  naming/past-tense:\n    - 'domains/invitation.yaml#/components/schemas/*'\n    - 'legacy/**'\n    - '**/old-?.yaml'\n    - 'a.yaml#'\n")
	if len(ds) != 0 {
		t.Fatalf("unexpected diagnostics: %v", ds)
	}
	if len(cfg.Ignore) != 4 || cfg.Ignore[0].Pos.Line != 3 || cfg.Ignore[0].RulePos.Line != 2 {
		t.Fatalf("ignore = %+v", cfg.Ignore)
	}
	for _, c := range []struct {
		entry       int
		file, ptr   string
		matches     bool
		matchesFile bool
	}{
		{0, "domains/invitation.yaml", "/components/schemas/Invitation/properties/invitedBy", true, true},
		{0, "domains/invitation.yaml", "/components/schemas/Invitation", true, true},
		{0, "domains/invitation.yaml", "/components/schemas", false, true}, // above the pattern
		{0, "domains/invitation.yaml", "/components/messages/Sent", false, true},
		{0, "domains/user.yaml", "/components/schemas/User", false, false},
		{1, "legacy/a/b/c.yaml", "/x", true, true},
		{1, "legacy.yaml", "", false, false},
		{2, "old-a.yaml", "", true, true},
		{2, "x/y/old-b.yaml", "/p", true, true},
		{2, "x/old-bb.yaml", "", false, false},
		{3, "a.yaml", "/anything", true, true},
	} {
		ig := cfg.Ignore[c.entry]
		if got := ig.Match(c.file, c.ptr); got != c.matches {
			t.Errorf("%q matches %s#%s = %v", ig.Pattern, c.file, c.ptr, got)
		}
		if got := ig.MatchPath(c.file); got != c.matchesFile {
			t.Errorf("%q matches file %s = %v", ig.Pattern, c.file, got)
		}
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

func TestConfigInitialisms(t *testing.T) {
	cfg, ds := load(t, "go: {initialisms: [EUR, iban, DHL]}\n")
	if len(ds) != 0 {
		t.Fatalf("unexpected diagnostics: %v", ds)
	}
	if got := strings.Join(cfg.Go.Initialisms, ","); got != "EUR,IBAN,DHL" {
		t.Errorf("initialisms = %s", got)
	}
	_, ds = load(t, "go: {initialisms: [EUR, 'e-u-r', 3D]}\n")
	if len(ds) != 2 || !strings.Contains(ds[0].Message, "not a word") {
		t.Errorf("bad initialisms: %v", ds)
	}
}

// TestFindStopsAtProjectRoot: the upward search takes the nearest config up
// to the module (go.mod) or repository (.git) root, never one above it.
func TestFindStopsAtProjectRoot(t *testing.T) {
	top := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(top, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(FileName, "contracts: strangers\n") // someone else's, above both projects
	write("mod/go.mod", "module example.com/mod\n")
	write("mod/pkg/sub/x.go", "package sub\n")
	write("repo/.git", "gitdir: elsewhere\n") // a worktree's .git file
	write("repo/a/b/x.txt", "")
	write("owned/go.mod", "module example.com/owned\n")
	write("owned/"+FileName, "contracts: api\n")
	write("owned/internal/events/x.go", "package events\n")
	for _, c := range []struct{ cwd, want string }{
		{"mod/pkg/sub", ""},
		{"mod", ""},
		{"repo/a/b", ""},
		{"owned/internal/events", filepath.Join(top, "owned", FileName)},
		{"owned", filepath.Join(top, "owned", FileName)},
		{".", filepath.Join(top, FileName)},
	} {
		if got := Find("", filepath.Join(top, c.cwd)); got != c.want {
			t.Errorf("Find from %s = %q, want %q", c.cwd, got, c.want)
		}
	}
}
