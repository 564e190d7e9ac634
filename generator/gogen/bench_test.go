package gogen_test

import (
	"encoding/json"
	"go/format"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/asyncgen/asyncgen/gen/events"
	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/gogen"
	"github.com/asyncgen/asyncgen/generator/internal/synthtree"
	"github.com/asyncgen/asyncgen/generator/ir"
)

// benchEvent is the shipped event the validation benchmarks use: an
// envelope with nested data, an allOf-extended metadata, enums, formats
// (uuid, date-time, ipv4) and patterns.
const benchEvent = "user.email_changed"

// benchPayload returns the first example of benchEvent, its payload
// schema compiled by jsonschema/v5 and the generic (UseNumber) value.
func benchPayload(b *testing.B) ([]byte, *jsonschema.Schema, any) {
	b.Helper()
	res := lintDir(b, filepath.Join(repoRoot(b), "contracts"))
	var ev *ir.Event
	for _, e := range res.IR.Events {
		if e.Type == benchEvent {
			ev = e
		}
	}
	if ev == nil || len(ev.Examples) == 0 {
		b.Fatalf("%s has no example", benchEvent)
	}
	data, _ := json.Marshal(ev.Examples[0].Value)
	sch := oracleFor(b, res.IR)(ev.Payload)
	v := decodeJSON(b, data)
	if err := sch.Validate(v); err != nil {
		b.Fatal(err)
	}
	return data, sch, v
}

// BenchmarkValidate compares the generated Validate() on a decoded event
// with jsonschema/v5 on the same payload (DESIGN.md: at least 20× faster,
// 0 allocations on the valid path).
func BenchmarkValidate(b *testing.B) {
	data, sch, v := benchPayload(b)
	b.Run("generated", func(b *testing.B) {
		e, err := events.Decode(benchEvent, data)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := e.Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("jsonschema", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := sch.Validate(v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDecode compares generated decode+validate (registry Decode)
// with json.Unmarshal into any followed by jsonschema/v5 (target: 3×).
func BenchmarkDecode(b *testing.B) {
	data, sch, _ := benchPayload(b)
	b.Run("generated", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := events.Decode(benchEvent, data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unmarshal+jsonschema", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				b.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// synthetic writes the 2,000-event tree and returns generate options.
func synthetic(b testing.TB) generator.Options {
	dir := b.TempDir()
	contracts := filepath.Join(dir, "contracts")
	if err := synthtree.Write(contracts, 100, 20); err != nil {
		b.Fatal(err)
	}
	cfg := config.Default(dir)
	cfg.Contracts = contracts
	return generator.Options{Config: cfg, Cwd: dir}
}

// BenchmarkGenerate2000 runs lint + Go generation (in memory) on the
// synthetic 2,000-event tree (target with SQL and writing: under 1 s).
func BenchmarkGenerate2000(b *testing.B) {
	opts := synthetic(b)
	res, err := generator.Lint(opts)
	if err != nil || len(res.IR.Events) != 2000 {
		b.Fatalf("synthetic tree: %v", err)
	}
	b.Run("gogen", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := gogen.Generate(res.IR, gogen.Options{Dir: b.TempDir(), Package: "events"}); err != nil {
				b.Fatal(err)
			}
		}
	})
	// What jennifer's gofmt pass costs on this output, on one goroutine:
	// go/format parses and prints every generated file (CPU time).
	b.Run("gofmt-only", func(b *testing.B) {
		out, err := gogen.Generate(res.IR, gogen.Options{Dir: b.TempDir(), Package: "events"})
		if err != nil {
			b.Fatal(err)
		}
		var size int64
		for _, f := range out {
			size += int64(len(f.Content))
		}
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range out {
				if _, err := format.Source(f.Content); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("lint+generate+write", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out, err := generator.Generate(opts, false)
			if err != nil || out.Report == nil {
				b.Fatalf("generate: %v", err)
			}
		}
	})
}

// TestNoopRegeneration: a second generate of an unchanged tree writes 0
// files, and --check then finds nothing stale.
func TestNoopRegeneration(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the 2,000-event tree")
	}
	opts := synthetic(t)
	first, err := generator.Generate(opts, false)
	if err != nil || first.Report == nil {
		t.Fatalf("first generate: %v (%v)", err, first.Diagnostics)
	}
	second, err := generator.Generate(opts, false)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(second.Report.Written) + len(second.Report.Removed); n != 0 {
		t.Errorf("no-op regeneration wrote or removed %d files: %v %v", n, second.Report.Written, second.Report.Removed)
	}
	check, err := generator.Generate(opts, true)
	if err != nil || len(check.Report.Stale()) != 0 {
		t.Errorf("--check after generate: %v %v", err, check.Report.Stale())
	}
	t.Logf("%d files written once, then %d unchanged", len(first.Report.Written), len(second.Report.Unchanged))
}
