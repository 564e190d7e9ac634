package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/lint"
)

// The CLI tests run the command in-process in the golden lint cases'
// folders: clean has no findings, example-violates-schema has exactly one
// error at contracts/user.yaml:33:19.

// lintCase returns the absolute path of a golden lint case.
func lintCase(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "lint", name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runIn runs asyncgen with args in dir and returns what it printed.
func runIn(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"asyncgen"}, args...), &out, &errOut)
	return out.String(), errOut.String(), code
}

// writeConfig writes an asyncgen.yaml into a fresh directory and returns its path.
func writeConfig(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "asyncgen.yaml")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExitCodes(t *testing.T) {
	clean := lintCase(t, "clean")
	finding := lintCase(t, "example-violates-schema")
	warningOnly := lintCase(t, "severity-override")
	// severity-override without its own config: naming/past-tense stays a warning.
	defaults := writeConfig(t, "contracts: "+filepath.Join(warningOnly, "contracts")+"\n")
	empty := t.TempDir()
	tests := []struct {
		name   string
		dir    string
		args   []string
		code   int
		stderr string // a part of stderr, for usage errors
	}{
		{"clean", clean, []string{"lint"}, exitOK, ""},
		{"clean with paths", clean, []string{"lint", "contracts/user.yaml", "contracts/organization_unit.yaml"}, exitOK, ""},
		{"warnings only", warningOnly, []string{"lint", "--config", defaults}, exitOK, ""},
		{"findings", finding, []string{"lint"}, exitFindings, ""},
		{"unknown format", clean, []string{"lint", "--format", "xml"}, exitUsage, `unknown --format "xml"`},
		{"unknown global format", clean, []string{"--format", "xml", "lint"}, exitUsage, `unknown --format "xml"`},
		{"unknown category", clean, []string{"lint", "--disable", "naming,nonsense"}, exitUsage, `unknown category "nonsense"`},
		{"no contracts directory", empty, []string{"lint"}, exitUsage, "contracts directory"},
		{"missing path", clean, []string{"lint", "nope.yaml"}, exitUsage, "nope.yaml"},
		{"missing config", clean, []string{"lint", "--config", "nope.yaml"}, exitUsage, "nope.yaml"},
		{"unknown flag", clean, []string{"lint", "--bogus"}, exitUsage, "bogus"},
		{"unknown command", clean, []string{"lnt"}, exitUsage, `unknown command "lnt"`},
		{"no command", clean, nil, exitUsage, "USAGE:"},
		{"no command, only a global flag", clean, []string{"--format", "json"}, exitUsage, "no command given"},
		{"list in an unknown format", clean, []string{"lint", "--list", "--format", "sarif"}, exitUsage, "text or json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runIn(t, tt.dir, tt.args...)
			if code != tt.code {
				t.Fatalf("asyncgen %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(tt.args, " "), code, tt.code, stdout, stderr)
			}
			if tt.code == exitUsage && !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr does not mention %q:\n%s", tt.stderr, stderr)
			}
			if tt.code == exitOK && strings.Contains(stdout, ": error: ") {
				t.Errorf("exit 0 with errors:\n%s", stdout)
			}
		})
	}
}

// textLine is the compiler-style diagnostic line.
var textLine = regexp.MustCompile(`^[^:]+:\d+:\d+: (error|warning): .+ \[[a-z]+/[a-z0-9-]+\]$`)

func TestFormatText(t *testing.T) {
	stdout, _, code := runIn(t, lintCase(t, "example-violates-schema"), "lint")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d", code, exitFindings)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 1 || !textLine.MatchString(lines[0]) || !strings.HasPrefix(lines[0], "contracts/user.yaml:33:19: error: ") {
		t.Errorf("want one line contracts/user.yaml:33:19: error: … [rule], got:\n%s", stdout)
	}
}

func TestFormatJSON(t *testing.T) {
	dir, clean := lintCase(t, "example-violates-schema"), lintCase(t, "clean")
	stdout, stderr, code := runIn(t, dir, "lint", "--format", "json")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitFindings, stderr)
	}
	var out map[string][]map[string]any
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("--format json is not JSON: %v\n%s", err, stdout)
	}
	if len(out) != 1 || out["diagnostics"] == nil {
		t.Fatalf(`want exactly {"diagnostics": [...]}, got keys %v`, keys(out))
	}
	ds := out["diagnostics"]
	if len(ds) != 1 {
		t.Fatalf("want 1 diagnostic, got %d:\n%s", len(ds), stdout)
	}
	d := ds[0]
	want := []string{"column", "file", "line", "message", "rule", "severity"}
	if got := keys(d); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("diagnostic keys %v, want %v", got, want)
	}
	if d["file"] != "contracts/user.yaml" || d["line"] != 33.0 || d["column"] != 19.0 ||
		d["severity"] != "error" || d["rule"] != "examples/message-payload" || d["message"] == "" {
		t.Errorf("unexpected diagnostic %v", d)
	}

	// No findings is an empty list, not null.
	stdout, _, code = runIn(t, clean, "lint", "--format", "json")
	if code != exitOK || strings.Join(strings.Fields(stdout), "") != `{"diagnostics":[]}` {
		t.Errorf("clean tree: exit %d, output %q; want exit 0 and an empty diagnostics list", code, stdout)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestFormatGitHub(t *testing.T) {
	stdout, _, code := runIn(t, lintCase(t, "example-violates-schema"), "lint", "--format", "github")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d", code, exitFindings)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one annotation, got:\n%s", stdout)
	}
	if want := "::error file=contracts/user.yaml,line=33,col=19,"; !strings.HasPrefix(lines[0], want) {
		t.Errorf("annotation %q does not start with %q", lines[0], want)
	}
}

func TestFormatSARIF(t *testing.T) {
	stdout, _, code := runIn(t, lintCase(t, "example-violates-schema"), "lint", "--format", "sarif")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d", code, exitFindings)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("--format sarif is not JSON: %v\n%s", err, stdout)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("want SARIF 2.1.0 with one run, got version %q and %d runs", log.Version, len(log.Runs))
	}
	r := log.Runs[0]
	if r.Tool.Driver.Name != "asyncgen" {
		t.Errorf("driver name %q", r.Tool.Driver.Name)
	}
	if len(r.Results) != 1 {
		t.Fatalf("want 1 result, got %d", len(r.Results))
	}
	res := r.Results[0]
	if res.RuleID != "examples/message-payload" || res.Level != "error" || res.Message.Text == "" {
		t.Errorf("unexpected result %+v", res)
	}
	if res.RuleIndex < 0 || res.RuleIndex >= len(r.Tool.Driver.Rules) || r.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
		t.Errorf("ruleIndex %d does not point at rule %s in tool.driver.rules", res.RuleIndex, res.RuleID)
	}
	if len(res.Locations) != 1 {
		t.Fatalf("want 1 location, got %d", len(res.Locations))
	}
	loc := res.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "contracts/user.yaml" || loc.Region.StartLine != 33 || loc.Region.StartColumn != 19 {
		t.Errorf("location %+v, want contracts/user.yaml:33:19", loc)
	}
}

// TestFlagPositions: global flags work before and after the command name
// and after positional arguments (urfave/cli alone stops at the first one).
func TestFlagPositions(t *testing.T) {
	dir := lintCase(t, "example-violates-schema")
	want, _, code := runIn(t, dir, "lint", "--format", "json", "contracts/user.yaml")
	if code != exitFindings || !strings.Contains(want, `"diagnostics"`) {
		t.Fatalf("lint --format json: exit %d\n%s", code, want)
	}
	for _, args := range [][]string{
		{"--format", "json", "lint", "contracts/user.yaml"},
		{"--format=json", "lint", "contracts/user.yaml"},
		{"lint", "contracts/user.yaml", "--format", "json"},
		{"lint", "contracts/user.yaml", "--format=json"},
		{"lint", "--format=json", "contracts/user.yaml"},
		{"lint", "--format", "json"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			got, stderr, code := runIn(t, dir, args...)
			if code != exitFindings || got != want {
				t.Errorf("exit %d, want %d; output differs from lint --format json:\n%s%s", code, exitFindings, got, stderr)
			}
		})
	}

	// --config and --disable after the positional arguments.
	warn := writeConfig(t, "rules:\n  examples/message-payload: warning\n")
	for _, args := range [][]string{
		{"--config", warn, "lint", "contracts/user.yaml"},
		{"lint", "contracts/user.yaml", "--config", warn},
		{"lint", "contracts/user.yaml", "--config=" + warn},
	} {
		t.Run("config "+strings.Join(args, " "), func(t *testing.T) {
			got, stderr, code := runIn(t, dir, args...)
			if code != exitOK || !strings.Contains(got, ": warning: ") || !strings.Contains(got, "[examples/message-payload]") {
				t.Errorf("the config did not turn the error into a warning: exit %d\n%s%s", code, got, stderr)
			}
		})
	}
	t.Run("disable after path", func(t *testing.T) {
		got, stderr, code := runIn(t, dir, "lint", "contracts/user.yaml", "--disable", "examples")
		if code != exitOK || got != "" {
			t.Errorf("--disable examples after the path: exit %d\n%s%s", code, got, stderr)
		}
	})
}

func TestLintList(t *testing.T) {
	stdout, stderr, code := runIn(t, lintCase(t, "clean"), "lint", "--list")
	if code != exitOK {
		t.Fatalf("lint --list: exit %d\n%s", code, stderr)
	}
	listed := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(stdout))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) > 0 {
			listed[f[0]] = true
		}
	}
	rules := lint.Rules()
	if len(rules) == 0 {
		t.Fatal("the rule table is empty")
	}
	for _, r := range rules {
		if !listed[r.ID] {
			t.Errorf("lint --list does not list %s", r.ID)
		}
	}
}

// TestLintListJSON: lint --list --format json prints the rule table as
// JSON, one object per rule, in the table's order.
func TestLintListJSON(t *testing.T) {
	stdout, stderr, code := runIn(t, lintCase(t, "clean"), "lint", "--list", "--format", "json")
	if code != exitOK {
		t.Fatalf("lint --list --format json: exit %d\n%s", code, stderr)
	}
	var out struct {
		Rules []struct {
			ID, Category, Severity, Purpose string
			Fatal                           bool
		}
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	rules := lint.Rules()
	if len(out.Rules) != len(rules) {
		t.Fatalf("%d rules listed, want %d", len(out.Rules), len(rules))
	}
	for i, r := range rules {
		got := out.Rules[i]
		if got.ID != r.ID || got.Category != string(r.Category) || got.Severity != r.Severity.String() || got.Fatal != r.Fatal || got.Purpose != r.Doc {
			t.Errorf("rule %d: got %+v, want %s %s %s fatal=%v %q", i, got, r.ID, r.Category, r.Severity, r.Fatal, r.Doc)
		}
	}
}

func TestVersion(t *testing.T) {
	stdout, stderr, code := runIn(t, t.TempDir(), "version")
	if code != exitOK || !strings.HasPrefix(stdout, "asyncgen ") || len(strings.TrimSpace(stdout)) <= len("asyncgen") {
		t.Errorf("version: exit %d, output %q %s", code, stdout, stderr)
	}
}

// readmeRow is one row of the README's rule table:
// | `rule-id` | category | default | purpose |
var readmeRow = regexp.MustCompile("^\\|\\s*`([^`]+)`\\s*\\|\\s*([^|]+?)\\s*\\|\\s*([^|]+?)\\s*\\|\\s*(.+?)\\s*\\|\\s*$")

// TestREADMERules keeps the README's rule table in sync with the rule table:
// every rule is listed once, with its category and default severity, and
// nothing else is listed. (docs/rules.md holds the table as --list prints it.)
func TestREADMERules(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatalf("%v (the README must carry the rule table; see docs/rules.md)", err)
	}
	type row struct{ category, def string }
	listed := map[string]row{}
	for i, line := range strings.Split(string(b), "\n") {
		m := readmeRow.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		if _, dup := listed[m[1]]; dup {
			t.Errorf("README.md:%d: %s is listed twice", i+1, m[1])
		}
		listed[m[1]] = row{m[2], m[3]}
	}
	if len(listed) == 0 {
		t.Fatal("README.md has no rule table (rows like | `rule-id` | category | default | purpose |)")
	}
	for _, r := range lint.Rules() {
		got, ok := listed[r.ID]
		if !ok {
			t.Errorf("README.md does not list rule %s (%s, %s): %s", r.ID, r.Category, defaultSeverity(r), r.Doc)
			continue
		}
		if got.category != string(r.Category) || got.def != defaultSeverity(r) {
			t.Errorf("README.md lists %s as %s, %s; the table says %s, %s", r.ID, got.category, got.def, r.Category, defaultSeverity(r))
		}
		delete(listed, r.ID)
	}
	for _, id := range keys(listed) {
		t.Errorf("README.md lists %s, which is not a rule", id)
	}
}

// defaultSeverity is the DEFAULT column of lint --list.
func defaultSeverity(r lint.Rule) string {
	if r.Fatal {
		return r.Severity.String() + " (fatal)"
	}
	return r.Severity.String()
}

// TestWantRuleIDsExist: every rule a golden lint case expects is in the table.
func TestWantRuleIDsExist(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "lint", "*", "want.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden want.txt files found (%v)", err)
	}
	ruleAtEnd := regexp.MustCompile(`\[([a-z]+/[a-z0-9-]+)\]$`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			m := ruleAtEnd.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			if _, ok := lint.Lookup(m[1]); !ok {
				t.Errorf("%s:%d: rule %s is not in the rule table (lint --list)", filepath.ToSlash(f), i+1, m[1])
			}
		}
	}
}
