package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/pgtest"

	"github.com/jackc/pgx/v5"
)

// registryDSN returns the DSN of a fresh database dropped after the test.
func registryDSN(t *testing.T) string {
	t.Helper()
	return pgtest.DSN(t, "asyncgen_cli")
}

// copyCase copies a golden case's old/ and new/ trees into a temp dir.
func diffCase(t *testing.T, name string) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("..", "..", "testdata", "diff", name)
	for _, side := range []string{"old", "new"} {
		if err := os.MkdirAll(filepath.Join(dst, side), 0o755); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(src, side, "orders.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, side, "orders.yaml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func runCLI(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"asyncgen"}, args...), &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

// TestRegisterCommand: register v1, refuse the breaking new version (exit
// 1), dry-run and --allow-breaking, then diff against the registry.
func TestRegisterCommand(t *testing.T) {
	dsn := registryDSN(t)
	dir := diffCase(t, "p18-enum-value-removed")
	out, errOut, code := runCLI(t, dir, "register", "--db", dsn, "old")
	if code != 0 || !strings.Contains(out, "register: order.placed: registered as a new event type, version 1") || !strings.Contains(out, "register: committed") {
		t.Fatalf("register v1: exit %d\n%s%s", code, out, errOut)
	}
	out, _, code = runCLI(t, dir, "register", "--db", dsn, "new")
	if code != 1 || !strings.Contains(out, "[payload-enum-value-removed]") || !strings.Contains(out, "register: refused") {
		t.Fatalf("breaking register: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, dir, "diff", "--against", dsn, "new")
	if code != 1 || !strings.Contains(out, `enum value "cancelled" was removed`) || !strings.Contains(out, "against registry") {
		t.Fatalf("diff against the registry: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, dir, "register", "--db", dsn, "--allow-breaking", "--dry-run", "--format", "json", "new")
	if code != 0 || !strings.Contains(out, `"action": "new-version"`) || !strings.Contains(out, `"applied": false`) {
		t.Fatalf("dry run: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, dir, "register", "--db", dsn, "--allow-breaking", "new")
	if code != 0 || !strings.Contains(out, "register: order.placed: version 2 registered") {
		t.Fatalf("--allow-breaking: exit %d\n%s", code, out)
	}
	// Against the latest version only, the registry now matches.
	out, _, code = runCLI(t, dir, "diff", "--against", dsn, "--mode", "backward", "new")
	if code != 0 || !strings.Contains(out, "no changes against registry") {
		t.Fatalf("diff after registering: exit %d\n%s", code, out)
	}
	// Transitively, v1's stored events may still hold the removed value.
	if _, _, code = runCLI(t, dir, "diff", "--against", dsn, "new"); code != 1 {
		t.Errorf("transitive diff after --allow-breaking: exit %d, want 1", code)
	}
}

// TestDiffVerifyEvents: --verify-events names the stored event the new
// schema rejects.
func TestDiffVerifyEvents(t *testing.T) {
	dsn := registryDSN(t)
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `CREATE TABLE domain_events (id uuid PRIMARY KEY, event_type text NOT NULL, event_data jsonb NOT NULL);
		INSERT INTO domain_events VALUES
		  ('00000000-0000-4000-8000-000000000001', 'order.placed', '{"order_id": "22222222-2222-4222-8222-222222222222", "value": "placed"}'),
		  ('00000000-0000-4000-8000-000000000002', 'order.placed', '{"order_id": "22222222-2222-4222-8222-222222222222", "value": "cancelled"}')`); err != nil {
		t.Fatal(err)
	}
	dir := diffCase(t, "p18-enum-value-removed")
	out, errOut, code := runCLI(t, dir, "diff", "--against", "old", "--verify-events", dsn, "new")
	if code != 1 || !strings.Contains(out, "00000000-0000-4000-8000-000000000002") || !strings.Contains(out, "[stored-events-rejected]") ||
		!strings.Contains(out, "verify-events: order.placed: 2 of 2 stored events checked, 1 failing") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}

// TestSilentDatabase: register, diff --against postgres://… and
// --verify-events against a server that accepts and never answers exit 2
// with the connect timeout instead of hanging; --timeout sets the bound.
func TestSilentDatabase(t *testing.T) {
	dsn := pgtest.SilentDSN(t)
	dir := diffCase(t, "p18-enum-value-removed")
	for _, args := range [][]string{
		{"register", "--db", dsn, "--timeout", "100ms", "new"},
		{"diff", "--against", dsn, "--timeout", "100ms", "new"},
		{"diff", "--against", "old", "--verify-events", dsn, "--timeout", "100ms", "new"},
	} {
		out, errOut, code := runCLI(t, dir, args...)
		if code != exitUsage || !strings.Contains(errOut, "within 100ms (connect timeout") {
			t.Errorf("asyncgen %s: exit %d, want %d and a connect timeout\n%s%s", strings.Join(args, " "), code, exitUsage, out, errOut)
		}
	}
	if _, errOut, code := runCLI(t, dir, "register", "--db", dsn, "--timeout", "0s", "new"); code != exitUsage || !strings.Contains(errOut, "--timeout must be positive") {
		t.Errorf("--timeout 0s: exit %d\n%s", code, errOut)
	}
}
