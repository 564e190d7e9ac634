package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/config"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGoldenLint runs `asyncgen lint` in every testdata/lint/<case>/ folder
// and compares stdout and the exit code with want.txt. A case may hold an
// `args` file (extra arguments, one per line) and its own asyncgen.yaml.
func TestGoldenLint(t *testing.T) {
	runGolden(t, "../../testdata/lint", func(t *testing.T, dir string, extra []string) []string {
		// A case without its own asyncgen.yaml runs on defaults; one found
		// further up (a repository's own config) would change every case.
		if found := config.Find("", dir); found != "" && filepath.Dir(found) != dir {
			t.Fatalf("the case would use %s; give it its own asyncgen.yaml", found)
		}
		return append([]string{"asyncgen", "lint"}, extra...)
	})
}

// runGolden runs asyncgen inside every case folder under root, with the
// command line argv builds from the case's `args` file (one argument per
// line), and compares stdout, the exit code and stderr with want.txt;
// -update rewrites want.txt.
func runGolden(t *testing.T, root string, argv func(t *testing.T, dir string, extra []string) []string) {
	t.Helper()
	root, err := filepath.Abs(root)
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
			var extra []string
			if b, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
				for _, a := range strings.Split(strings.TrimSpace(string(b)), "\n") {
					if a = strings.TrimSpace(a); a != "" {
						extra = append(extra, a)
					}
				}
			}
			args := argv(t, dir, extra)
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
				t.Errorf("%s output differs from want.txt\n--- want\n%s--- got\n%s", args[1], want, got)
			}
		})
	}
	if n == 0 {
		t.Fatal("no golden cases found")
	}
}
