package main

import (
	"testing"
)

// TestGoldenDiff runs `asyncgen diff --against old [args…] new` in every
// testdata/diff/<case>/ folder and compares stdout, stderr and the exit
// code with want.txt (rewritten by -update). A case may hold an `args`
// file with extra arguments, one per line.
func TestGoldenDiff(t *testing.T) {
	runGolden(t, "../../testdata/diff", func(t *testing.T, dir string, extra []string) []string {
		args := append([]string{"asyncgen", "diff", "--against", "old"}, extra...)
		return append(args, "new")
	})
}
