package lower

import (
	"fmt"
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// goNames decides the Go identifiers the Go generator needs beyond type and
// field names: enum constant suffixes and union branch fields. Each list is
// made unique within its schema with a numeric suffix, in source order.
func (lw *lowerer) goNames() {
	for _, s := range lw.set.Schemas {
		if len(s.Enum) > 0 {
			s.GoEnum = make([]string, len(s.Enum))
			used := map[string]bool{}
			for i, v := range s.Enum {
				str, ok := v.(string)
				if !ok {
					continue
				}
				n := lw.goName(str)
				if n == "" {
					n = "Empty"
				}
				s.GoEnum[i] = unique(n, used)
			}
		}
		branches := s.OneOf
		if len(branches) == 0 {
			branches = s.AnyOf
		}
		if len(branches) > 0 {
			s.GoBranches = make([]string, len(branches))
			used := map[string]bool{}
			for i, b := range branches {
				n := lw.branchName(b, i)
				if b.NameFrom != "place" && b.GoName != "" {
					n = b.GoName
				} else if rest := strings.TrimPrefix(b.GoName, s.GoName); rest != b.GoName && rest != "" && isUpper(rest) {
					n = rest
				}
				s.GoBranches[i] = unique(n, used)
			}
		}
	}
}

// payloadGoNames names, for each event whose payload schema is named like
// the event, the payload's Go type should the generator give the event a
// thin type of its own, so that the generator never has to invent a name.
func (lw *lowerer) payloadGoNames() {
	used := map[string]bool{}
	for _, n := range ir.ReservedGoNames {
		used[n] = true
	}
	for _, ev := range lw.set.Events {
		used[ev.GoName] = true
		used["EventType"+ev.GoName] = true
	}
	for _, s := range lw.set.Schemas {
		used[s.GoName] = true
		for _, c := range s.GoEnum {
			if c != "" {
				used[s.GoName+c] = true // an enum constant
			}
		}
		if len(s.GoEnum) > 0 {
			used[s.GoName+"Values"] = true // an enum's list of values
		}
	}
	for _, ev := range lw.set.Events {
		if ev.Payload != nil && ev.Payload.GoName == ev.GoName && ev.GoName != "" {
			ev.PayloadGoName = unique(ev.GoName+"Payload", used)
		}
	}
}

func isUpper(s string) bool { return s[0] >= 'A' && s[0] <= 'Z' }

// unique returns n, or n2, n3 … when n is taken, and marks the result used.
func unique(n string, used map[string]bool) string {
	out := n
	for i := 2; used[out]; i++ {
		out = fmt.Sprintf("%s%d", n, i)
	}
	used[out] = true
	return out
}
