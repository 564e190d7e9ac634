package lower

import (
	"regexp"
	"strings"
)

// patternErrors decides, once per distinct pattern, which patterns of the
// run's schemas (pattern keywords and patternProperties keys) Go's regexp
// package cannot compile: RE2 has no lookaround or backreferences, which
// ECMA-262 patterns (and so the official AsyncAPI parser) accept.
// codegen/pattern reports them; generated validators fail closed on them.
func (lw *lowerer) patternErrors() {
	errs := map[string]string{}
	tried := map[string]bool{}
	try := func(p string) {
		if p == "" || tried[p] {
			return
		}
		tried[p] = true
		if _, err := regexp.Compile(p); err != nil {
			errs[p] = strings.TrimPrefix(err.Error(), "error parsing regexp: ")
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
