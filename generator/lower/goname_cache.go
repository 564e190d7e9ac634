package lower

import "github.com/asyncgen/asyncgen/generator/ident"

// goName is GoName, remembered: the same property names, titles and enum
// values come back in every event.
func (lw *lowerer) goName(s string) string {
	if n, ok := lw.goNameCache[s]; ok {
		return n
	}
	if lw.goNameCache == nil {
		lw.goNameCache = map[string]string{}
	}
	n := ident.GoNameWith(s, lw.initialisms)
	lw.goNameCache[s] = n
	return n
}
