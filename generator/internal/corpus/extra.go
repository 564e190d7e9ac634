package corpus

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
)

// EnvExtra names a directory of further AsyncAPI 2.x documents the
// invariant test runs on beside ../shared/corpus (a sweep of documents
// kept outside the repository); EnvExtraVerdicts names the file saying
// which of them the official parser accepts. Both are unset by default.
const (
	EnvExtra         = "ASYNCGEN_INVARIANT_EXTRA"
	EnvExtraVerdicts = "ASYNCGEN_INVARIANT_EXTRA_VERDICTS"
)

// asyncapi2 matches a top-level asyncapi: 2.x key, in YAML or JSON.
var asyncapi2 = regexp.MustCompile(`(?m)^\s*["']?asyncapi["']?\s*:\s*["']?2\.`)

// Extra lists the AsyncAPI 2.x documents under dir (every .yaml, .yml and
// .json file whose asyncapi key says 2.x; fragments and 3.x documents are
// left out), sorted by name. verdicts, when not empty, is a tab-separated
// file with a header naming the columns path (relative to dir) and
// official_valid (yes or no), and optionally official_first_error; a
// document it does not list, or lists as anything but yes, is not Valid.
// Without verdicts every document counts as valid.
func Extra(dir, verdicts string) ([]Doc, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("%s: %w", EnvExtra, err)
	}
	var known map[string]verdict
	if verdicts != "" {
		var err error
		if known, err = readVerdicts(verdicts); err != nil {
			return nil, err
		}
	}
	var docs []Doc
	err := walkDocs(dir, func(b []byte) bool {
		return asyncapi2.Match(bytes.TrimPrefix(b, []byte("\ufeff")))
	}, func(name, p string) error {
		doc := Doc{Path: p, Name: "extra/" + name, Valid: true}
		if known != nil {
			v, ok := known[name]
			doc.Valid, doc.Why = ok && v.valid, v.why
			if !ok {
				doc.Why = "not in " + verdicts
			}
		}
		docs = append(docs, doc)
		return nil
	})
	sort.Slice(docs, func(i, j int) bool { return docs[i].Name < docs[j].Name })
	return docs, err
}

// readVerdicts reads a verdicts file: path → the official verdict.
func readVerdicts(path string) (map[string]verdict, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", EnvExtraVerdicts, err)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil || len(rows) == 0 {
		return nil, fmt.Errorf("%s: %v (empty or not tab-separated)", path, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	pi, ok1 := col["path"]
	vi, ok2 := col["official_valid"]
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%s: the header must name path and official_valid", path)
	}
	ei, hasWhy := col["official_first_error"]
	out := map[string]verdict{}
	for _, row := range rows[1:] {
		if len(row) <= pi || len(row) <= vi {
			continue
		}
		v := verdict{valid: row[vi] == "yes"}
		if hasWhy && len(row) > ei {
			v.why = row[ei]
		}
		out[filepath.ToSlash(row[pi])] = v
	}
	return out, nil
}
