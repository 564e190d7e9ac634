package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoGenerateNestedPackage: in a module whose asyncgen.yaml sits at the
// root, `//go:generate asyncgen generate` in a nested package finds that
// config and writes where it says, relative to the config file; the
// generated package builds with the standard library alone. A module
// without a config never borrows one from a directory above it.
func TestGoGenerateNestedPackage(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "asyncgen")
	if out, err := goRun(t, ".", "build", "-o", bin, "."); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	contract, err := os.ReadFile(filepath.Join("..", "..", "contracts", "organization.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	top := t.TempDir()
	write := func(rel, content string) {
		t.Helper()
		p := filepath.Join(top, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	directive := "package events\n\n//go:generate " + bin + " generate\n"
	// Someone else's config above both modules: valid, so using it would work.
	write("asyncgen.yaml", "contracts: stranger/contracts\ngo: {out: stranger/go}\nsql: {out: stranger/sql}\n")
	write("stranger/contracts/organization.yaml", string(contract))

	write("shop/go.mod", "module example.com/shop\n\ngo 1.24\n")
	write("shop/asyncgen.yaml", "contracts: api\ngo: {out: internal/events, package: events}\nsql: {out: db/migrations}\n")
	write("shop/api/organization.yaml", string(contract))
	write("shop/internal/events/doc.go", directive)
	if out, err := goRun(t, filepath.Join(top, "shop"), "generate", "./..."); err != nil {
		t.Fatalf("go generate: %v\n%s", err, out)
	}
	for _, want := range []string{"internal/events/registry.gen.go", "internal/events/organization.gen.go", "db/migrations/000_event_store.sql"} {
		if _, err := os.Stat(filepath.Join(top, "shop", want)); err != nil {
			t.Errorf("go generate in internal/events did not write %s: %v", want, err)
		}
	}
	if out, err := goRun(t, filepath.Join(top, "shop"), "vet", "./..."); err != nil {
		t.Errorf("the generated package does not build on its own: %v\n%s", err, out)
	}

	write("lone/go.mod", "module example.com/lone\n\ngo 1.24\n")
	write("lone/internal/events/doc.go", directive)
	out, err := goRun(t, filepath.Join(top, "lone"), "generate", "./...")
	if err == nil || !strings.Contains(out, "contracts directory contracts") {
		t.Errorf("go generate in a module without a config: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(top, "stranger", "go")); err == nil {
		t.Error("the config above the module was used")
	}
}

// goRun runs the go command in dir, offline, and returns its output.
func goRun(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	return buf.String(), err
}
