package gogen_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/gogen"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// runtimeName is the helper file every package gets: rtsrc's source under
// the generated header, the same for every case. Goldens do not store it
// (TestGoldenCheckedIn pins it through gen/events); it is still compiled
// with every golden package.
const runtimeName = "runtime.gen.go"

// lintCase lints a golden case's contracts with its asyncgen.yaml (if
// any: go-uncheckable-pattern switches the codegen category off) and the
// given categories off.
func lintCase(t *testing.T, dir string, disable ...string) *generatorResult {
	t.Helper()
	cfg := config.Default(dir)
	if p := filepath.Join(dir, config.FileName); fileExists(p) {
		var ds diag.List
		var err error
		if cfg, ds, err = generator.LoadConfig(p, dir); err != nil || ds.HasErrors() {
			t.Fatalf("%s: %v %v", p, err, ds)
		}
	}
	cfg.Contracts = filepath.Join(dir, "contracts")
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: dir, Disable: disable})
	if err != nil {
		t.Fatalf("lint %s: %v", dir, err)
	}
	return res
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// TestGoldenGo generates every testdata/gen/go-*/contracts/ case and
// compares the whole files with want/ (both ways: missing and extra
// files). -update rewrites want/ from scratch. Every want/ package is then
// compiled and vetted in one module, so a golden that does not compile fails.
func TestGoldenGo(t *testing.T) {
	root := filepath.Join(repoRoot(t), "testdata", "gen")
	cases, err := filepath.Glob(filepath.Join(root, "go-*"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases under %s (%v)", root, err)
	}
	mod := newModule(t, "golden")
	for _, dir := range cases {
		name := filepath.Base(dir)
		pkg := strings.ReplaceAll(name, "-", "")
		res := lintCase(t, dir, "naming", "conventions", "versioning", "examples")
		if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
			t.Errorf("%s: lint errors: %v", name, errs)
			continue
		}
		want := filepath.Join(dir, "want")
		out, err := gogen.Generate(res.IR, gogen.Options{Dir: want, Package: "events"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := map[string][]byte{}
		for _, f := range out {
			got[filepath.Base(f.Path)] = f.Content
		}
		if *update {
			if err := os.RemoveAll(want); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(want, 0o755); err != nil {
				t.Fatal(err)
			}
			for n, b := range got {
				if n == runtimeName {
					continue
				}
				if err := os.WriteFile(filepath.Join(want, n), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		entries, _ := os.ReadDir(want)
		have := map[string]bool{}
		for _, e := range entries {
			have[e.Name()] = true
			b, _ := os.ReadFile(filepath.Join(want, e.Name()))
			g, ok := got[e.Name()]
			switch {
			case !ok:
				t.Errorf("%s: want/%s is no longer generated", name, e.Name())
			case !bytes.Equal(g, b):
				t.Errorf("%s: want/%s differs (run go test ./generator/gogen -run Golden -update):\n%s", name, e.Name(), lineDiff(string(b), string(g)))
			}
		}
		var names []string
		for n := range got {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if !have[n] && n != runtimeName {
				t.Errorf("%s: %s is generated but missing from want/", name, n)
			}
			dst := filepath.Join(mod, pkg, n)
			_ = os.MkdirAll(filepath.Dir(dst), 0o755)
			if err := os.WriteFile(dst, got[n], 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if out, err := goCmd(t, mod, "vet", "./..."); err != nil {
		t.Fatalf("golden packages do not compile or vet: %v\n%s", err, firstLines(string(out), 60))
	}
}

// lineDiff shows the first differing lines of two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		fmt.Fprintf(&b, "line %d:\n  want: %s\n  got:  %s\n", i+1, wl, gl)
		if shown++; shown == 10 {
			b.WriteString("  …\n")
			break
		}
	}
	return b.String()
}

// TestGoldenCheckedIn keeps gen/events in step with contracts/: the
// checked-in package must be exactly what generate writes today.
func TestGoldenCheckedIn(t *testing.T) {
	root := repoRoot(t)
	res := lintDir(t, filepath.Join(root, "contracts"))
	if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
		t.Fatalf("contracts/ do not lint clean: %v", errs)
	}
	dir := filepath.Join(root, "gen", "events")
	out, err := gogen.Generate(res.IR, gogen.Options{Dir: dir, Package: "events"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, f := range out {
		want[filepath.Base(f.Path)] = true
		b, err := os.ReadFile(f.Path)
		if err != nil || !bytes.Equal(b, f.Content) {
			t.Errorf("%s is stale; run go generate ./... (%v)", f.Path, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".gen.go") && !want[e.Name()] {
			t.Errorf("gen/events/%s is no longer generated; run go generate ./...", e.Name())
		}
	}
}
