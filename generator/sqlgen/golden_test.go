package sqlgen_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGoldenSQL generates the SQL of every testdata/gen/sql-*/ case and
// compares it, whole files both ways, with want/: want/lint.txt holds the
// findings and want/sql/ the files (none when lint finds errors). With
// ASYNCGEN_TEST_DSN each case's SQL is also applied to PostgreSQL twice and
// every example event is driven through it.
func TestGoldenSQL(t *testing.T) {
	cases, err := filepath.Glob("../../testdata/gen/sql-*")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases under testdata/gen/sql-*: %v", err)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			set, diags, opts := loadCase(t, dir)
			got := map[string][]byte{}
			var lintOut bytes.Buffer
			if err := diag.Write(&lintOut, "text", diags, nil, "devel"); err != nil {
				t.Fatal(err)
			}
			got["lint.txt"] = lintOut.Bytes()
			if !diags.HasErrors() {
				out, err := sqlgen.Generate(set, opts)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range out {
					got["sql/"+filepath.Base(f.Path)] = f.Content
				}
			}
			compareGolden(t, filepath.Join(dir, "want"), got)
			if !diags.HasErrors() {
				t.Run("postgres", func(t *testing.T) { runOnPostgres(t, set, opts) })
			}
		})
	}
}

// compareGolden compares got (relative path → content) with the files
// under want, or rewrites want from scratch with -update.
func compareGolden(t *testing.T, want string, got map[string][]byte) {
	t.Helper()
	if *update {
		if err := os.RemoveAll(want); err != nil {
			t.Fatal(err)
		}
		for name, content := range got {
			p := filepath.Join(want, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	onDisk := map[string][]byte{}
	err := filepath.WalkDir(want, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(want, p)
		b, err := os.ReadFile(p)
		onDisk[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatalf("reading %s (run go test ./generator/sqlgen -run Golden -update): %v", want, err)
	}
	var names []string
	for n := range got {
		names = append(names, n)
	}
	for n := range onDisk {
		if _, ok := got[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		g, inGot := got[n]
		w, inWant := onDisk[n]
		switch {
		case !inWant:
			t.Errorf("%s: generated but not in want/ (run with -update)", n)
		case !inGot:
			t.Errorf("%s: in want/ but no longer generated", n)
		case !bytes.Equal(g, w):
			t.Errorf("%s differs from want/:\n%s", n, lineDiff(string(w), string(g)))
		}
	}
}

// lineDiff shows the first differing lines with some context.
func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	var b strings.Builder
	from := max(0, i-2)
	for j := from; j < min(i+4, max(len(wl), len(gl))); j++ {
		if j < len(wl) {
			b.WriteString("  want " + strconv.Itoa(j+1) + ": " + wl[j] + "\n")
		}
		if j < len(gl) {
			b.WriteString("  got  " + strconv.Itoa(j+1) + ": " + gl[j] + "\n")
		}
	}
	return b.String()
}

// runOnPostgres applies a case's SQL twice, then drives every example
// event through it; a sentinel table proves that no text from the
// contracts ran as SQL.
func runOnPostgres(t *testing.T, set *ir.Set, opts sqlgen.Options) {
	conn := testDB(t)
	if _, err := conn.Exec(ctx, `CREATE TABLE sentinel (x int)`); err != nil {
		t.Fatal(err)
	}
	out, err := sqlgen.Generate(set, opts)
	if err != nil {
		t.Fatal(err)
	}
	applyAll(t, conn, out)
	applyAll(t, conn, out)
	h := newHarness(t, conn, set, opts)
	h.checkRegistration(t, out)
	h.insertExamples(t)
	h.checkReplay(t)
	h.checkUnknown(t)
	if h.hasTenantExamples() {
		h.checkRLS(t)
	}
	if n := h.count(t, `SELECT count(*) FROM pg_tables WHERE tablename = 'sentinel'`); n != 1 {
		t.Error("the sentinel table is gone: contract text ran as SQL")
	}
	// Read back into statements (whatever names the contracts hold), the
	// SQL makes a migration from nothing that builds the same catalog.
	full, err := sqlgen.Delta(nil, out, "nothing")
	if err != nil {
		t.Fatal(err)
	}
	fresh := testDB(t)
	if _, err := fresh.Exec(ctx, `CREATE TABLE sentinel (x int)`); err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.Exec(ctx, string(full)); err != nil {
		t.Fatalf("applying the migration from nothing: %v", err)
	}
	clean := testDB(t)
	if _, err := clean.Exec(ctx, `CREATE TABLE sentinel (x int)`); err != nil {
		t.Fatal(err)
	}
	applyAll(t, clean, out)
	if got, want := catalogOf(t, fresh, opts.Schema), catalogOf(t, clean, opts.Schema); got != want {
		t.Errorf("the migration from nothing builds another catalog than the SQL files:\n%s", lineDiff(want, got))
	}
}
