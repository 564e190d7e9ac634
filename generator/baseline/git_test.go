package baseline_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/baseline"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diff"
)

const contractV1 = `asyncapi: 2.6.0
info:
  title: Orders
  version: 1.0.0
channels:
  order.placed:
    subscribe:
      message:
        $ref: '#/components/messages/OrderPlaced'
components:
  messages:
    OrderPlaced:
      name: order.placed
      payload:
        $ref: 'schemas.yaml#/OrderPlacedData'
`

const schemasV1 = `OrderPlacedData:
  type: object
  required: [order_id, status]
  properties:
    order_id:
      type: string
      format: uuid
    status:
      type: string
      enum: [placed, paid, cancelled]
`

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=asyncgen test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// repo makes a throwaway repository with two commits: v1 of the contracts,
// then v2 removing an enum value (in a $ref'd fragment) and bumping the
// version.
func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	write(t, filepath.Join(dir, "contracts", "orders.yaml"), contractV1)
	write(t, filepath.Join(dir, "contracts", "schemas.yaml"), schemasV1)
	write(t, filepath.Join(dir, "README.md"), "not a contract\n")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "v1")
	write(t, filepath.Join(dir, "contracts", "orders.yaml"), strings.Replace(contractV1, "version: 1.0.0", "version: 2.0.0", 1))
	write(t, filepath.Join(dir, "contracts", "schemas.yaml"), strings.Replace(schemasV1, "[placed, paid, cancelled]", "[placed, paid]", 1))
	git(t, dir, "commit", "-q", "-am", "v2")
	return dir
}

func current(t *testing.T, dir string) *diff.Side {
	t.Helper()
	res, err := generator.Lint(generator.Options{Config: config.Default(dir), Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	return diff.NewSide(res.IR, "new")
}

// TestGitBaseline reads the previous commit with git plumbing (no
// checkout: the working tree keeps v2) and finds the removed enum value,
// naming the old definition as REV:path:line:col.
func TestGitBaseline(t *testing.T) {
	dir := repo(t)
	for _, spec := range []string{"git:HEAD~1", "git:HEAD~1:contracts", "git:main~1"} {
		base, err := baseline.Load(context.Background(), spec, baseline.Options{Config: config.Default(dir), Cwd: dir})
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		r := diff.Compare(base, current(t, dir), diff.Options{Mode: diff.DefaultMode})
		var lines []string
		for _, f := range r.Findings {
			lines = append(lines, f.Line())
		}
		got := strings.Join(lines, "\n")
		rev := strings.Split(strings.TrimPrefix(spec, "git:"), ":")[0]
		want := `contracts/schemas.yaml:10:7: error: order.placed /payload/properties/status/enum: enum value "cancelled" was removed; backward incompatible, forward compatible; bump major, deploy producers first (was ` + rev + `:contracts/schemas.yaml:10:7) [payload-enum-value-removed]`
		if got != want {
			t.Errorf("%s:\n got %s\nwant %s", spec, got, want)
		}
		if r.Baseline != "git:"+rev {
			t.Errorf("baseline label %q", r.Baseline)
		}
	}
	// The working tree was not touched.
	if b, _ := os.ReadFile(filepath.Join(dir, "contracts", "schemas.yaml")); strings.Contains(string(b), "cancelled") {
		t.Error("the working tree changed")
	}
	if out := git(t, dir, "status", "--porcelain"); out != "" {
		t.Errorf("git status not clean:\n%s", out)
	}
}

// TestGitBaselineErrors: unknown revisions, missing subdirectories, and a
// shallow clone that lacks the revision, with the fix printed.
func TestGitBaselineErrors(t *testing.T) {
	dir := repo(t)
	o := baseline.Options{Config: config.Default(dir), Cwd: dir}
	if _, err := baseline.Load(context.Background(), "git:nope", o); err == nil || !strings.Contains(err.Error(), `unknown revision "nope"`) {
		t.Errorf("unknown revision: %v", err)
	}
	if _, err := baseline.Load(context.Background(), "git:HEAD:missing", o); err == nil || !strings.Contains(err.Error(), "has no files under missing") {
		t.Errorf("missing subdir: %v", err)
	}

	clone := filepath.Join(t.TempDir(), "shallow")
	git(t, dir, "clone", "-q", "--depth", "1", "file://"+dir, clone)
	co := baseline.Options{Config: config.Default(clone), Cwd: clone}
	_, err := baseline.Load(context.Background(), "git:HEAD~1", co)
	if err == nil {
		t.Fatal("a shallow clone without HEAD~1 loaded")
	}
	for _, want := range []string{"shallow clone", "fetch-depth: 0", "git fetch --unshallow"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("shallow-clone message lacks %q:\n%v", want, err)
		}
	}
	// HEAD itself is there: the same contracts, no findings.
	base, err := baseline.Load(context.Background(), "git:HEAD", co)
	if err != nil {
		t.Fatal(err)
	}
	if r := diff.Compare(base, current(t, clone), diff.Options{Mode: diff.DefaultMode}); len(r.Findings) != 0 {
		t.Errorf("HEAD vs working tree: %d findings", len(r.Findings))
	}
}
