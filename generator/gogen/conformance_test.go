package gogen_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/internal/sharedtest"
)

// suiteCase is one case of the JSON-Schema-Test-Suite.
type suiteCase struct {
	Description string          `json:"description"`
	Data        json.RawMessage `json:"data"`
	Valid       bool            `json:"valid"`
}

type suiteGroup struct {
	Description string          `json:"description"`
	Schema      json.RawMessage `json:"schema"`
	Tests       []suiteCase     `json:"tests"`
}

// conformanceFiles are the draft-07 files the generator answers for: every
// required file plus the formats DESIGN.md lists.
func conformanceFiles(t *testing.T, suite string) []string {
	req, err := filepath.Glob(filepath.Join(suite, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"date-time", "date", "time", "email", "ipv4", "ipv6", "uuid"} {
		req = append(req, filepath.Join(suite, "optional", "format", f+".json"))
	}
	return req
}

// TestConformance runs every group of the draft-07 suite through lint →
// generate → one compiled program that decodes every case through the
// registry. Accepted groups must agree with the suite on every case;
// refused groups must be refused by a codegen lint rule (or use remote
// refs, which generation never follows).
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a large program")
	}
	suite := sharedtest.Dir(t, sharedtest.Suite)
	mod := newModule(t, "conformance")
	work := t.TempDir()

	type accepted struct {
		pkg   string
		name  string
		group suiteGroup
	}
	var groups []accepted
	total, required, requiredAccepted := 0, 0, 0
	var refused, other []string
	for _, file := range conformanceFiles(t, suite) {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var gs []suiteGroup
		if err := json.Unmarshal(raw, &gs); err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(suite, file)
		isRequired := !strings.HasPrefix(rel, "optional")
		for gi, g := range gs {
			total++
			if isRequired {
				required++
			}
			name := fmt.Sprintf("%s#%d %s", rel, gi, g.Description)
			dir := filepath.Join(work, fmt.Sprintf("g%03d", total))
			writeGroupContract(t, dir, g.Schema)
			res := lintDir(t, dir, "naming", "conventions", "examples", "versioning")
			if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
				codegen, remote := false, strings.Contains(string(g.Schema), "http://localhost:1234") || strings.Contains(string(g.Schema), "json-schema.org/draft")
				for _, d := range errs {
					if strings.HasPrefix(d.Rule, "codegen/") {
						codegen = true
					}
				}
				switch {
				case codegen:
					refused = append(refused, name+": "+errs[0].Message)
				case remote:
					refused = append(refused, name+": remote reference")
				default:
					other = append(other, fmt.Sprintf("%s: %s [%s]", name, errs[0].Message, errs[0].Rule))
				}
				continue
			}
			pkg := fmt.Sprintf("g%03d", total)
			generateInto(t, res.IR, mod, pkg)
			groups = append(groups, accepted{pkg: pkg, name: name, group: g})
			if isRequired {
				requiredAccepted++
			}
		}
	}
	// Refs the loader cannot follow offline ($id base changes, URNs,
	// anchors, absolute paths) are refused before any rule runs.
	for _, o := range other {
		t.Logf("refused by the loader: %s", o)
	}

	// One program decodes every case of every accepted group.
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t\"fmt\"\n")
	for _, g := range groups {
		fmt.Fprintf(&b, "\t%q\n", "conformance/"+g.pkg)
	}
	b.WriteString(")\n\nfunc main() {\n")
	for _, g := range groups {
		for ci, c := range g.group.Tests {
			fmt.Fprintf(&b, "\tverdict(%q, %d, func() (error, error) { e, err := %s.Decode(%s.EventTypeTestCase, []byte(%s)); if err != nil { return err, nil }; return nil, e.Validate() })\n",
				g.pkg, ci, g.pkg, g.pkg, strconv.Quote(string(c.Data)))
		}
	}
	b.WriteString(`}

func verdict(pkg string, i int, run func() (error, error)) {
	decodeErr, validateErr := run()
	fmt.Printf("%s %d %v %q\n", pkg, i, decodeErr == nil, fmt.Sprint(decodeErr, " | ", validateErr))
	if decodeErr == nil && validateErr != nil {
		fmt.Printf("%s %d typed %q\n", pkg, i, validateErr.Error())
	}
}
`)
	if err := os.MkdirAll(filepath.Join(mod, "cmd"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "cmd", "main.go"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := runProgram(t, filepath.Join(mod, "cmd"))

	byPkg := map[string]accepted{}
	for _, g := range groups {
		byPkg[g.pkg] = g
	}
	cases, agree := 0, 0
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var failures []string
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), " ", 4)
		if len(f) < 4 {
			continue
		}
		g := byPkg[f[0]]
		i, _ := strconv.Atoi(f[1])
		c := g.group.Tests[i]
		if f[2] == "typed" {
			failures = append(failures, fmt.Sprintf("%s case %d %q: decoded but Validate() fails: %s", g.name, i, c.Description, f[3]))
			continue
		}
		cases++
		got := f[2] == "true"
		if got == c.Valid {
			agree++
		} else {
			failures = append(failures, fmt.Sprintf("%s case %d %q (%s): want valid=%v, got %v: %s", g.name, i, c.Description, c.Data, c.Valid, got, f[3]))
		}
	}
	sort.Strings(refused)
	for _, r := range refused {
		t.Logf("refused: %s", r)
	}
	for _, f := range failures {
		t.Error(f)
	}
	msg := fmt.Sprintf("accepted %d/%d groups (%d/%d required; refused: %d by codegen lint or remote refs, %d by the loader), %d/%d cases agree",
		len(groups), total, requiredAccepted, required, len(refused), len(other), agree, cases)
	t.Log(msg)
	fmt.Println(msg)
	if float64(requiredAccepted) < 0.85*float64(required) {
		t.Errorf("only %d of %d required groups accepted; want at least 85%%", requiredAccepted, required)
	}
}

// writeGroupContract writes a one-message contract whose payload is the
// group's schema, kept in its own file so the suite's "#…" refs resolve
// against the schema itself.
func writeGroupContract(t *testing.T, dir string, schema json.RawMessage) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	doc := `asyncapi: 2.6.0
info:
  title: Conformance
  version: 1.0.0
channels:
  test.case:
    subscribe:
      message:
        name: test.case
        payload:
          $ref: 'schema.json'
`
	if err := os.WriteFile(filepath.Join(dir, "asyncapi.yaml"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "schema.json"), schema, 0o644); err != nil {
		t.Fatal(err)
	}
}
