package baseline_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/baseline"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// TestLoadSQL reads the generated SQL a migration starts from, from a
// directory and from a revision (default directory: sql.out), keeping only
// the directory's own files that carry the generated header.
func TestLoadSQL(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	generated := sqlgen.Header + "\nSELECT 1;\n"
	write(t, filepath.Join(dir, "gen", "sql", "000_event_store.sql"), generated)
	write(t, filepath.Join(dir, "gen", "sql", "zz_hand_written.sql"), "SELECT 2;\n")
	write(t, filepath.Join(dir, "gen", "sql", "old", "000_event_store.sql"), generated)
	write(t, filepath.Join(dir, "empty", "README.md"), "nothing\n")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "v1")
	o := baseline.Options{Config: config.Default(dir), Cwd: dir}
	for _, spec := range []string{"git:HEAD", "git:HEAD:gen/sql", "gen/sql"} {
		got, name, err := baseline.LoadSQL(context.Background(), spec, o)
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		if len(got) != 1 || filepath.Base(got[0].Path) != "000_event_store.sql" || string(got[0].Content) != generated || name != spec {
			t.Errorf("%s: %d files (%v), name %q; want 000_event_store.sql only", spec, len(got), got, name)
		}
	}
	for spec, want := range map[string]string{
		"git:HEAD:empty": "no generated SQL files",
		"empty":          "no generated SQL files",
		"missing":        "want a directory of generated SQL",
		"git:nosuch":     "unknown revision",
		"":               "--against is empty",
	} {
		if _, _, err := baseline.LoadSQL(context.Background(), spec, o); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error saying %q", spec, err, want)
		}
	}
}
