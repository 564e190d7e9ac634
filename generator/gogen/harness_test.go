package gogen_test

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/gogen"
	"github.com/asyncgen/asyncgen/generator/ir"
)

// repoRoot is the directory holding go.mod.
func repoRoot(t testing.TB) string {
	wd, _ := os.Getwd()
	for d := wd; d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
	}
	t.Fatal("go.mod not found")
	return ""
}

// lintDir lints the contracts under dir with the given categories off.
func lintDir(t testing.TB, dir string, disable ...string) *generator.Result {
	t.Helper()
	cfg := config.Default(dir)
	cfg.Contracts = dir
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: dir, Disable: disable})
	if err != nil {
		t.Fatalf("lint %s: %v", dir, err)
	}
	return res
}

// generatorResult is the facade's lint result.
type generatorResult = generator.Result

// lintPaths lints the given contract files with root as contracts directory.
func lintPaths(t testing.TB, root string, paths []string, disable ...string) *generator.Result {
	t.Helper()
	cfg := config.Default(root)
	cfg.Contracts = root
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: root, Paths: paths, Disable: disable})
	if err != nil {
		t.Fatalf("lint %v: %v", paths, err)
	}
	return res
}

// errorsOf returns the error diagnostics.
func errorsOf(l diag.List) diag.List {
	var out diag.List
	for _, d := range l {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// generateInto renders the Go package of set into modDir/pkg.
func generateInto(t testing.TB, set *ir.Set, modDir, pkg string) []files.File {
	t.Helper()
	out, err := gogen.Generate(set, gogen.Options{Dir: filepath.Join(modDir, pkg), Package: pkg})
	if err != nil {
		t.Fatalf("generate %s: %v", pkg, err)
	}
	for _, f := range out {
		if formatted, err := format.Source(f.Content); err != nil || !bytes.Equal(formatted, f.Content) {
			t.Errorf("%s is not gofmt-clean (%v)", f.Path, err)
		}
		if !files.IsGenerated(f.Content) {
			t.Errorf("%s lacks the generated header", f.Path)
		}
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f.Path, f.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// newModule creates a module with no dependencies in a temp dir.
func newModule(t testing.TB, name string) string {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+name+"\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// goCmd runs the go tool in dir and returns its combined output.
func goCmd(t testing.TB, dir string, args ...string) ([]byte, error) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	return buf.Bytes(), err
}

// runProgram builds and runs package main in dir, failing with the output.
func runProgram(t testing.TB, dir string) string {
	t.Helper()
	out, err := goCmd(t, dir, "run", ".")
	if err != nil {
		t.Fatalf("go run in %s: %v\n%s", dir, err, firstLines(string(out), 60))
	}
	return string(out)
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("… (%d more bytes)", len(s)))
	}
	return strings.Join(lines, "\n")
}
