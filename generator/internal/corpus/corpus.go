// Package corpus lists the AsyncAPI documents of ../shared/corpus that
// tests run asyncgen on: every document the official AsyncAPI parser
// accepts. real-world/SOURCES.tsv says, per document, what the official
// parser says of it; every document of asyncapi-spec-2.6.0 is valid (it is
// the specification's own example set).
package corpus

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Doc is one corpus document.
type Doc struct {
	// Path is the document's absolute path; Name its path in the corpus.
	Path, Name string
	// Valid reports whether the official parser accepts it; Why is its
	// first error when it does not.
	Valid bool
	Why   string
}

// Documents lists every AsyncAPI document under dir (../shared/corpus),
// sorted by name.
func Documents(dir string) ([]Doc, error) {
	verdicts, err := readSources(filepath.Join(dir, "real-world", "SOURCES.tsv"))
	if err != nil {
		return nil, err
	}
	var docs []Doc
	err = walkDocs(dir, func(b []byte) bool {
		// A fragment has no asyncapi key.
		return bytes.HasPrefix(b, []byte("asyncapi:")) || bytes.Contains(b, []byte("\nasyncapi:")) || bytes.Contains(b, []byte(`"asyncapi"`))
	}, func(name, p string) error {
		doc := Doc{Path: p, Name: name, Valid: true}
		if v, ok := verdicts[name]; ok {
			doc.Valid, doc.Why = v.valid, v.why
		} else if filepath.Dir(name) != "." && topDir(name) == "real-world" {
			return fmt.Errorf("%s is not in real-world/SOURCES.tsv", name)
		}
		docs = append(docs, doc)
		return nil
	})
	sort.Slice(docs, func(i, j int) bool { return docs[i].Name < docs[j].Name })
	return docs, err
}

// Valid lists the documents the official parser accepts.
func Valid(dir string) ([]Doc, error) {
	all, err := Documents(dir)
	var out []Doc
	for _, d := range all {
		if d.Valid {
			out = append(out, d)
		}
	}
	return out, err
}

func topDir(name string) string {
	for {
		d := filepath.Dir(name)
		if d == "." || d == "/" {
			return name
		}
		name = d
	}
}

type verdict struct {
	valid bool
	why   string
}

// readSources reads SOURCES.tsv: corpus name → the official verdict.
func readSources(path string) (map[string]verdict, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s is empty", path)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, h := range []string{"dir", "path", "official_valid", "official_first_error"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("%s has no %s column", path, h)
		}
	}
	out := map[string]verdict{}
	for _, row := range rows[1:] {
		name := "real-world/" + row[col["dir"]] + "/" + row[col["path"]]
		out[name] = verdict{valid: row[col["official_valid"]] == "yes", why: row[col["official_first_error"]]}
	}
	return out, nil
}

// walkDocs calls each, in walk order, with the slash-separated name
// (relative to dir) and the path of every .yaml, .yml or .json file below
// dir whose content isDoc accepts.
func walkDocs(dir string, isDoc func([]byte) bool, each func(name, path string) error) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".yaml", ".yml", ".json":
		default:
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !isDoc(b) {
			return nil
		}
		name, _ := filepath.Rel(dir, p)
		return each(filepath.ToSlash(name), p)
	})
}
