package snapshot_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/snapshot"
)

// TestRoundTrip: the snapshot of the shipped contracts is deterministic,
// and read back as a baseline it shows no change against the contracts it
// was taken from (every schema survives canonicalization and decoding).
func TestRoundTrip(t *testing.T) {
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	res, err := generator.Lint(generator.Options{Config: config.Default(dir), Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.IR.Events) == 0 {
		t.Fatal("no events in contracts/")
	}
	a, b := snapshot.Build(res.IR).Encode(), snapshot.Build(res.IR).Encode()
	if !bytes.Equal(a, b) {
		t.Fatal("two snapshots of the same contracts differ")
	}
	side, err := snapshot.Read(a, "snapshot.json", "snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(side.Events) != len(res.IR.Events) {
		t.Errorf("snapshot has %d events, contracts %d", len(side.Events), len(res.IR.Events))
	}
	r := diff.Compare([]*diff.Side{side}, diff.NewSide(res.IR, "new"), diff.Options{Mode: diff.DefaultMode})
	for _, f := range r.Findings {
		t.Errorf("round trip: %s", f.Line())
	}
	if _, err := snapshot.Read([]byte(`{"asyncgen_snapshot": 99}`), "x.json", "x"); err == nil {
		t.Error("a newer snapshot format was accepted")
	}
}
