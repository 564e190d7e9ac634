package gogen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// Patterns Go's regexp package cannot compile (lower records them in
// ir.Set.PatternErrors; codegen/pattern reports them unless that category
// is off) are never compiled by generated code, where regexp.MustCompile
// would panic when the package is imported. What they govern fails closed
// instead: every string value such a pattern checks, every key of an
// object such a patternProperties key applies to, is reported with
// uncheckableMessage, marked so that not, oneOf, anyOf, if and contains
// treat it as undecided rather than as a mismatch (runtime rtUncheckable).

// compiles reports whether p is a pattern the generated code compiles.
func (g *gen) compiles(p string) bool {
	return p != "" && g.set.PatternError(p) == ""
}

// uncheckableMsg is the message for values the pattern p governs when Go
// cannot compile it, or "".
func (g *gen) uncheckableMsg(p string) string {
	if p == "" {
		return ""
	}
	if reason := g.set.PatternError(p); reason != "" {
		return uncheckableMessage(p, reason)
	}
	return ""
}

// uncheckableMessage says why a value cannot be checked.
func uncheckableMessage(pattern, reason string) string {
	return fmt.Sprintf("pattern %q cannot be checked by Go's regexp engine (RE2): %s", pattern, reason)
}

// failUncheckable emits rtUncheckable(errs, p, key, msg).
func failUncheckable(p jen.Code, key, msg string) jen.Code {
	return jen.Id("rtUncheckable").Call(jen.Id("errs"), p, jen.Lit(key), jen.Lit(msg))
}
