package spec_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/internal/fuzzkit"
	"github.com/asyncgen/asyncgen/generator/lower"
	"github.com/asyncgen/asyncgen/generator/spec"
)

// fuzzFragment is the fixed second file the fuzzed document may $ref: every
// kind of target (messages, traits, recursive schemas, scalars, arrays, keys
// that need escaping, chains and cycles, and a way out of the root).
const fuzzFragment = `messages:
  Shared:
    name: frag.shared
    payload: {$ref: '#/schemas/Data'}
    traits:
      - $ref: '#/traits/Common'
  Chain: {$ref: '#/messages/Shared'}
  Back: {$ref: 'doc.yaml#/components/messages/M'}
  Loop: {$ref: '#/messages/Loop2'}
  Loop2: {$ref: '#/messages/Loop'}
  Outside: {$ref: '../outside.yaml#/M'}
traits:
  Common: {headers: {type: object}, x-stream-type: frag}
  Nulling: {x-stream-type: null, name: null}
  Chained: {$ref: '#/traits/Common'}
schemas:
  Data:
    type: object
    properties:
      self: {$ref: '#/schemas/Data'}
      list: {type: array, items: {$ref: '#/schemas/Data'}}
      back: {$ref: 'doc.yaml#/components/schemas/S'}
      event_type: {type: string, const: frag.shared}
      event_data: {$ref: '#/schemas/Data'}
  Scalar: 42
  List: [1, {type: string}]
  RefLoop: {$ref: '#/schemas/RefLoop'}
'a/b': {type: string}
'~tilde': {type: integer}
'%7B': {type: boolean}
'{id}': {type: number}
`

// fuzzOutside lies next to the contracts root: a $ref must never reach it.
const fuzzOutside = "M: {name: outside.m, payload: {type: string}}\n"

// refSeeds exercise $ref resolution from the fuzzed document.
var refSeeds = []string{
	`asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
channels:
  a.b:
    subscribe:
      message:
        oneOf:
          - $ref: 'frag.yaml#/messages/Shared'
          - $ref: 'frag.yaml#/messages/Chain'
          - $ref: 'frag.yaml#/messages/Back'
          - $ref: 'frag.yaml#/messages/Loop'
          - $ref: 'frag.yaml#/messages/Outside'
          - $ref: 'frag.yaml#/a~1b'
          - $ref: 'frag.yaml#/~0tilde'
          - $ref: 'frag.yaml#/%257B'
          - $ref: 'frag.yaml#/%7Bid%7D'
          - $ref: 'frag.yaml#/schemas/Scalar'
          - $ref: 'frag.yaml#/schemas/List'
          - $ref: 'frag.yaml#/schemas/List/1'
          - $ref: 'frag.yaml#/schemas/List/01'
          - $ref: 'frag.yaml#/schemas/List/-1'
          - $ref: '#/components/messages/M'
          - $ref: 'missing.yaml'
          - $ref: 'frag.yaml#bad'
          - $ref: 'frag.yaml#/%zz'
          - $ref: 'frag%2Eyaml#/messages/Shared'
          - $ref: 42
components:
  messages:
    M:
      payload: {$ref: 'frag.yaml#/schemas/Data'}
      traits: [{$ref: 'frag.yaml#/traits/Common'}, {$ref: 'frag.yaml#/traits/Nulling'}, 5, {$ref: 'frag.yaml#/traits/Chained'}]
  schemas:
    S: {$ref: 'frag.yaml#/schemas/Data'}
`,
	`asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
channels:
  a: {$ref: '#/channels/b'}
  b: {$ref: '#/channels/a'}
  c: {$ref: '#/channels/d'}
  d: {subscribe: {message: {$ref: 'frag.yaml#/messages/Shared'}}}
  e: {$ref: 'frag.yaml#/schemas/Scalar'}
`,
	`asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
channels:
  remote:
    publish:
      message:
        oneOf:
          - $ref: 'http://example.com/schemas.yaml#/M'
          - $ref: 'https://example.com/x'
          - $ref: '//example.com/x'
          - $ref: 'file:///etc/passwd'
          - $ref: '../outside.yaml#/M'
          - $ref: '%2E%2E/outside.yaml#/M'
          - $ref: '/etc/passwd'
          - $ref: './'
          - $ref: '.'
          - $ref: 'frag.yaml/..'
          - $ref: 'frag.yaml#'
          - $ref: '#'
          - $ref: ''
`,
	`asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
channels:
  x.created:
    subscribe:
      message:
        name: x.created
        payload:
          type: object
          properties:
            event_type: {type: string, const: x.created}
            event_data: {$ref: '#/channels/x.created/subscribe/message/payload'}
            event_metadata: {allOf: [{$ref: 'frag.yaml#/schemas/Data'}]}
            stream_type: {const: x}
        examples:
          - payload: {event_type: x.created, event_data: {}}
          - payload: 5
          - 7
        x-projection: {table: x_projection, key: id, action: upsert, set: {a: 1}}
`,
	`{"asyncapi": "2.6.0", "info": {"title": "t", "version": "1"}, "channels": {"a/b{c}": {"subscribe": {"message": {"$ref": "frag.yaml#/messages/Shared", "traits": [{"$ref": "#/x"}]}}}}}`,
	`asyncapi: 2.6.0
channels:
  a:
    subscribe:
      message:
        traits: [{$ref: 'frag.yaml#/traits/Common'}, {$ref: '#/nothing'}, {$ref: 'frag.yaml#/schemas/List'}]
        payload: &p {type: object, properties: {a: *p}}
`,
	"asyncapi: 3.0.0\n",
	"asyncapi: 2.6\n",
	"asyncapi: [2.6.0]\n",
	"{}",
	"[]",
	"",
}

func FuzzLoad(f *testing.F) {
	for _, b := range fuzzkit.Seeds(f, "../../contracts", "../../../shared/corpus") {
		f.Add(b)
	}
	for _, s := range refSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzkit.Within(t, fuzzDeadline, fmt.Sprintf("loading a %d-byte document", len(data)), func() { checkLoad(t, data) })
	})
}

// fuzzDeadline is far above any real run (milliseconds): reaching it means
// the input makes loading hang or explode.
const fuzzDeadline = 20 * time.Second

// checkLoad loads the fuzzed document next to the fixed fragment and lowers
// it; every diagnostic must point into one of the two files.
func checkLoad(t *testing.T, data []byte) {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join(dir, "contracts")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(path, content string) {
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "doc.yaml"), string(data))
	write(filepath.Join(root, "frag.yaml"), fuzzFragment)
	write(filepath.Join(dir, "outside.yaml"), fuzzOutside)

	files, err := spec.ContractFiles([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	l := spec.NewLoader(root, dir)
	l.MaxNodes = 20_000
	set := spec.Load(l, files)
	for _, doc := range set.Documents {
		l.Messages(doc)
	}
	_, lowerDiags := lower.Lower(set)
	checkDiags(t, l.Diags)
	checkDiags(t, lowerDiags)
}

func checkDiags(t *testing.T, ds diag.List) {
	t.Helper()
	for _, d := range ds {
		switch d.Pos.File {
		case "contracts/doc.yaml", "contracts/frag.yaml":
		default:
			t.Errorf("diagnostic outside the two files: %s: %s [%s]", d.Pos, d.Message, d.Rule)
			continue
		}
		if d.Pos.Line < 1 || d.Pos.Col < 1 {
			t.Errorf("diagnostic without a line and column: %s: %s [%s]", d.Pos, d.Message, d.Rule)
		}
		if d.Rule == "" {
			t.Errorf("diagnostic without a rule id: %s: %s", d.Pos, d.Message)
		}
	}
}

// TestRefToDirectory: a $ref naming a directory is refused at the $ref,
// not reported as an I/O error without a line (found by FuzzLoad).
func TestRefToDirectory(t *testing.T) {
	for _, ref := range []string{"./", ".", "frag.yaml/..", "sub"} {
		t.Run(ref, func(t *testing.T) {
			dir := t.TempDir()
			root := filepath.Join(dir, "contracts")
			if err := os.MkdirAll(filepath.Join(root, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			doc := "asyncapi: 2.6.0\ninfo: {title: t, version: 1.0.0}\nchannels:\n  a.b:\n    subscribe:\n      message:\n        $ref: '" + ref + "'\n"
			if err := os.WriteFile(filepath.Join(root, "doc.yaml"), []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			l := spec.NewLoader(root, dir)
			set := spec.Load(l, []string{filepath.Join(root, "doc.yaml")})
			for _, d := range set.Documents {
				l.Messages(d)
			}
			checkDiags(t, l.Diags)
			found := false
			for _, d := range l.Diags {
				if d.Rule == spec.RuleRefMissing && d.Pos.Line == 7 {
					found = true
				}
			}
			if !found {
				t.Errorf("want %s at line 7, got %+v", spec.RuleRefMissing, l.Diags)
			}
		})
	}
}
