package gogen_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/asyncgen/asyncgen/generator/formats"
	"github.com/asyncgen/asyncgen/generator/gogen/mutate"
	"github.com/asyncgen/asyncgen/generator/internal/corpus"
	"github.com/asyncgen/asyncgen/generator/internal/sharedtest"
	"github.com/asyncgen/asyncgen/generator/ir"
)

// diffCase is one payload judged by both the oracle and the generated code.
type diffCase struct {
	Pkg   string `json:"pkg"`
	Type  string `json:"type"`
	Name  string `json:"name"`
	Data  string `json:"data"`
	Valid bool   `json:"valid"` // the oracle's verdict
}

// oracleFor compiles schemas with jsonschema/v5 (draft-07) from the set's
// own resources, refusing every other URL.
func oracleFor(t testing.TB, set *ir.Set) func(*ir.Schema) *jsonschema.Schema {
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft7
	comp.Formats = formats.ForJSONSchema()
	comp.LoadURL = func(u string) (io.ReadCloser, error) { return nil, fmt.Errorf("refusing to load %s", u) }
	for _, u := range set.ResourceURLs {
		if err := comp.AddResource(u, bytes.NewReader(set.ResourceJSON(u))); err != nil {
			t.Fatal(err)
		}
	}
	return func(s *ir.Schema) *jsonschema.Schema {
		if s.Bool != nil {
			// an opaque payload (Avro, RAML …): any value
			return jsonschema.MustCompileString("opaque.json", strconv.FormatBool(*s.Bool))
		}
		sch, err := comp.Compile(s.URL + "#" + s.Pointer)
		if err != nil && len(set.RE2Patterns) > 0 {
			// v5 runs RE2 too: give it the schema with its patterns as
			// generated code compiles them (\x{C0} for \u00C0).
			sch, err = compileRE2(s)
		}
		if err != nil {
			t.Fatalf("oracle cannot compile %s#%s: %v", s.URL, s.Pointer, err)
		}
		return sch
	}
}

// compileRE2 compiles the resolved schema s with its patterns respelled
// for RE2 (ir.RE2CanonicalJSON).
func compileRE2(s *ir.Schema) (*jsonschema.Schema, error) {
	b := ir.RE2CanonicalJSON(s)
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft7
	comp.Formats = formats.ForJSONSchema()
	if err := comp.AddResource("asyncgen:///re2.json", bytes.NewReader(b)); err != nil {
		return nil, err
	}
	return comp.Compile("asyncgen:///re2.json")
}

// canonicalJSON re-encodes a JSON-shaped value; decoding keeps json.Number.
func decodeJSON(t testing.TB, b []byte) any {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// casesFor builds the differential cases of one generated package: every
// example and every systematic mutation of it, judged by the oracle.
func casesFor(t testing.TB, pkg string, set *ir.Set) []diffCase {
	compile := oracleFor(t, set)
	var out []diffCase
	for _, ev := range set.Events {
		if ev.Payload == nil {
			continue
		}
		sch := compile(ev.Payload)
		values := []any{}
		names := []string{}
		for i, ex := range ev.Examples {
			values = append(values, ex.Value)
			names = append(names, fmt.Sprintf("example %d", i))
		}
		if len(values) == 0 {
			values = append(values, synthesize(ev.Payload, 0))
			names = append(names, "synthesized")
		}
		seen := map[string]bool{}
		add := func(name string, v any) {
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if seen[string(b)] {
				return
			}
			seen[string(b)] = true
			valid := sch.Validate(decodeJSON(t, b)) == nil
			out = append(out, diffCase{Pkg: pkg, Type: ev.Type, Name: name, Data: string(b), Valid: valid})
		}
		for i, v := range values {
			add(names[i], v)
			for _, m := range mutate.Of(ev.Payload, v) {
				add(names[i]+": "+m.Name, m.Value)
			}
		}
	}
	return out
}

// synthesize builds a plausible instance of s: required properties filled
// recursively (the oracle decides whether it is valid).
func synthesize(s *ir.Schema, depth int) any {
	if s == nil || s.Bool != nil || depth > 6 {
		return map[string]any{}
	}
	if len(s.OneOf) > 0 {
		return synthesize(s.OneOf[0], depth+1)
	}
	if len(s.AnyOf) > 0 {
		return synthesize(s.AnyOf[0], depth+1)
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	if s.HasConst {
		return s.Const
	}
	t := ""
	if len(s.Types) > 0 {
		t = s.Types[0]
	}
	if t == "" && (len(s.Properties) > 0 || len(s.AllOf) > 0) {
		t = "object"
	}
	switch t {
	case "object":
		m := map[string]any{}
		all := append([]*ir.Schema{s}, s.AllOf...)
		for _, x := range all {
			for _, p := range x.Properties {
				m[p.Name] = synthesize(p.Schema, depth+1)
			}
		}
		return m
	case "array":
		if s.Items != nil {
			return []any{synthesize(s.Items, depth+1)}
		}
		return []any{}
	case "integer", "number":
		if s.Minimum != "" {
			return json.Number(s.Minimum)
		}
		return json.Number("1")
	case "boolean":
		return true
	case "null":
		return nil
	}
	switch s.Format {
	case "uuid":
		return "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
	case "date-time":
		return "2026-03-14T09:26:53Z"
	case "date":
		return "2026-03-14"
	case "email":
		return "someone@example.com"
	case "uri":
		return "https://example.com/x"
	}
	return "text"
}

// runDifferential compiles one program over the generated packages, feeds
// every case through Decode, and reports disagreements with the oracle. A
// decoded event must also pass Validate() and survive a marshal/decode
// round trip.
func runDifferential(t *testing.T, mod string, pkgs []string, cases []diffCase) (agree int) {
	t.Helper()
	data, _ := json.Marshal(cases)
	casesFile := filepath.Join(mod, "cases.json")
	if err := os.WriteFile(casesFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"os\"\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\t%q\n", "differential/"+p)
	}
	b.WriteString(")\n\ntype result struct{ decode, validate, round error }\n\nvar decoders = map[string]func(string, []byte) result{\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, `	%q: func(t string, data []byte) result {
		e, err := %s.Decode(t, data)
		if err != nil {
			return result{decode: err}
		}
		r := result{validate: e.Validate()}
		if out, err := json.Marshal(e); err != nil {
			r.round = err
		} else if _, err := %s.Decode(t, out); err != nil {
			r.round = fmt.Errorf("%%s: %%w", out, err)
		}
		return r
	},
`, p, p, p)
	}
	b.WriteString(`}

func main() {
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var cases []struct{ Pkg, Type, Data string }
	if err := json.Unmarshal(raw, &cases); err != nil {
		panic(err)
	}
	for i, c := range cases {
		r := decoders[c.Pkg](c.Type, []byte(c.Data))
		fmt.Printf("%d %v %q %v %v\n", i, r.decode == nil, fmt.Sprint(r.decode), r.validate == nil, r.round == nil)
		if r.validate != nil {
			fmt.Printf("%d validate %q\n", i, r.validate.Error())
		}
		if r.round != nil {
			fmt.Printf("%d round %q\n", i, r.round.Error())
		}
	}
}
`)
	cmdDir := filepath.Join(mod, "cmd")
	if err := os.MkdirAll(cmdDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cmdDir, "main.go"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := goCmd(t, cmdDir, "run", ".", casesFile)
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, firstLines(string(out), 80))
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), " ", 3)
		i, _ := strconv.Atoi(f[0])
		c := cases[i]
		switch f[1] {
		case "validate":
			t.Errorf("%s %s %s: decoded, but Validate() reports %s", c.Pkg, c.Type, c.Name, f[2])
			continue
		case "round":
			t.Errorf("%s %s %s: decoded, but the re-encoded event does not decode: %s", c.Pkg, c.Type, c.Name, f[2])
			continue
		}
		got := f[1] == "true"
		if got == c.Valid {
			agree++
		} else {
			t.Errorf("%s %s %s: oracle valid=%v, generated valid=%v (%s)\n  data: %s", c.Pkg, c.Type, c.Name, c.Valid, got, f[2], c.Data)
		}
	}
	return agree
}

// TestDifferential judges the payloads of contracts/, of the Go goldens
// and of every corpus document the official parser accepts with the
// generated code and with jsonschema/v5.
func TestDifferential(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated packages")
	}
	root := repoRoot(t)
	mod := newModule(t, "differential")
	var pkgs []string
	var cases []diffCase

	res := lintDir(t, filepath.Join(root, "contracts"))
	if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
		t.Fatalf("contracts/ do not lint clean: %v", errs)
	}
	generateInto(t, res.IR, mod, "contracts")
	pkgs = append(pkgs, "contracts")
	cases = append(cases, casesFor(t, "contracts", res.IR)...)

	goldens, _ := filepath.Glob(filepath.Join(root, "testdata", "gen", "go-*"))
	for _, dir := range goldens {
		res := lintCase(t, dir, "naming", "conventions", "versioning", "examples")
		if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
			t.Errorf("%s: lint errors: %v", dir, errs)
			continue
		}
		if len(res.IR.PatternErrors) > 0 {
			// jsonschema/v5 compiles patterns with Go's regexp too, so it
			// has no verdict on these; TestUncheckablePatterns covers them.
			continue
		}
		pkg := strings.ReplaceAll(filepath.Base(dir), "-", "")
		generateInto(t, res.IR, mod, pkg)
		pkgs = append(pkgs, pkg)
		cases = append(cases, casesFor(t, pkg, res.IR)...)
	}

	for i, doc := range corpusDocuments(t) {
		res := lintCorpusDoc(t, doc)
		if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
			t.Errorf("%s: lint errors: %v", doc, errs)
			continue
		}
		pkg := fmt.Sprintf("corpus%02d", i)
		generateInto(t, res.IR, mod, pkg)
		pkgs = append(pkgs, pkg)
		cases = append(cases, casesFor(t, pkg, res.IR)...)
	}
	// Every generated package compiles and is vet-clean.
	if out, err := goCmd(t, mod, "vet", "./..."); err != nil {
		t.Fatalf("go vet of the generated packages: %v\n%s", err, firstLines(string(out), 60))
	}
	valid := 0
	for _, c := range cases {
		if c.Valid {
			valid++
		}
	}
	agree := runDifferential(t, mod, pkgs, cases)
	msg := fmt.Sprintf("differential: %d/%d payloads judged alike (%d valid, %d invalid per jsonschema/v5), %d packages", agree, len(cases), valid, len(cases)-valid, len(pkgs))
	t.Log(msg)
	fmt.Println(msg)
}

// corpusDocuments lists every AsyncAPI document of ../shared/corpus that
// the official parser accepts (those it refuses need not lint: deepgram's
// unescaped "/" in $refs, the adeo case study's payloads $ref'd by https
// URL, …).
func corpusDocuments(t testing.TB) []string {
	docs, err := corpus.Valid(sharedtest.Dir(t, sharedtest.Corpus))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range docs {
		out = append(out, d.Path)
	}
	return out
}

// lintCorpusDoc lints one corpus document as a plain (non event-store) API.
func lintCorpusDoc(t testing.TB, doc string) *generatorResult {
	return lintPaths(t, sharedtest.Dir(t, sharedtest.Corpus), []string{doc}, "naming", "versioning", "conventions", "examples")
}

// TestCorpusCompiles generates every corpus document the official parser
// accepts as one package (every document alone is generated and vetted by
// TestDifferential): the Go output compiles and is vet-clean with the
// event-store rules off.
func TestCorpusCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a generated package")
	}
	res := lintPaths(t, sharedtest.Dir(t, sharedtest.Corpus), corpusDocuments(t), "naming", "versioning", "conventions", "examples")
	if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
		t.Fatalf("corpus lint errors: %v", errs)
	}
	mod := newModule(t, "corpus")
	generateInto(t, res.IR, mod, "events")
	if out, err := goCmd(t, mod, "vet", "./..."); err != nil {
		t.Fatalf("generated corpus package: %v\n%s", err, firstLines(string(out), 60))
	}
}
