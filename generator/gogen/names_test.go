package gogen_test

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/asyncgen/asyncgen/generator/gogen"
	"github.com/asyncgen/asyncgen/generator/ir"
)

var (
	typeDecl  = regexp.MustCompile(`(?m)^type (\w+) `)
	constDecl = regexp.MustCompile(`(?m)^\t(\w+)\s+\w+ = `)
)

// TestTypeNamesDecidedInLower: when lint is clean with every rule on, every
// Go type and enum constant the generator declares carries a name lower
// decided (an event's GoName or PayloadGoName, a schema's GoName, a
// schema's GoName followed by one of its GoEnum suffixes); the generator
// never has to number one to avoid a clash that lint did not see.
func TestTypeNamesDecidedInLower(t *testing.T) {
	root := repoRoot(t)
	for _, dir := range []string{
		filepath.Join(root, "contracts"),
		filepath.Join(root, "testdata", "gen", "go-event-types", "contracts"),
	} {
		res := lintDir(t, dir)
		if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
			t.Fatalf("%s: lint errors: %v", dir, errs)
		}
		decided := map[string]bool{}
		for _, n := range ir.ReservedGoNames {
			decided[n] = true // the registry's own types
		}
		for _, ev := range res.IR.Events {
			decided[ev.GoName] = true
			decided[ev.PayloadGoName] = true
		}
		decidedConst := map[string]bool{}
		for _, s := range res.IR.Schemas {
			decided[s.GoName] = true
			for _, c := range s.GoEnum {
				decidedConst[s.GoName+c] = true
			}
		}
		out, err := gogen.Generate(res.IR, gogen.Options{Dir: t.TempDir(), Package: "events"})
		if err != nil {
			t.Fatal(err)
		}
		types, consts := 0, 0
		for _, f := range out {
			if filepath.Base(f.Path) == "runtime.gen.go" {
				continue
			}
			for _, m := range typeDecl.FindAllSubmatch(f.Content, -1) {
				types++
				if unexported(string(m[1])) {
					continue // the registry's own helpers; contract names are exported
				}
				if !decided[string(m[1])] {
					t.Errorf("%s: %s declares type %s, a name lower did not decide", dir, filepath.Base(f.Path), m[1])
				}
			}
			for _, m := range constDecl.FindAllSubmatch(f.Content, -1) {
				consts++
				if !decidedConst[string(m[1])] {
					t.Errorf("%s: %s declares constant %s, a name lower did not decide", dir, filepath.Base(f.Path), m[1])
				}
			}
		}
		if types == 0 || consts == 0 {
			t.Errorf("%s: %d types, %d enum constants generated; want some of each", dir, types, consts)
		}
	}
}

func unexported(name string) bool { return name[0] >= 'a' && name[0] <= 'z' }
