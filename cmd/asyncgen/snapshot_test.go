package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSnapshotBaseline: a snapshot is deterministic, diffs clean against
// its own contracts, and as a baseline finds the same changes as the
// directory it was taken from.
func TestSnapshotBaseline(t *testing.T) {
	dir := diffCase(t, "p18-enum-value-removed")
	first, errOut, code := runCLI(t, dir, "snapshot", "old")
	if code != 0 || !strings.Contains(first, `"asyncgen_snapshot": 1`) || !strings.Contains(first, `"event_type": "order.placed"`) {
		t.Fatalf("snapshot: exit %d\n%s%s", code, first, errOut)
	}
	if _, _, code = runCLI(t, dir, "snapshot", "-o", "snap.json", "old"); code != 0 {
		t.Fatalf("snapshot -o: exit %d", code)
	}
	b, err := os.ReadFile(filepath.Join(dir, "snap.json"))
	if err != nil || string(b) != first {
		t.Fatalf("snapshot -o differs from stdout (%v)", err)
	}
	info, _ := os.Stat(filepath.Join(dir, "snap.json"))
	if _, _, code = runCLI(t, dir, "snapshot", "-o", "snap.json", "old"); code != 0 {
		t.Fatal("second snapshot failed")
	}
	if again, _ := os.Stat(filepath.Join(dir, "snap.json")); !again.ModTime().Equal(info.ModTime()) {
		t.Error("an unchanged snapshot was rewritten")
	}
	out, _, code := runCLI(t, dir, "diff", "--against", "snap.json", "old")
	if code != 0 || !strings.Contains(out, "no changes against snap.json") {
		t.Errorf("old against its own snapshot: exit %d\n%s", code, out)
	}
	fromSnap, _, code := runCLI(t, dir, "diff", "--against", "snap.json", "new")
	fromDir, _, _ := runCLI(t, dir, "diff", "--against", "old", "new")
	if code != 1 {
		t.Errorf("new against the snapshot: exit %d\n%s", code, fromSnap)
	}
	rule := func(s string) []string {
		var ids []string
		for _, l := range strings.Split(s, "\n") {
			if i := strings.LastIndex(l, " ["); i >= 0 {
				ids = append(ids, l[i:])
			}
		}
		return ids
	}
	if strings.Join(rule(fromSnap), ",") != strings.Join(rule(fromDir), ",") {
		t.Errorf("snapshot and directory baselines disagree:\n%s\n%s", fromSnap, fromDir)
	}
}
