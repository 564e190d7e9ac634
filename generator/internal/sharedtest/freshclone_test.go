package sharedtest_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// corpusTests are the tests that need ../shared, by package.
var corpusTests = map[string][]string{
	"./generator/":       {"TestCorpusIsValid", "TestCorpusEventsFound"},
	"./generator/spec/":  {"TestCorpus"},
	"./generator/lint/":  {"TestBundleAgreesOnSuite", "TestBundleAgreesOnCorpus"},
	"./generator/gogen/": {"TestConformance", "TestDifferential", "TestCorpusCompiles", "TestDocCommentsAreGofmtFixedPoints"},
}

// TestFreshClone copies the repository (its tracked and new files, as git
// lists them) to a directory with no ../shared beside it and runs every
// test that needs the corpora: outside CI each skips with one line naming
// what it needs, under CI=true each fails.
func TestFreshClone(t *testing.T) {
	root := moduleRoot(t)
	clone := filepath.Join(t.TempDir(), "asyncgen")
	copyTracked(t, root, clone)
	var pkgs, names []string
	for pkg, tests := range corpusTests {
		pkgs = append(pkgs, pkg)
		names = append(names, tests...)
	}
	args := append([]string{"test", "-count=1", "-v", "-run", "^(" + strings.Join(names, "|") + ")$"}, pkgs...)

	out, err := goTest(t, clone, false, args)
	if err != nil {
		t.Fatalf("without CI, go test failed: %v\n%s", err, out)
	}
	for _, name := range names {
		skip := regexp.MustCompile(`(?m)^=== RUN   ` + name + `\n\s+\S+\.go:\d+: needs \S+/shared/\S+ \(external test corpus; README "Test corpora" says how to get it\)\n--- SKIP: ` + name + ` `)
		if !skip.MatchString(out) {
			t.Errorf("without CI, %s did not skip with the one-line reason:\n%s", name, out)
		}
	}

	out, err = goTest(t, clone, true, args)
	if err == nil {
		t.Fatalf("under CI=true, go test passed without ../shared:\n%s", out)
	}
	for _, name := range names {
		if !strings.Contains(out, "--- FAIL: "+name+" ") {
			t.Errorf("under CI=true, %s did not fail:\n%s", name, out)
		}
	}
}

func goTest(t *testing.T, dir string, ci bool, args []string) (string, error) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var env []string
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "CI", "ASYNCGEN_SHARED", "GOFLAGS":
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	if ci {
		env = append(env, "CI=true")
	}
	cmd.Env = env
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	return buf.String(), err
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	wd, _ := os.Getwd()
	for d := wd; d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
	}
	t.Fatal("go.mod not found")
	return ""
}

// copyTracked copies what a clone would hold, with this working tree's
// edits: the files git tracks (less deleted ones) and new files it does not
// ignore.
func copyTracked(t *testing.T, from, to string) {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = from
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	for _, rel := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		src := filepath.Join(from, rel)
		st, err := os.Lstat(src)
		if err != nil || !st.Mode().IsRegular() {
			continue // deleted in the working tree, or a symlink fixture
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, st.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
}
