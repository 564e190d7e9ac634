package lint

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/asyncgen/asyncgen/generator/internal/synthtree"
	"github.com/asyncgen/asyncgen/generator/ir"
)

// BenchmarkOracle2000 measures lint's jsonschema/v5 oracle on the
// synthetic 2,000-event tree, and beside it the part no caller of
// jsonschema/v5 can avoid: checking each of the same bundles against the
// draft-07 meta-schema, which Compile does before anything else. The
// meta-schema check runs on one goroutine, so its ns/op is CPU time; the
// oracle runs on GOMAXPROCS workers.
func BenchmarkOracle2000(b *testing.B) {
	root := filepath.Join(b.TempDir(), "contracts")
	if err := synthtree.Write(root, 100, 20); err != nil {
		b.Fatal(err)
	}
	set := loadIR(b, root)
	if len(set.Events) != 2000 {
		b.Fatalf("synthetic tree: %d events", len(set.Events))
	}

	b.Run("oracle", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			o := buildOracle(set)
			if len(o.compiled) == 0 {
				b.Fatal("nothing compiled")
			}
		}
	})

	b.Run("meta-schema-only", func(b *testing.B) {
		docs := oracleBundles(b, set)
		meta, err := newCompiler().Compile("http://json-schema.org/draft-07/schema#")
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				if err := meta.Validate(d); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(len(docs)), "bundles")
	})
}

// oracleBundles returns the decoded bundles the oracle compiles, one per
// file that holds payloads, grouped as buildOracle groups them.
func oracleBundles(b *testing.B, set *ir.Set) []any {
	p := makePlan(set)
	docs := make([]any, 0, len(p.keys))
	for _, k := range p.keys {
		raw, _, ok := bundle(set, p.groups[k].roots)
		if !ok {
			b.Fatalf("%s: payloads do not bundle", k)
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, v)
	}
	return docs
}

// The meta-schema check above must be the one Compile runs: a bundle
// jsonschema/v5 refuses to compile is refused by the meta-schema too.
func TestMetaSchemaIsDraft07(t *testing.T) {
	meta, err := newCompiler().Compile("http://json-schema.org/draft-07/schema#")
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []string{`{"type": 5}`, `{"minLength": -1}`, `{"required": "a"}`} {
		var v any
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatal(err)
		}
		comp := newCompiler()
		if err := comp.AddResource(bundleURL, bytes.NewReader([]byte(doc))); err != nil {
			t.Fatal(err)
		}
		_, compileErr := comp.Compile(bundleURL)
		if compileErr == nil || meta.Validate(v) == nil {
			t.Errorf("%s: compile error %v, meta-schema error %v; want both", doc, compileErr, meta.Validate(v))
		}
	}
}
