package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExtra: the extra directory lists its 2.x documents (YAML, JSON, one
// opening with a byte order mark), leaves out 3.x documents and fragments,
// and takes each verdict from the verdicts file; without one, every
// document is valid.
func TestExtra(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a/asyncapi.yaml":   "asyncapi: '2.6.0'\ninfo: {}\n",
		"b/api.json":        "\ufeff{\n\t\"asyncapi\": \"2.0.0\"\n}\n",
		"c/asyncapi.yml":    "asyncapi: 3.0.0\n",
		"c/schemas.yaml":    "Thing: {type: object}\n",
		"d/notes.txt":       "asyncapi: 2.6.0\n",
		"e/nested/doc.yaml": "# comment\nasyncapi: 2.3.0\n",
		"f/unlisted.yaml":   "asyncapi: 2.1.0\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	verdicts := filepath.Join(t.TempDir(), "verdicts.tsv")
	tsv := "path\tofficial_valid\tofficial_first_error\na/asyncapi.yaml\tyes\t\nb/api.json\tno\t1:1 broken\ne/nested/doc.yaml\tyes\t\n"
	if err := os.WriteFile(verdicts, []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"extra/a/asyncapi.yaml": true, "extra/b/api.json": false, "extra/e/nested/doc.yaml": true, "extra/f/unlisted.yaml": false}
	for _, v := range []string{verdicts, ""} {
		docs, err := Extra(dir, v)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != len(want) {
			t.Fatalf("verdicts %q: %d documents, want %d: %+v", v, len(docs), len(want), docs)
		}
		for _, d := range docs {
			valid, ok := want[d.Name]
			if !ok {
				t.Errorf("unexpected %s", d.Name)
			}
			if v == "" {
				valid = true
			}
			if d.Valid != valid {
				t.Errorf("verdicts %q: %s valid %v, want %v (%s)", v, d.Name, d.Valid, valid, d.Why)
			}
			if v != "" && !d.Valid && d.Why == "" {
				t.Errorf("%s: invalid without a reason", d.Name)
			}
		}
	}
	if _, err := Extra(filepath.Join(dir, "missing"), ""); err == nil {
		t.Error("a missing directory is no error")
	}
}
