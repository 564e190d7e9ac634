package gogen

import (
	"fmt"
	"go/token"
)

// checkIdentifiers proves, before anything is rendered, that every name
// the generated package declares is a Go identifier: jen.Id prints its
// argument as source, so a name is the one place where contract text
// could become code other than through comments and literals. lower's
// conversion (ident.GoName) keeps only letters and digits; this check
// keeps that a guarantee of the generator, not of its caller.
func (g *gen) checkIdentifiers() error {
	var bad []string
	check := func(n string) {
		if n != "" && !token.IsIdentifier(n) {
			bad = append(bad, n)
		}
	}
	for _, s := range g.reach {
		check(g.names.schema[s])
		for _, c := range g.names.enumConst[s] {
			check(c)
		}
		for _, b := range s.GoBranches {
			check(b)
		}
		if g.typed[s] && g.model.target(s) == s {
			if sh := g.model.shape(s); sh.kind == kStruct {
				for _, f := range sh.fields {
					check(f.name)
				}
			}
		}
	}
	for _, ev := range g.set.Events {
		check(g.names.eventConst[ev])
		check(g.names.eventType[ev])
	}
	if len(bad) > 0 {
		return fmt.Errorf("internal error: Go names that are not identifiers: %q", bad)
	}
	return nil
}
