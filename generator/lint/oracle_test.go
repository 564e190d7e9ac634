package lint

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/asyncgen/asyncgen/generator/gogen/mutate"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/lower"
	"github.com/asyncgen/asyncgen/generator/spec"
)

// The oracle compiles a bundle of distinct schema objects instead of the
// files (oracle.go). These tests hold the two to the same verdicts: for
// every payload that bundles, jsonschema/v5 must judge every example and
// every systematic mutation of it identically, and report the same
// violations, whether it compiled the bundle or the files.

func loadIR(t testing.TB, root string) *ir.Set {
	t.Helper()
	files, err := spec.ContractFiles([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	l := spec.NewLoader(root, root)
	set := spec.Load(l, files)
	irSet, _ := lower.Lower(set)
	return irSet
}

// verdict is "" for a valid instance, else its sorted violations.
func verdict(s *jsonschema.Schema, v any) string {
	err := s.Validate(v)
	if err == nil {
		return ""
	}
	var parts []string
	for _, x := range violations(err) {
		parts = append(parts, x.Instance+" "+x.Keyword+": "+x.Message)
	}
	return strings.Join(parts, "; ")
}

// compareBundle checks every payload group of set; extra instances per
// event (beyond examples and their mutations) may be given. It returns how
// many payloads were bundled, out of how many.
func compareBundle(t *testing.T, set *ir.Set, extra map[*ir.Event][]any) (bundled, total int) {
	t.Helper()
	for _, g := range makePlan(set).groups {
		payloads, events := g.roots, g.events
		total += len(payloads)
		fileSchemas, fileErrs := compileFiles(set, payloads, set.ResourceJSON)
		bundleSchemas, ok := compileBundle(set, payloads)
		if !ok {
			continue // the oracle compiles the files: nothing to compare
		}
		bundled += len(payloads)
		for i, p := range payloads {
			if fileErrs[i] != nil {
				t.Errorf("%s#%s compiles as a bundle but not from the files: %v", p.URL, p.Pointer, fileErrs[i])
				continue
			}
			for _, ev := range events[p] {
				var values []any
				for _, ex := range ev.Examples {
					values = append(values, ex.Value)
					for _, m := range mutate.Of(p, ex.Value) {
						values = append(values, m.Value)
					}
				}
				values = append(values, extra[ev]...)
				for _, v := range values {
					if got, want := verdict(bundleSchemas[i], v), verdict(fileSchemas[i], v); got != want {
						b, _ := json.Marshal(v)
						t.Errorf("event %s, instance %s:\nbundle: %q\nfiles:  %q", ev.Type, b, got, want)
					}
				}
			}
		}
	}
	return bundled, total
}

func TestBundleAgreesOnContracts(t *testing.T) {
	set := loadIR(t, "../../contracts")
	bundled, total := compareBundle(t, set, nil)
	// The shipped contracts use nothing that needs the files; if they stop
	// bundling, the oracle has silently lost its speed.
	if total == 0 || bundled != total {
		t.Errorf("bundled %d of %d payloads of contracts/", bundled, total)
	}
}

func TestBundleAgreesOnCorpus(t *testing.T) {
	dir := "../../../shared/corpus"
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("../shared/corpus is missing: %v", err)
		}
		t.Skipf("../shared/corpus is missing: %v", err)
	}
	var docs []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".json")) {
			docs = append(docs, p)
		}
		return nil
	})
	bundled, total := 0, 0
	for _, doc := range docs {
		// One document at a time, each in a directory of its own.
		root := t.TempDir()
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, filepath.Base(doc)), b, 0o644); err != nil {
			t.Fatal(err)
		}
		n, m := compareBundle(t, loadIR(t, root), nil)
		bundled, total = bundled+n, total+m
	}
	t.Logf("corpus: bundled %d of %d payloads", bundled, total)
	if bundled == 0 {
		t.Error("no corpus payload was bundled")
	}
}

// TestBundleAgreesOnTrickySchemas covers what the bundle rewrites: $ref
// cycles, nullable, annotations next to $ref, tuples, dependencies of both
// kinds, boolean schemas, and the cases that must fall back to the files.
func TestBundleAgreesOnTrickySchemas(t *testing.T) {
	root := t.TempDir()
	doc := `asyncapi: 2.6.0
info: {title: Tricky, version: 1.0.0}
channels:
  c:
    subscribe:
      message:
        oneOf:
          - $ref: '#/components/messages/Tree'
          - $ref: '#/components/messages/Mixed'
          - $ref: '#/components/messages/WithDefinitions'
components:
  messages:
    Tree:
      name: tree
      payload: {$ref: '#/components/schemas/Node'}
      examples:
        - payload: {name: root, children: [{name: a, children: []}, {name: b}]}
    Mixed:
      name: mixed
      payload:
        type: object
        required: [kind]
        properties:
          kind: {type: string, enum: [a, b], nullable: true}
          note: {$ref: '#/components/schemas/Text', description: an annotation next to $ref}
          pair: {type: array, items: [{type: integer}, {type: string}], additionalItems: false}
          tags: {type: array, contains: {const: x}, uniqueItems: true}
          card: {type: string}
          code: {type: string}
          bag: {type: object, propertyNames: {pattern: '^[a-z]+$'}, patternProperties: {'^n_': {type: number}}, additionalProperties: true}
          never: false
          level: {if: {type: integer}, then: {minimum: 1}, else: {not: {type: 'null'}}}
          again: {$ref: '#/components/schemas/Text'}
        dependencies:
          card: [code]
          code: {required: [kind], properties: {kind: {const: a}}}
      examples:
        - payload: {kind: a, note: hi, pair: [1, x], tags: [x, y], card: '1', code: '2', bag: {n_a: 1, abc: true}, level: 3, again: yo}
        - payload: {kind: null}
    WithDefinitions:
      name: with_definitions
      payload:
        definitions:
          d: {type: string}
        properties:
          x: {$ref: '#/components/messages/WithDefinitions/payload/definitions/d'}
      examples:
        - payload: {x: s}
  schemas:
    Text: {type: string, maxLength: 5}
    Node:
      type: object
      required: [name]
      properties:
        name: {type: string}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
`
	if err := os.WriteFile(filepath.Join(root, "tricky.yaml"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	set := loadIR(t, root)
	byType := map[string]*ir.Event{}
	for _, ev := range set.Events {
		byType[ev.Type] = ev
	}
	var extra = map[*ir.Event][]any{}
	for _, s := range []string{
		`{"name": 1, "children": [{"children": [{"name": 2}]}]}`,
		`{"name": "r", "children": [{"name": "a", "children": "no"}]}`,
	} {
		extra[byType["tree"]] = append(extra[byType["tree"]], decode(t, s))
	}
	for _, s := range []string{
		`{"kind": "c"}`, `{"kind": null, "note": "too long"}`, `{"kind": "a", "pair": [1, "x", 3]}`,
		`{"kind": "a", "pair": ["x", 1]}`, `{"kind": "a", "tags": ["y"]}`, `{"kind": "a", "card": "1"}`,
		`{"kind": "b", "code": "2"}`, `{"kind": "a", "bag": {"n_a": "s", "ABC": 1}}`, `{"kind": "a", "never": 1}`,
		`{"kind": "a", "level": 0}`, `{"kind": "a", "level": null}`, `{"kind": "a", "again": "toolong"}`,
	} {
		extra[byType["mixed"]] = append(extra[byType["mixed"]], decode(t, s))
	}
	// All three payloads live in one file, so the group falls back to the
	// files as a whole (definitions cannot be bundled).
	if bundled, total := compareBundle(t, set, extra); total != 3 || bundled != 0 {
		t.Errorf("bundled %d of %d payloads; want the group to fall back", bundled, total)
	}
	for _, typ := range []string{"tree", "mixed"} {
		if _, _, ok := bundle(set, []*ir.Schema{byType[typ].Payload}); !ok {
			t.Errorf("payload of %s does not bundle", typ)
		}
	}
	if _, _, ok := bundle(set, []*ir.Schema{byType["with_definitions"].Payload}); ok {
		t.Error("a payload with definitions bundles; it must be compiled from the files")
	}
	// Compare the two bundlable payloads on their own.
	for _, ev := range []*ir.Event{byType["tree"], byType["mixed"]} {
		sub := &ir.Set{Events: []*ir.Event{ev}, ResourceJSON: set.ResourceJSON, SchemaJSON: set.SchemaJSON}
		if n, _ := compareBundle(t, sub, extra); n != 1 {
			t.Errorf("event %s: payload not bundled", ev.Type)
		}
	}
}

func decode(t *testing.T, s string) any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBundleAgreesOnSuite runs the draft-07 suite through both: each group's
// schema is the payload of a one-message contract, each case an instance.
func TestBundleAgreesOnSuite(t *testing.T) {
	dir := "../../../shared/jsonschema-suite/tests/draft7"
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the draft-07 suite is missing: %v", err)
		}
		t.Skipf("the draft-07 suite is missing: %v", err)
	}
	bundled, total, cases := 0, 0, 0
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var groups []struct {
			Description string          `json:"description"`
			Schema      json.RawMessage `json:"schema"`
			Tests       []struct {
				Data json.RawMessage `json:"data"`
			} `json:"tests"`
		}
		if err := json.Unmarshal(b, &groups); err != nil {
			t.Fatal(err)
		}
		for gi, g := range groups {
			root := t.TempDir()
			doc := fmt.Sprintf(`{"asyncapi": "2.6.0", "info": {"title": "t", "version": "1.0.0"},
"channels": {"c": {"subscribe": {"message": {"name": "m", "payload": %s}}}}}`, g.Schema)
			if err := os.WriteFile(filepath.Join(root, "suite.json"), []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			set := loadIR(t, root)
			if len(set.Events) != 1 {
				continue
			}
			ev := set.Events[0]
			var values []any
			for _, c := range g.Tests {
				values = append(values, decode(t, string(c.Data)))
			}
			cases += len(values)
			n, m := compareBundle(t, set, map[*ir.Event][]any{ev: values})
			if t.Failed() {
				t.Logf("in %s group %d (%s)", e.Name(), gi, g.Description)
				return
			}
			bundled, total = bundled+n, total+m
		}
	}
	t.Logf("draft-07 suite: %d of %d object payloads bundled, %d instances", bundled, total, cases)
	if bundled < total/2 {
		t.Errorf("only %d of %d suite payloads bundled", bundled, total)
	}
}
