package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// TestWriteMigration writes the shipped contracts' SQL as migrations into a
// directory whose newest migration lies in the future.
func TestWriteMigration(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default(root)
	res, err := Lint(Options{Config: cfg, Cwd: root})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("linting the shipped contracts: %v %v", err, res.Diagnostics)
	}
	dir := filepath.Join(t.TempDir(), "migrations")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"20240101000000_init.sql", "29991231235958_from_the_future.sql", "notes.md"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("-- hand-written\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	first, err := WriteMigration(res, cfg, "add_events", dir, now)
	if err != nil {
		t.Fatal(err)
	}
	second, err := WriteMigration(res, cfg, "add_events", dir, now)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(first) != "29991231235959_add_events.sql" || filepath.Base(second) != "30000101000000_add_events.sql" {
		t.Errorf("migrations named %s and %s, want 29991231235959_add_events.sql and 30000101000000_add_events.sql", filepath.Base(first), filepath.Base(second))
	}
	out, err := sqlgen.Generate(res.IR, SQLOptions(cfg, res))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, sqlgen.Migration(out)) {
		t.Error("the migration is not the generated SQL in apply order")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "29991231235958_from_the_future.sql")); string(b) != "-- hand-written\n" {
		t.Error("an existing migration was changed")
	}
	// Never overwrite, even if asked for a taken name.
	if err := writeNew(first, []byte("other")); err == nil {
		t.Error("writeNew replaced an existing migration")
	}
	if b, _ := os.ReadFile(first); !bytes.Equal(b, got) {
		t.Error("a refused write changed the existing migration")
	}
	if _, err := WriteMigration(res, cfg, "../escape", dir, now); err == nil {
		t.Error("a migration name with a path was accepted")
	}
}
