package lower

import (
	"regexp"
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// patternErrors decides, once per distinct pattern, which patterns of the
// run's schemas (pattern keywords and patternProperties keys) Go's regexp
// package cannot compile, once respelled where RE2 writes an ECMA-262
// escape differently (ir.RE2Pattern, recorded in ir.Set.RE2Patterns): RE2
// has no lookaround or backreferences, which ECMA-262 patterns (and so
// the official AsyncAPI parser) accept.
// codegen/pattern reports them; generated validators fail closed on them.
func (lw *lowerer) patternErrors() {
	errs := map[string]string{}
	tried := map[string]bool{}
	try := func(p string) {
		if p == "" || tried[p] {
			return
		}
		tried[p] = true
		re2, changed := ir.RE2Pattern(p)
		if _, err := regexp.Compile(re2); err != nil {
			errs[p] = strings.TrimPrefix(err.Error(), "error parsing regexp: ")
		} else if changed {
			if lw.set.RE2Patterns == nil {
				lw.set.RE2Patterns = map[string]string{}
			}
			lw.set.RE2Patterns[p] = re2
		}
	}
	for _, s := range lw.set.Schemas {
		try(s.Pattern)
		for _, pp := range s.PatternProperties {
			try(pp.Pattern)
		}
	}
	if len(errs) > 0 {
		lw.set.PatternErrors = errs
	}
}
