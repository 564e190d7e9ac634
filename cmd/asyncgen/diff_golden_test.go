package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenDiff runs `asyncgen diff --against old [args…] new` in every
// testdata/diff/<case>/ folder and compares stdout, stderr and the exit
// code with want.txt (rewritten by -update). A case may hold an `args`
// file with extra arguments, one per line.
func TestGoldenDiff(t *testing.T) {
	root, err := filepath.Abs("../../testdata/diff")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		n++
		dir := filepath.Join(root, c.Name())
		t.Run(c.Name(), func(t *testing.T) {
			args := []string{"asyncgen", "diff", "--against", "old"}
			if b, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
				for _, a := range strings.Split(strings.TrimSpace(string(b)), "\n") {
					if a = strings.TrimSpace(a); a != "" {
						args = append(args, a)
					}
				}
			}
			args = append(args, "new")
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), args, &stdout, &stderr)
			got := fmt.Sprintf("%sexit status %d\n", stdout.String(), code)
			if stderr.Len() > 0 {
				got += "stderr:\n" + stderr.String()
			}
			wantFile := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("missing want.txt (run go test -run Golden -update): %v", err)
			}
			if got != string(want) {
				t.Errorf("diff output differs from want.txt\n--- want\n%s--- got\n%s", want, got)
			}
		})
	}
	if n == 0 {
		t.Fatal("no golden cases found")
	}
}
