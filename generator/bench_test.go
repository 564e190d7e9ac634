package generator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/lexer"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/internal/synthtree"
	"github.com/asyncgen/asyncgen/generator/lint"
	"github.com/asyncgen/asyncgen/generator/lower"
	"github.com/asyncgen/asyncgen/generator/source"
	"github.com/asyncgen/asyncgen/generator/spec"
)

// BenchmarkLint2000 lints the synthetic 2,000-event tree of DESIGN.md's
// performance target (100 domain fragments of 20 events, with their entry
// documents and shared components). Target: well under 0.5 s/op on 2 cores.
func BenchmarkLint2000(b *testing.B) {
	const files, perFile = 100, 20
	dir := b.TempDir()
	contracts := filepath.Join(dir, "contracts")
	if err := synthtree.Write(contracts, files, perFile); err != nil {
		b.Fatal(err)
	}
	cfg := config.Default(dir)
	cfg.Contracts = contracts
	opts := generator.Options{Config: cfg, Cwd: dir}

	res, err := generator.Lint(opts)
	if err != nil {
		b.Fatal(err)
	}
	if len(res.Diagnostics) > 0 || len(res.IR.Events) != files*perFile {
		b.Fatalf("synthetic tree: %d events, %d diagnostics (first: %v)", len(res.IR.Events), len(res.Diagnostics), res.Diagnostics)
	}

	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := generator.Lint(opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(files*perFile, "events/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(files*perFile), "ns/event")
	// What a lint result keeps alive (parsed files and IR): the heap after
	// a collection while res is still referenced.
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "MB-live-result")
	runtime.KeepAlive(res)
	if kb, ok := peakRSS(); ok {
		// The process's high-water mark: writing the tree and every lint run
		// so far; the CLI's figure in BENCHMARKS.md is of one run alone.
		b.ReportMetric(float64(kb)/1024, "MB-peak-RSS")
	}
}

// peakRSS reads the process's peak resident set size (VmHWM, in KiB) on
// Linux; ok is false elsewhere.
func peakRSS() (kb int64, ok bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, found := strings.CutPrefix(line, "VmHWM:"); found {
			_, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb)
			return kb, err == nil
		}
	}
	return 0, false
}

// BenchmarkLint2000Stages times the stages of one lint of the tree
// BenchmarkLint2000 lints, each on the previous stage's output: loading
// and $ref resolution (files parsed in parallel), lowering (one
// goroutine), and the rules (the jsonschema/v5 oracle on GOMAXPROCS
// workers while the other rules run).
func BenchmarkLint2000Stages(b *testing.B) {
	root := filepath.Join(b.TempDir(), "contracts")
	if err := synthtree.Write(root, 100, 20); err != nil {
		b.Fatal(err)
	}
	files, err := spec.ContractFiles([]string{root})
	if err != nil {
		b.Fatal(err)
	}
	load := func() *spec.Set { return spec.Load(spec.NewLoader(root, root), files) }
	set := load()
	irSet, lowerDiags := lower.Lower(set)
	if len(set.Loader.Diags)+len(lowerDiags) > 0 || len(irSet.Events) != 2000 {
		b.Fatalf("synthetic tree: %d events, diagnostics %v %v", len(irSet.Events), set.Loader.Diags, lowerDiags)
	}
	all := func(lint.Rule) bool { return true }
	b.Run("load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			load()
		}
	})
	b.Run("lower", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			lower.Lower(set)
		}
	})
	b.Run("rules", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if ds := lint.Run(irSet, lint.DefaultSettings(), all); len(ds) > 0 {
				b.Fatalf("rules report %v", ds[0])
			}
		}
	})
}

// BenchmarkTokenize2000 runs only goccy/go-yaml's lexer over every file of
// the tree BenchmarkLint2000 lints, on one goroutine: the CPU time that
// reading this YAML with the mandated library costs before anything else.
func BenchmarkTokenize2000(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "contracts")
	if err := synthtree.Write(dir, 100, 20); err != nil {
		b.Fatal(err)
	}
	var inputs []string
	var size int64
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		inputs = append(inputs, string(data))
		size += int64(len(data))
		return err
	})
	if err != nil || len(inputs) < 200 {
		b.Fatalf("synthetic tree: %d files, %v", len(inputs), err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	most := 0 // tokens of the largest file, set against limits.max_tokens
	for b.Loop() {
		for _, in := range inputs {
			n := len(lexer.Tokenize(in))
			if n == 0 {
				b.Fatal("no tokens")
			}
			most = max(most, n)
		}
	}
	b.ReportMetric(float64(most), "max-file-tokens")
}

// BenchmarkParse parses the biggest shipped contract file.
func BenchmarkParse(b *testing.B) {
	path, data := biggestContract(b, "../contracts")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if f, ds := source.Parse(path, data, 0); f.Root == nil {
			b.Fatalf("%s does not parse: %v", path, ds)
		}
	}
}

func biggestContract(b *testing.B, dir string) (string, []byte) {
	var best string
	var size int64
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := strings.ToLower(filepath.Ext(p))
		if ext != ".yaml" && ext != ".yml" && ext != ".json" {
			return nil
		}
		if info, err := d.Info(); err == nil && info.Size() > size {
			best, size = p, info.Size()
		}
		return nil
	})
	if err != nil || best == "" {
		b.Skipf("no contract files under %s: %v", dir, err)
	}
	data, err := os.ReadFile(best)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("parsing %s (%d bytes)", filepath.ToSlash(best), len(data))
	return filepath.ToSlash(best), data
}
