package generator_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
)

// TestRealWorldValidLintsClean: every real-world document the official
// AsyncAPI parser accepts (SOURCES.tsv) lints without errors in plain-API
// mode, now that every schema is checked, referenced or not.
func TestRealWorldValidLintsClean(t *testing.T) {
	root, err := filepath.Abs("../../shared/corpus/real-world")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(root, "SOURCES.tsv"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("../shared/corpus/real-world is missing: %v", err)
		}
		t.Skipf("../shared/corpus/real-world is missing: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	n := 0
	for _, row := range rows[1:] {
		if row[col["official_valid"]] != "yes" {
			continue
		}
		n++
		dir := filepath.Join(root, row[col["dir"]])
		doc := filepath.Join(dir, filepath.FromSlash(row[col["path"]]))
		t.Run(row[col["dir"]]+"/"+row[col["path"]], func(t *testing.T) {
			cfg := config.Default(dir)
			cfg.Contracts = dir
			res, err := generator.Lint(generator.Options{Config: cfg, Cwd: dir, Paths: []string{doc},
				Disable: []string{"naming", "versioning", "conventions", "examples", "codegen"}})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diagnostics {
				if d.Severity == diag.Error {
					t.Errorf("%s: %s [%s]", d.Pos, d.Message, d.Rule)
				}
			}
		})
	}
	if n < 15 {
		t.Errorf("found %d official-valid documents in SOURCES.tsv", n)
	}
}
