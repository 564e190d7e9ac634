package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asyncgen/asyncgen/generator/config"
)

// TestGenerateMigration drives generate --migration over the versions of
// testdata/migration: the first migration holds all SQL, an unchanged run
// writes none, the next holds only the change, and a changed column type
// fails the run before anything is written.
func TestGenerateMigration(t *testing.T) {
	root := t.TempDir()
	cfg := config.Default(root)
	migrations := filepath.Join(root, "migrations")
	if err := os.MkdirAll(migrations, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"20240101000000_init.sql", "29991231235958_from_the_future.sql", "notes.md"} {
		if err := os.WriteFile(filepath.Join(migrations, f), []byte("-- hand-written\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	use := func(version string) {
		t.Helper()
		if err := os.RemoveAll(cfg.Contracts); err != nil {
			t.Fatal(err)
		}
		copyDir(t, filepath.Join("..", "testdata", "migration", version, "contracts"), cfg.Contracts)
	}
	run := func(name string) (string, error) {
		t.Helper()
		res, path, err := GenerateMigration(Options{Config: cfg, Cwd: root}, MigrationRequest{Name: name, Dir: migrations, Now: now})
		if err == nil && (res.Report == nil || res.Diagnostics.HasErrors()) {
			t.Fatalf("generate found errors: %v", res.Diagnostics)
		}
		return path, err
	}
	read := func(p string) string {
		t.Helper()
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	use("v1")
	first, err := run("init")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(first) != "29991231235959_init.sql" {
		t.Errorf("first migration named %s, want 29991231235959_init.sql", filepath.Base(first))
	}
	if m := read(first); !strings.Contains(m, "CREATE TABLE IF NOT EXISTS public.domain_events") || !strings.Contains(m, "handle_order_noted") {
		t.Error("the first migration does not hold all the SQL")
	}
	if again, err := run("nothing"); err != nil || again != "" {
		t.Errorf("an unchanged run wrote migration %q (%v), want none", again, err)
	}

	use("v2")
	second, err := run("v2")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(second) != "30000101000000_v2.sql" {
		t.Errorf("second migration named %s, want 30000101000000_v2.sql", filepath.Base(second))
	}
	m := read(second)
	for _, want := range []string{"handle_order_shipped", "DROP FUNCTION IF EXISTS public.handle_order_noted(public.domain_events);", "ADD COLUMN IF NOT EXISTS coupon_id uuid", "since the generated SQL in gen/sql"} {
		if !strings.Contains(m, want) {
			t.Errorf("the second migration lacks %q", want)
		}
	}
	if strings.Contains(m, "CREATE OR REPLACE FUNCTION public.handle_customer_registered") || strings.Contains(m, "CREATE TABLE IF NOT EXISTS public.domain_events") {
		t.Error("the second migration repeats SQL that did not change")
	}

	use("v3")
	disk := read(filepath.Join(cfg.SQL.Out, "010_order_projection.sql"))
	entries, _ := os.ReadDir(migrations)
	if _, err := run("v3"); err == nil || !strings.Contains(err.Error(), "total_cents changes from bigint to numeric") {
		t.Errorf("a changed column type: %v, want a refusal", err)
	}
	if read(filepath.Join(cfg.SQL.Out, "010_order_projection.sql")) != disk {
		t.Error("a refused migration let generate write its outputs")
	}
	if after, _ := os.ReadDir(migrations); len(after) != len(entries) {
		t.Error("a refused migration was written")
	}
	if b := read(filepath.Join(migrations, "29991231235958_from_the_future.sql")); b != "-- hand-written\n" {
		t.Error("an existing migration was changed")
	}
	// Never overwrite, even if asked for a taken name.
	before := read(second)
	if err := writeNew(second, []byte("other")); err == nil {
		t.Error("writeNew replaced an existing migration")
	}
	if read(second) != before {
		t.Error("a refused write changed the existing migration")
	}
	if _, err := run("../escape"); err == nil {
		t.Error("a migration name with a path was accepted")
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
