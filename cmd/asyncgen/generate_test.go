package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// project is a throwaway repository: asyncgen.yaml, contracts/ (a copy of
// the clean lint case) and the outputs gen/events and gen/sql.
type project struct {
	dir string
}

func newProject(t *testing.T) *project {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, filepath.Join(lintCase(t, "clean"), "contracts"), filepath.Join(dir, "contracts"))
	cfg := "go: {out: gen/events, package: events}\nsql: {out: gen/sql}\n"
	if err := os.WriteFile(filepath.Join(dir, "asyncgen.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return &project{dir: dir}
}

// copyTree copies the regular files under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// generate runs asyncgen generate in the project and fails the test on an
// unexpected exit code.
func (p *project) generate(t *testing.T, want int, args ...string) (stdout, stderr string) {
	t.Helper()
	stdout, stderr, code := runIn(t, p.dir, append([]string{"generate"}, args...)...)
	if code != want {
		t.Fatalf("asyncgen generate %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, stdout, stderr)
	}
	return stdout, stderr
}

// tree returns every file under gen/ with its content, by slash path.
func (p *project) tree(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	root := filepath.Join(p.dir, "gen")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if os.IsNotExist(err) {
			return nil
		}
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func names(tree map[string]string) []string {
	var out []string
	for k := range tree {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// sameTree fails the test when got and want differ, naming the files.
func sameTree(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for _, n := range names(want) {
		if g, ok := got[n]; !ok {
			t.Errorf("%s: %s is missing", what, n)
		} else if g != want[n] {
			t.Errorf("%s: %s changed", what, n)
		}
	}
	for _, n := range names(got) {
		if _, ok := want[n]; !ok {
			t.Errorf("%s: %s appeared", what, n)
		}
	}
}

// TestEmptyInputNeverWipesOutputs: once outputs exist, a run over an empty
// contracts directory, a directory without documents, or a named file that
// is empty or comment-only is an error (exit 1) that writes and removes
// nothing.
func TestEmptyInputNeverWipesOutputs(t *testing.T) {
	p := newProject(t)
	p.generate(t, exitOK)
	before := p.tree(t)
	if len(before) < 3 {
		t.Fatalf("the first run generated too little: %v", names(before))
	}
	contracts := filepath.Join(p.dir, "contracts")

	empty := filepath.Join(p.dir, "blank.yaml")
	if err := os.WriteFile(empty, []byte("# to be written\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _ := p.generate(t, exitFindings, "blank.yaml")
	if !strings.Contains(stdout, "blank.yaml:1:1: error: the file is empty or holds only comments") {
		t.Errorf("named comment-only file: no diagnostic:\n%s", stdout)
	}
	sameTree(t, "after a comment-only named file", p.tree(t), before)

	if err := os.RemoveAll(contracts); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(contracts, "components"), 0o755); err != nil {
		t.Fatal(err)
	}
	stdout, stderr := p.generate(t, exitFindings)
	if !strings.Contains(stdout, "contracts: error: no AsyncAPI documents under contracts/") || !strings.Contains(stdout, "[spec/no-documents]") {
		t.Errorf("empty contracts directory: no diagnostic:\n%s", stdout)
	}
	if !strings.Contains(stderr, "nothing was generated") {
		t.Errorf("stderr does not say that nothing was generated:\n%s", stderr)
	}
	sameTree(t, "after an empty contracts directory", p.tree(t), before)
}
