package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerateMigrationCLI: generate --migration writes what changed since
// the SQL on disk or since --against, says when nothing did, and exits 2
// (writing nothing) when a column would change type.
func TestGenerateMigrationCLI(t *testing.T) {
	root := t.TempDir()
	versions, err := filepath.Abs(filepath.Join("..", "..", "testdata", "migration"))
	if err != nil {
		t.Fatal(err)
	}
	use := func(version string) {
		t.Helper()
		if err := os.RemoveAll(filepath.Join(root, "contracts")); err != nil {
			t.Fatal(err)
		}
		copyTree(t, filepath.Join(versions, version, "contracts"), filepath.Join(root, "contracts"))
	}
	use("v1")
	if _, stderr, code := runIn(t, root, "generate", "--against", "gen/sql"); code != exitUsage || !strings.Contains(stderr, "--against goes with --migration") {
		t.Errorf("--against without --migration: exit %d, %s", code, stderr)
	}
	if _, stderr, code := runIn(t, root, "generate", "--migration", "init", "--migrations-dir", "migrations"); code != exitOK || !strings.Contains(stderr, "wrote migration migrations/") {
		t.Fatalf("first migration: exit %d, %s", code, stderr)
	}
	if _, stderr, code := runIn(t, root, "generate", "--migration", "again", "--migrations-dir", "migrations"); code != exitOK || !strings.Contains(stderr, "the SQL did not change; no migration written") {
		t.Errorf("unchanged: exit %d, %s", code, stderr)
	}
	copyTree(t, filepath.Join(root, "gen", "sql"), filepath.Join(root, "v1-sql"))
	use("v2")
	// The SQL on disk is v1's too, but --against names the base.
	if _, stderr, code := runIn(t, root, "generate", "--migration", "v2", "--migrations-dir", "migrations", "--against", "v1-sql"); code != exitOK || !strings.Contains(stderr, "wrote migration") {
		t.Fatalf("v2 migration: exit %d, %s", code, stderr)
	}
	entries, err := os.ReadDir(filepath.Join(root, "migrations"))
	if err != nil || len(entries) != 2 {
		t.Fatalf("migrations: %v, %v; want 2", entries, err)
	}
	b, err := os.ReadFile(filepath.Join(root, "migrations", entries[1].Name()))
	if err != nil {
		t.Fatal(err)
	}
	if m := string(b); !strings.Contains(m, "changed since v1-sql.") || !strings.Contains(m, "handle_order_shipped") || strings.Contains(m, "public.domain_events (") {
		t.Errorf("the v2 migration is not the change since v1-sql:\n%s", m)
	}
	use("v3")
	if _, stderr, code := runIn(t, root, "generate", "--migration", "v3", "--migrations-dir", "migrations"); code != exitUsage || !strings.Contains(stderr, "total_cents changes from bigint to numeric") {
		t.Errorf("a changed column type: exit %d, %s", code, stderr)
	}
	if after, _ := os.ReadDir(filepath.Join(root, "migrations")); len(after) != 2 {
		t.Error("a refused migration was written")
	}
}
