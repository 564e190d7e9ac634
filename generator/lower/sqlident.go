package lower

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

// RuleSQLNameShortened reports, as info, each SQL name generated otherwise
// than it would be written (a row in lint/rules_sql.go).
const RuleSQLNameShortened = "codegen/sql-name-shortened"

// sqlNamespace decides the SQL names of one namespace (event functions,
// stream functions, relations, the columns of one table) so that every
// name fits its byte budget, can be written (quoted if need be), and
// belongs to one owner. A name that does not is generated as a readable
// prefix plus "_" and a short hash of its owner's key (ir.SQLHashedName):
// the same contracts give the same names on every run and machine, and a
// name changes only when its own owner's does or another owner claims it.
// Every such name is reported as info, so users can pick their own.
type sqlNamespace struct {
	// max is the byte budget of a name (63, less any fixed prefix and suffix).
	max int
	// display renders a name as the identifier users see ("handle_" + stem).
	display func(string) string
	// taken maps each decided name to the key that owns it.
	taken map[string]string
	// reserved maps names no owner may take to what they are.
	reserved map[string]string
	pending  []*sqlAsk
	// collide, when set, is told of each owner whose name another owner
	// asked for first (the naming/sql-name-collision error).
	collide func(a, first *sqlAsk, name string)
	report  func(pos location.Pos, msg string)
}

// sqlAsk is one owner asking for a name.
type sqlAsk struct {
	// name is the name asked for; key identifies the owner: asks with one
	// key share one name (a table several streams write), and the key is
	// what a shortened name's hash is taken from.
	name, key string
	// owner describes the owner for messages (`event type "a.b"`).
	owner  string
	pos    location.Pos
	assign func(final string)
	// hint ends the info message (how to choose a name by hand).
	hint string
	// suffix, when name ends in it, is kept by a shortened name
	// ("_projection", "_idx"), which stays readable for what it is.
	suffix string
}

func newSQLNamespace(max int, report func(location.Pos, string)) *sqlNamespace {
	return &sqlNamespace{max: max, display: func(s string) string { return s }, taken: map[string]string{}, reserved: map[string]string{}, report: report}
}

func (ns *sqlNamespace) ask(a *sqlAsk) { ns.pending = append(ns.pending, a) }

// decide names every pending ask, in ask order, against the names decided
// before.
func (ns *sqlNamespace) decide() {
	first := map[string]*sqlAsk{}        // name → first ask of it
	keys := map[string]map[string]bool{} // name → distinct keys asking for it
	for _, a := range ns.pending {
		if keys[a.name] == nil {
			first[a.name], keys[a.name] = a, map[string]bool{}
		}
		if keys[a.name][a.key] {
			continue
		}
		keys[a.name][a.key] = true
		if f := first[a.name]; f.key != a.key && ns.collide != nil {
			ns.collide(a, f, a.name)
		}
	}
	done := map[string]string{} // key + name → decided name
	for _, a := range ns.pending {
		id := a.key + "\x00" + a.name
		if final, ok := done[id]; ok {
			a.assign(final)
			continue
		}
		why := ""
		switch {
		case !sqlWritable(a.name):
			why = "cannot be written as a SQL identifier (it is empty, or holds $, a control character or invalid UTF-8)"
		case len(a.name) > ns.max:
			why = fmt.Sprintf("is longer than PostgreSQL's %d bytes", ir.MaxSQLIdentifier)
		case len(keys[a.name]) > 1:
			why = fmt.Sprintf("would be shared with %s", otherOwner(a, first[a.name], ns.pending))
		case ns.reserved[a.name] != "":
			why = "is taken by " + ns.reserved[a.name]
		case ns.taken[a.name] != "" && ns.taken[a.name] != a.key:
			why = "is taken by another generated name"
		}
		final := a.name
		if why != "" {
			final = ns.unique(a.shortened(ns.max), a.key)
			msg := fmt.Sprintf("%s: SQL name %q %s; it is generated as %q", a.owner, ns.display(a.name), why, ns.display(final))
			if a.hint != "" {
				msg += " (" + a.hint + ")"
			}
			ns.report(a.pos, msg)
		}
		ns.taken[final] = a.key
		done[id] = final
		a.assign(final)
	}
	ns.pending = nil
}

// shortened is a's name as a readable prefix, a hash of its key and its
// suffix, within max bytes.
func (a *sqlAsk) shortened(max int) string {
	name, suffix := sqlReadable(a.name), ""
	if a.suffix != "" && strings.HasSuffix(name, a.suffix) && len(name) > len(a.suffix) {
		name, suffix = strings.TrimSuffix(name, a.suffix), a.suffix
	}
	return ir.SQLHashedName(name, a.key, max-len(suffix)) + suffix
}

// otherOwner describes an owner other than a's that asked for a's name.
func otherOwner(a, first *sqlAsk, all []*sqlAsk) string {
	if first.key != a.key {
		return first.owner
	}
	for _, b := range all {
		if b.name == a.name && b.key != a.key {
			return b.owner
		}
	}
	return "another owner"
}

// unique returns name, or a longer-hashed or numbered variant when another
// key holds it (two keys whose short hashes agree).
func (ns *sqlNamespace) unique(name, key string) string {
	free := func(n string) bool {
		return (ns.taken[n] == "" || ns.taken[n] == key) && ns.reserved[n] == ""
	}
	if free(name) {
		return name
	}
	for i := 2; ; i++ {
		n := ir.SQLHashedName(name, fmt.Sprintf("%s\x00%d", key, i), ns.max)
		if free(n) {
			return n
		}
	}
}

// sqlWritable reports whether name can be written as an identifier, quoted
// if need be: sqlgen refuses the empty name, $ (it could end a
// dollar-quoted body), control characters and invalid UTF-8.
func sqlWritable(name string) bool {
	return name != "" && utf8.ValidString(name) && !strings.ContainsAny(name, "$") &&
		strings.IndexFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) < 0
}

// sqlReadable is name as the readable part of a generated name: itself
// when it can be written, else its letters and digits (sqlWord).
func sqlReadable(name string) string {
	if sqlWritable(name) {
		return name
	}
	return sqlWord(name)
}

// reportShortened adds a RuleSQLNameShortened finding.
func (lw *lowerer) reportShortened(pos location.Pos, msg string) {
	lw.diags.Add(pos, diag.Info, RuleSQLNameShortened, msg)
}
