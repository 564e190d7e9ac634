package generator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/gogen"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// Contract text is input from people. These tests put hostile strings in
// every text field of one contract (descriptions, summaries, titles,
// examples, defaults, enum and const values) and check that the generated
// Go declares exactly what the same contract declares with those fields
// emptied, and that the generated SQL holds the same statements as with
// plain text: text never becomes code.

// hostileTexts are the seeds: the reproductions, then every way
// out of a Go comment, a Go or SQL string literal, a SQL comment or a
// dollar-quoted function body, and characters that Go source, PostgreSQL
// or a reader's eyes treat specially.
var hostileTexts = []string{
	"x\n/**/ func init() { println(\"PWNED\") } //",
	"T\n*/\nfunc init(){ println(\"PWNED\") }\n/*",
	"/**/ Injected int",
	"y\n/**/ Injected int //",
	"*/ func init() {} /*",
	"/*",
	"*/",
	"// comment\nfunc init() {}",
	"\ntype Injected struct{}\n",
	"a\rfunc init() {}\r",
	"a\r\nvar Injected = 1\r\n",
	"a\u2028func init() {}\u2029b",
	"a\u0085func init() {}",
	"+build ignore",
	"x\n+build ignore\n",
	"\t+build linux",
	"go:generate rm -rf /",
	"\n//go:generate rm -rf /\n",
	"line 1 \"x.go\"",
	"`raw` \"quoted\" \\\" \\ backslash '",
	"\"); func init() { println(\"PWNED\") }; var _ = (\"",
	"`; func init() {}; var _ = `",
	"'); DROP TABLE domain_events; --",
	"'; DROP TABLE domain_events; --",
	"$$; DROP TABLE domain_events; $$",
	"$body$ $x$ $1 $",
	"-- comment\nDROP TABLE domain_events;",
	"*/ DROP TABLE domain_events; /*",
	"\\'; DROP TABLE domain_events; --",
	"E'\\x27'; DROP TABLE domain_events; --",
	"bell\a esc\x1b[31m del\x7f c1\u009b vt\v ff\f",
	"trojan \u202eevil\u202c \u2066iso\u2069 \u200fmark",
	"bad utf8 \xff\xfe end",
	"tabs\tand\ttrailing spaces   ",
	"Ünïcödé 日本語 😀 עברית e\u0301",
	"",
	" ",
	"\n\n",
	"The user registered.\n  - first item\n  - second item\nAfter the list.",
	"# Heading\n\n```go\nfunc init() {}\n```\n\n    indented code\n\n1. one\n2. two",
	strings.Repeat("long line ", 40),
	"nul \x00 inside",
	"bom \ufeff inside",
	"\ufeff",
}

// hostileDisable are the categories off for the hostile contract: its
// names follow no event-store convention, and examples are not the point.
var hostileDisable = []string{"naming", "conventions", "versioning", "examples"}

// hostileRun is what one contract generates.
type hostileRun struct {
	diags  diag.List
	goOut  []files.File
	sqlOut []files.File
	// sqlErr is the SQL generator's error (there should be none).
	sqlErr error
}

// generateHostile writes the contract with text in the text fields mask
// selects (plain text in the others) and generates Go and SQL from it,
// whatever lint says (generate itself stops at lint errors; here the
// generators must be safe without lint too). It returns nil when the text
// repeats a sibling enum value, which lint rightly refuses.
func generateHostile(t testing.TB, text string, mask uint64, sqlSchema string) *hostileRun {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "users.yaml"), hostileContract(text, mask), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default(dir)
	cfg.Contracts = dir
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: dir, Disable: hostileDisable})
	if err != nil {
		t.Fatalf("%q: lint: %v", text, err)
	}
	run := &hostileRun{diags: res.Diagnostics}
	for _, d := range res.Diagnostics {
		if d.Severity != diag.Error || d.Rule == "codegen/invisible-character" {
			continue
		}
		if d.Rule == "schema/meta" && enumMember[strings.ToValidUTF8(text, "\uFFFD")] {
			// The text repeats a sibling enum value; JSON Schema wants them unique.
			return nil
		}
		t.Fatalf("%q: unexpected lint error: %s: %s [%s]", text, d.Pos, d.Message, d.Rule)
	}
	run.goOut, err = gogen.Generate(res.IR, gogen.Options{Dir: filepath.Join(dir, "events"), Package: "events"})
	if err != nil {
		t.Fatalf("%q: generating Go: %v", text, err)
	}
	o := generator.SQLOptions(cfg, res)
	o.Dir = filepath.Join(dir, "sql")
	o.Schema = sqlSchema
	run.sqlOut, run.sqlErr = sqlgen.Generate(res.IR, o)
	return run
}

// baselines are computed once: the fuzz target compares every input with them.
var (
	baselineOnce          sync.Once
	baselineGo, baselineX map[string]string
	baselineSQL           map[string]sqlFile
)

func baselines(t testing.TB) (goShape map[string]string, sql map[string]sqlFile) {
	baselineOnce.Do(func() {
		empty := generateHostile(t, "", allFields, "public")
		plain := generateHostile(t, "x", allFields, "public")
		if empty.sqlErr != nil || plain.sqlErr != nil {
			t.Fatalf("baseline SQL: %v %v", empty.sqlErr, plain.sqlErr)
		}
		baselineGo = goShapes(t, empty.goOut)
		baselineX = goShapes(t, plain.goOut)
		baselineSQL = sqlShapes(t, plain.sqlOut)
	})
	if baselineGo == nil {
		t.Fatal("baselines failed to generate")
	}
	return baselineGo, baselineSQL
}

// checkHostile generates the contract with text in the fields mask
// selects and compares its Go and SQL with the baselines.
func checkHostile(t testing.TB, text string, mask uint64) *hostileRun {
	t.Helper()
	wantGo, wantSQL := baselines(t)
	run := generateHostile(t, text, mask, "public")
	if run == nil {
		return nil
	}
	valid := strings.ToValidUTF8(text, "\uFFFD")
	used := mask&(1<<hostileFields-1) != 0
	invisible := used && strings.ContainsAny(valid, "\x00\uFEFF")
	warned := false
	for _, d := range run.diags {
		warned = warned || d.Rule == "codegen/invisible-character"
	}
	if warned != invisible {
		t.Errorf("%q: codegen/invisible-character reported = %v, want %v (only a NUL or a BOM): %v", text, warned, invisible, run.diags)
	}
	if run.diags.HasErrors() {
		t.Errorf("%q: lint errors, want none (text alone is never refused): %v", text, run.diags)
	}
	got := goShapes(t, run.goOut)
	compareGo(t, text, got, wantGo)
	// A NUL, which PostgreSQL cannot store, is written as the text \x00
	// (ir.Storable): SQL is generated whatever the text.
	if run.sqlErr != nil {
		t.Errorf("%q: generating SQL: %v", text, run.sqlErr)
	} else {
		compareSQL(t, text, sqlShapes(t, run.sqlOut), wantSQL)
	}
	return run
}

// compareGo reports files whose declarations differ from the baseline.
func compareGo(t testing.TB, text string, got, want map[string]string) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%q: %s is not generated", text, name)
		case g != w:
			t.Errorf("%q: %s declares something else than with the text emptied:\n%s", text, name, firstDiff(w, g))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%q: %s is generated only with this text", text, name)
		}
	}
}

// TestHostileTextBaselines: the two baselines declare the same Go (so
// what the comparison ignores, the text, really is all that differs), and
// the hostile contract reaches every kind of Go declaration the check
// relies on.
func TestHostileTextBaselines(t *testing.T) {
	if hostileFields > 64 {
		t.Fatalf("hostileTemplate has %d text fields; a mask selects at most 64", hostileFields)
	}
	empty, _ := baselines(t)
	compareGo(t, "x", baselineX, empty)
	all := strings.Join(mapValues(empty), "\n")
	for _, want := range []string{"type Role string", "const (", "func ( x UserRegistered ) Validate ( ) error", "struct {", "Role#2"} {
		if !strings.Contains(all, want) {
			t.Errorf("the baseline Go lacks %q; the hostile contract no longer covers it", want)
		}
	}
}

// TestHostileTextSeeds runs the fuzz check on every seed in every text
// field (part of make test).
func TestHostileTextSeeds(t *testing.T) {
	for i, text := range hostileTexts {
		t.Run(fmt.Sprintf("seed%02d", i), func(t *testing.T) { checkHostile(t, text, allFields) })
	}
}

// TestHostileTextEachField puts the reproductions in one field at
// a time: with text everywhere, a broken comment breaks the build before
// it can inject anything; alone, it injected a working func init.
func TestHostileTextEachField(t *testing.T) {
	for i := range hostileFields {
		t.Run(fmt.Sprintf("field%02d", i), func(t *testing.T) {
			for _, text := range hostileTexts[:4] {
				checkHostile(t, text, 1<<i)
			}
		})
	}
}

// FuzzHostileText: any text in any set of text fields changes neither
// the Go declarations nor the SQL statements (make fuzz).
func FuzzHostileText(f *testing.F) {
	for i, s := range hostileTexts {
		f.Add(s, allFields)
		f.Add(s, uint64(1)<<(i%hostileFields))
	}
	f.Fuzz(func(t *testing.T, text string, mask uint64) {
		if len(text) > 4096 {
			t.Skip("long inputs only slow the fuzzer down")
		}
		checkHostile(t, text, mask)
	})
}

// hostileContract is hostileTemplate with text in the fields mask selects
// (bit i: the i-th TEXT) and "x" in the others. The fields are every one
// that holds text: info, tags, channels, operations, messages (component
// and inline) and their examples, component and inline schemas and
// properties (description, title of key-named schemas, default, examples,
// enum and const values).
func hostileContract(text string, mask uint64) []byte {
	parts := strings.Split(hostileTemplate, "TEXT")
	var b strings.Builder
	for i, p := range parts {
		b.WriteString(p)
		if i == len(parts)-1 {
			break
		}
		if mask&(1<<i) != 0 {
			b.WriteString(yamlQuote(text))
		} else {
			b.WriteString(`"x"`)
		}
	}
	return []byte(b.String())
}

// enumMember lists the enum values hostileTemplate writes beside a TEXT.
var enumMember = map[string]bool{"owner": true, "member": true, "a": true}

// hostileFields is the number of text fields in hostileTemplate.
var hostileFields = strings.Count(hostileTemplate, "TEXT")

// allFields selects every text field.
const allFields = ^uint64(0)

// yamlQuote writes s as a YAML double-quoted scalar, escaping everything
// outside printable ASCII (YAML files cannot hold invalid UTF-8, so it
// becomes U+FFFD, which is what the loader would make of it).
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02X`, r)
		case r < 0x10000:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			fmt.Fprintf(&b, `\U%08X`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, wl, gl)
		}
	}
	return "(same lines)"
}

const hostileTemplate = `asyncapi: 2.6.0
info:
  title: TEXT
  version: 1.0.0
  description: TEXT
tags:
  - name: users
    description: TEXT
channels:
  user.registered:
    description: TEXT
    subscribe:
      operationId: onUserRegistered
      summary: TEXT
      description: TEXT
      message:
        $ref: '#/components/messages/UserRegistered'
  user.updated:
    description: TEXT
    subscribe:
      summary: TEXT
      message:
        name: user.updated
        title: TEXT
        summary: TEXT
        description: TEXT
        payload:
          type: object
          description: TEXT
          required: [user_id]
          properties:
            user_id: {type: string, format: uuid, description: TEXT}
            display_name: {type: string, description: TEXT, default: TEXT, examples: [TEXT]}
            role: {$ref: '#/components/schemas/Role'}
            contact:
              description: TEXT
              oneOf:
                - $ref: '#/components/schemas/EmailContact'
                - $ref: '#/components/schemas/PhoneContact'
        examples:
          - name: renamed
            summary: TEXT
            payload: {user_id: 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f, display_name: TEXT}
components:
  messages:
    UserRegistered:
      name: user.registered
      title: TEXT
      summary: TEXT
      description: TEXT
      tags:
        - name: signup
          description: TEXT
      externalDocs:
        description: TEXT
        url: https://example.com/docs
      payload:
        $ref: '#/components/schemas/UserRegisteredData'
      examples:
        - name: signup
          summary: TEXT
          payload:
            user_id: 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f
            display_name: TEXT
            role: owner
            note: TEXT
  schemas:
    UserRegisteredData:
      type: object
      title: TEXT
      description: TEXT
      additionalProperties: false
      required: [user_id, role]
      properties:
        user_id: {type: string, format: uuid, description: TEXT}
        display_name: {type: string, description: TEXT, deprecated: true, default: TEXT}
        role: {$ref: '#/components/schemas/Role'}
        note: {type: [string, 'null'], description: TEXT, examples: [TEXT]}
        kind: {type: string, const: TEXT, description: TEXT}
        tags:
          type: array
          description: TEXT
          items: {type: string, description: TEXT, enum: [a, TEXT]}
        labels:
          type: object
          description: TEXT
          additionalProperties: {type: string, description: TEXT}
    Role:
      type: string
      title: TEXT
      description: TEXT
      enum: [owner, member, TEXT]
    EmailContact:
      type: object
      title: TEXT
      description: TEXT
      required: [kind, address]
      properties:
        kind: {const: email, description: TEXT}
        address: {type: string, description: TEXT}
    PhoneContact:
      type: object
      title: TEXT
      description: TEXT
      required: [kind, number]
      properties:
        kind: {const: phone, description: TEXT}
        number: {type: string, description: TEXT}
`
