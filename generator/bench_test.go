package generator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/lexer"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/internal/synthtree"
	"github.com/asyncgen/asyncgen/generator/source"
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
	for b.Loop() {
		for _, in := range inputs {
			if len(lexer.Tokenize(in)) == 0 {
				b.Fatal("no tokens")
			}
		}
	}
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
