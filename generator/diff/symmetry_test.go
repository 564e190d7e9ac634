package diff_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/baseline"
	"github.com/asyncgen/asyncgen/generator/diff"
)

// goldenCase is one testdata/diff case loaded both ways.
type goldenCase struct {
	name     string
	old, new *diff.Side
	opts     diff.Options
}

func loadGoldens(t *testing.T) []goldenCase {
	t.Helper()
	root, err := filepath.Abs("../../testdata/diff")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var out []goldenCase
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(root, e.Name())
		opts := diff.Options{Mode: diff.DefaultMode}
		if b, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
			args := strings.Fields(string(b))
			for i, a := range args {
				if a == "--content-model" {
					opts.ContentModel, _ = diff.ParseContentModel(args[i+1])
				}
			}
		}
		old, err := baseline.LoadDir(filepath.Join(dir, "old"), "old", dir, nil)
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		nw, err := baseline.LoadDir(filepath.Join(dir, "new"), "new", dir, nil)
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		out = append(out, goldenCase{e.Name(), old, nw, opts})
	}
	if len(out) == 0 {
		t.Fatal("no golden cases")
	}
	return out
}

// TestForwardIsSwappedBackward checks, over every golden case and both
// content models, that each finding's forward verdict equals the backward
// verdict of the same aspect when old and new are swapped (and the other
// way round), and that every rule of the table is exercised by some case
// in one direction or the other.
func TestForwardIsSwappedBackward(t *testing.T) {
	seen := map[string]bool{}
	compared := 0
	for _, gc := range loadGoldens(t) {
		for _, cm := range []diff.ContentModel{diff.Lenient, diff.Strict} {
			opts := gc.opts
			opts.ContentModel = cm
			ab := diff.Compare([]*diff.Side{gc.old}, gc.new, opts)
			ba := diff.Compare([]*diff.Side{gc.new}, gc.old, opts)
			index := map[string]*diff.Finding{}
			for _, f := range ba.Findings {
				seen[f.Rule] = true
				if f.Facet != "" {
					index[f.EventType+"\x00"+f.Facet] = f
				}
			}
			for _, f := range ab.Findings {
				seen[f.Rule] = true
				r, _ := diff.Lookup(f.Rule)
				if r.Scope == diff.ScopeVersion || r.Scope == diff.ScopeEvents || f.Rule == "version-changed" {
					continue
				}
				key := f.EventType + "\x00" + f.Facet
				if f.Rule == "message-name-changed" {
					// The swapped diff names the event by its other type.
					for _, g := range ba.Findings {
						if g.Facet == f.Facet {
							key = g.EventType + "\x00" + g.Facet
						}
					}
				}
				g := index[key]
				if g == nil {
					t.Errorf("%s (%s): %s at %s has no mirror finding in the swapped diff", gc.name, cm, f.Rule, f.Pointer)
					continue
				}
				compared++
				if fr, _ := diff.Lookup(f.Rule); fr.ReaderPromise {
					// Open enums: old readers promised to accept values
					// added later, which says nothing about a value a new
					// reader dropped. Only the promise-free direction mirrors.
					if g.Backward != f.Forward && f.Rule == "payload-open-enum-value-removed" {
						t.Errorf("%s (%s): %s: forward %s, swapped %s: backward %s", gc.name, cm, f.Rule, f.Forward, g.Rule, g.Backward)
					}
					continue
				}
				if g.Backward != f.Forward || g.Forward != f.Backward {
					t.Errorf("%s (%s): %s: backward %s, forward %s; swapped %s: backward %s, forward %s",
						gc.name, cm, f.Rule, f.Backward, f.Forward, g.Rule, g.Backward, g.Forward)
				}
			}
		}
	}
	if compared < 200 {
		t.Errorf("only %d findings compared with their mirror", compared)
	}
	for _, r := range diff.Rules() {
		if r.Scope == diff.ScopeEvents || r.Scope == diff.ScopeAccept {
			continue // needs stored events or a config: the registry tests and the accept-* CLI goldens cover them
		}
		if !seen[r.ID] {
			t.Errorf("rule %s is not exercised by any golden case", r.ID)
		}
	}
}

// TestEveryCompatRowHasAGolden: each row of COMPAT.md's tables (D1–D18,
// P1–P50) has at least one golden case named after it (d01-…, p01-…).
func TestEveryCompatRowHasAGolden(t *testing.T) {
	entries, err := os.ReadDir("../../testdata/diff")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, e := range entries {
		if prefix, _, ok := strings.Cut(e.Name(), "-"); ok {
			have[prefix] = true
		}
	}
	check := func(letter string, n int) {
		for i := 1; i <= n; i++ {
			id := letter + twoDigits(i)
			if !have[id] {
				t.Errorf("COMPAT.md row %s%d has no golden case (testdata/diff/%s-…)", strings.ToUpper(letter), i, id)
			}
		}
	}
	check("d", 18)
	check("p", 50)
}

func twoDigits(i int) string {
	if i < 10 {
		return "0" + string(rune('0'+i))
	}
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}

// TestVerdictsMatchReference: where docs/compatibility.md gives a rule a
// fixed verdict (yes or no), every golden finding of that rule has it, in
// both directions of every case (lenient content model).
func TestVerdictsMatchReference(t *testing.T) {
	want := map[string]diff.Verdict{"yes": diff.Compatible, "no": diff.Incompatible, "unknown": diff.Unknown}
	checked := 0
	for _, gc := range loadGoldens(t) {
		for _, pair := range [][2]*diff.Side{{gc.old, gc.new}, {gc.new, gc.old}} {
			for _, f := range diff.Compare([]*diff.Side{pair[0]}, pair[1], gc.opts).Findings {
				r, _ := diff.Lookup(f.Rule)
				b, fw := r.Verdicts()
				if v, ok := want[b]; ok && f.Backward != v {
					t.Errorf("%s: %s at %s: backward %s, the reference says %s", gc.name, f.Rule, f.Pointer, f.Backward, b)
				}
				if v, ok := want[fw]; ok && f.Forward != v {
					t.Errorf("%s: %s at %s: forward %s, the reference says %s", gc.name, f.Rule, f.Pointer, f.Forward, fw)
				}
				checked++
			}
		}
	}
	if checked < 300 {
		t.Errorf("only %d findings checked", checked)
	}
}

var update = flag.Bool("update", false, "rewrite golden files (docs/compatibility.md's rule table)")

// TestGoldenCompatibilityReference keeps docs/compatibility.md's rule table
// identical to the rule table (-update rewrites it).
func TestGoldenCompatibilityReference(t *testing.T) {
	path := filepath.Join("..", "..", filepath.FromSlash(diff.DocPath))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
	doc := string(b)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q … %q block", diff.DocPath, strings.TrimSpace(begin), end)
	}
	want := diff.RulesMarkdown()
	if got := doc[i+len(begin) : j]; got != want {
		if *update {
			if err := os.WriteFile(path, []byte(doc[:i+len(begin)]+want+doc[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s's rule table differs from the rule table; run go test ./generator/diff -run Golden -update", diff.DocPath)
	}
}
