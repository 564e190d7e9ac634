package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDocuments: the shared corpus lists its documents, the official
// verdicts come from SOURCES.tsv, and fragments are no documents.
func TestDocuments(t *testing.T) {
	dir, _ := filepath.Abs("../../../../shared/corpus")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("../shared/corpus not found beside the repository")
		}
		t.Skip("../shared/corpus not found")
	}
	docs, err := Documents(dir)
	if err != nil {
		t.Fatal(err)
	}
	valid := 0
	for _, d := range docs {
		if d.Valid {
			valid++
		} else if d.Why == "" {
			t.Errorf("%s: invalid without a reason", d.Name)
		}
		if filepath.Base(d.Path) == "schemas.yaml" {
			t.Errorf("%s is a fragment", d.Name)
		}
	}
	if len(docs) < 30 || valid < 25 || valid == len(docs) {
		t.Errorf("%d documents, %d valid", len(docs), valid)
	}
}
