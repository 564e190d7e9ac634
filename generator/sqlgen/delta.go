package sqlgen

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/asyncgen/asyncgen/generator/files"
)

// A delta migration carries only what changed between two versions of the
// generated SQL (the SQL on disk, or a baseline's, and the SQL generate
// writes now). Both are read back into units, one per object they define,
// keyed by the object's identity:
//
//	schema, table          CREATE … IF NOT EXISTS: only new ones
//	column                 CREATE TABLE / ADD COLUMN definitions: new
//	                       columns are added; a changed type is refused
//	function               CREATE OR REPLACE FUNCTION: new and changed;
//	                       removed ones are dropped
//	trigger, policy        DROP … IF EXISTS + CREATE: new and changed;
//	                       removed ones are dropped
//	rls                    ENABLE ROW LEVEL SECURITY: disabled when removed
//	index, comment         new and changed; removed ones are kept
//	row                    one event type's registration upsert
//	hook                   the DO block that creates a hook when missing;
//	                       a removed one is dropped while still the no-op
//	do                     other DO blocks
//
// Tables, columns, indexes and registrations are never dropped: they hold
// data or describe stored events.

// hookMarker precedes the signature literal in the DO block that creates
// a hook (handlers.sql.tmpl); noopHook is the body of asyncgen's no-op
// hook, which the handlers template writes too.
const (
	hookMarker = "IF to_regprocedure("
	noopHook   = "SELECT NULL::void"
)

// unit is one object the generated SQL defines.
type unit struct {
	key  string
	kind string
	// file is the generated file the unit comes from.
	file string
	// text are its statements without comments (what is compared); show
	// with their comments (what a migration writes).
	text, show string
	// For columns: table, name and definition, and whether the table's
	// CREATE TABLE defines it. For functions: name is the signature to
	// drop. For triggers, policies and rls: table and name.
	table, name, def string
	inCreate         bool
}

// parseUnits reads generated SQL files (in apply order) into units.
func parseUnits(sql []files.File) ([]*unit, error) {
	sorted := append([]files.File(nil), sql...)
	sort.Slice(sorted, func(i, j int) bool { return filepath.Base(sorted[i].Path) < filepath.Base(sorted[j].Path) })
	var out []*unit
	for _, f := range sorted {
		name := filepath.Base(f.Path)
		stmts, err := splitStatements(string(f.Content))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		dos := 0
		for i := 0; i < len(stmts); i++ {
			s := stmts[i]
			w := words(s.Text, 40)
			add := func(u *unit) {
				u.file = name
				if u.text == "" {
					u.text, u.show = s.Text, s.Comment+s.Text
				}
				out = append(out, u)
			}
			switch {
			case hasWords(w, "DROP", "POLICY", "IF", "EXISTS") || hasWords(w, "DROP", "TRIGGER", "IF", "EXISTS"):
				// DROP … IF EXISTS x ON t; CREATE … x ON t: one unit.
				if i+1 >= len(stmts) || len(w) < 7 {
					return nil, fmt.Errorf("%s: %s is not followed by its CREATE", name, firstWords(s.Text, 7))
				}
				next := stmts[i+1]
				i++
				kind := strings.ToLower(w[1])
				add(&unit{key: kind + " " + w[4] + " on " + w[6], kind: kind, table: w[6], name: w[4],
					text: s.Text + "\n" + next.Text, show: s.Comment + s.Text + "\n" + next.Comment + next.Text})
			case hasWords(w, "CREATE", "TABLE", "IF", "NOT", "EXISTS"):
				table := w[5]
				add(&unit{key: "table " + table, kind: "table", table: table})
				for _, c := range columnDefs(s.Text) {
					add(&unit{key: "column " + table + "." + c[0], kind: "column", table: table, name: c[0], def: c[1], inCreate: true, text: c[1], show: c[1]})
				}
			case hasWords(w, "ALTER", "TABLE") && len(w) > 4 && w[3] == "ADD":
				table := w[2]
				for _, c := range addedColumns(s.Text) {
					add(&unit{key: "column " + table + "." + c[0], kind: "column", table: table, name: c[0], def: c[1], text: c[1], show: c[1]})
				}
			case hasWords(w, "ALTER", "TABLE") && len(w) > 3 && hasWords(w[3:], "ENABLE", "ROW", "LEVEL", "SECURITY"):
				add(&unit{key: "rls " + w[2], kind: "rls", table: w[2]})
			case hasWords(w, "CREATE", "SCHEMA", "IF", "NOT", "EXISTS"):
				add(&unit{key: "schema " + w[5], kind: "schema"})
			case hasWords(w, "CREATE", "INDEX", "IF", "NOT", "EXISTS"):
				add(&unit{key: "index " + w[5], kind: "index"})
			case hasWords(w, "COMMENT", "ON") && indexOf(w, "IS") > 2:
				target := strings.Join(w[2:indexOf(w, "IS")], " ")
				add(&unit{key: "comment " + target, kind: "comment"})
			case hasWords(w, "CREATE", "OR", "REPLACE", "FUNCTION"):
				sig, err := signature(s.Text)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", name, err)
				}
				add(&unit{key: "function " + sig, kind: "function", name: sig})
			case hasWords(w, "INSERT", "INTO") && indexOf(w, "VALUES") > 0 && indexOf(w, "VALUES")+2 < len(w):
				// The registration upsert of one event type: keyed by it.
				v := indexOf(w, "VALUES")
				add(&unit{key: "row " + w[2] + " " + w[v+2], kind: "row"})
			case hasWords(w, "DO") && strings.Contains(s.Text, hookMarker):
				// The no-op hook of a handler, keyed by its signature literal.
				lit := s.Text[strings.Index(s.Text, hookMarker)+len(hookMarker):]
				end, err := skipQuoted(lit, strings.IndexByte(lit, '\''), '\'', strings.HasPrefix(lit, "E"))
				if err != nil {
					return nil, fmt.Errorf("%s: %w", name, err)
				}
				add(&unit{key: "hook " + lit[:end], kind: "hook", name: lit[:end]})
			case hasWords(w, "DO"):
				dos++
				add(&unit{key: fmt.Sprintf("do %s#%d", name, dos), kind: "do"})
			default:
				add(&unit{key: "statement " + s.Text, kind: "statement"})
			}
		}
	}
	return out, nil
}

// Delta returns a migration holding only the statements that define what
// changed from the generated SQL old to new, or nil when nothing did. base
// names old in the migration's comment. A column whose definition changed
// is an error: asyncgen never changes a column's type.
func Delta(old, new []files.File, base string) ([]byte, error) {
	before, err := parseUnits(old)
	if err != nil {
		return nil, fmt.Errorf("reading the SQL of %s: %w", base, err)
	}
	after, err := parseUnits(new)
	if err != nil {
		return nil, fmt.Errorf("reading the generated SQL: %w", err)
	}
	was := map[string]*unit{}
	for _, u := range before {
		was[u.key] = u
	}
	is := map[string]bool{}
	for _, u := range after {
		is[u.key] = true
	}
	var b bytes.Buffer
	file := ""
	write := func(u *unit, text string) {
		if u.file != file {
			file = u.file
			fmt.Fprintf(&b, "\n-- ==== %s ====\n", oneLine(file))
		}
		b.WriteString("\n" + text + "\n")
	}
	var refused []string
	for _, u := range after {
		o := was[u.key]
		switch {
		case u.kind == "column" && o != nil:
			if strings.Join(strings.Fields(o.def), " ") != strings.Join(strings.Fields(u.def), " ") {
				refused = append(refused, fmt.Sprintf("column %s.%s changes from %s to %s", u.table, u.name, o.def, u.def))
			}
		case u.kind == "column":
			if u.inCreate && was["table "+u.table] == nil {
				continue // the new table's CREATE TABLE defines it
			}
			if strings.Contains(u.def, "PRIMARY KEY") {
				refused = append(refused, fmt.Sprintf("the primary key of %s changes to %s %s", u.table, u.name, u.def))
				continue
			}
			write(u, fmt.Sprintf("ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s %s;", u.table, u.name, u.def))
		case u.kind == "table" || u.kind == "schema":
			if o == nil {
				write(u, u.show)
			}
		case o == nil || o.text != u.text:
			write(u, u.show)
		}
	}
	if len(refused) > 0 {
		return nil, fmt.Errorf("the SQL changes in a way a migration must not do by itself: %s. asyncgen never changes or drops a column: write that migration by hand (ALTER TABLE … ALTER COLUMN … TYPE … USING …), run asyncgen generate without --migration, and generate the next migration from there",
			strings.Join(refused, "; "))
	}
	var drops []string
	for _, u := range before {
		if is[u.key] {
			continue
		}
		switch u.kind {
		case "function":
			drops = append(drops, "DROP FUNCTION IF EXISTS "+u.name+";")
		case "trigger", "policy":
			drops = append(drops, fmt.Sprintf("DROP %s IF EXISTS %s ON %s;", strings.ToUpper(u.kind), u.name, u.table))
		case "rls":
			drops = append(drops, "ALTER TABLE "+u.table+" DISABLE ROW LEVEL SECURITY;")
		case "hook":
			drops = append(drops, fmt.Sprintf("DO $do$\nBEGIN\n    IF (SELECT prosrc FROM pg_proc WHERE oid = to_regprocedure(%[1]s)) = %[2]s THEN\n        EXECUTE 'DROP FUNCTION ' || to_regprocedure(%[1]s)::text;\n    END IF;\nEND\n$do$;", u.name, literalMust(noopHook)))
		}
	}
	if len(drops) > 0 {
		b.WriteString("\n-- ==== removed ====\n\n-- Functions, triggers and policies the contracts no longer generate; a\n-- removed event's hook only while it is still asyncgen's no-op.\n" + strings.Join(drops, "\n") + "\n")
	}
	if b.Len() == 0 {
		return nil, nil
	}
	head := Header + "\n--\n-- A migration written by asyncgen generate --migration: only the statements\n-- whose generated text changed since " + oneLine(base) + ". Idempotent.\n"
	return append([]byte(head), b.Bytes()...), nil
}

// hasWords reports whether w starts with want.
func hasWords(w []string, want ...string) bool {
	if len(w) < len(want) {
		return false
	}
	for i, x := range want {
		if w[i] != x {
			return false
		}
	}
	return true
}

func indexOf(w []string, x string) int {
	for i, y := range w {
		if y == x {
			return i
		}
	}
	return -1
}

// parenthesized returns the text inside the first parentheses of s,
// split at its top-level commas.
func parenthesized(s string) []string {
	open := strings.IndexByte(s, '(')
	if open < 0 {
		return nil
	}
	parts, end := splitTop(s[open+1:])
	if end < 0 {
		return nil
	}
	return parts
}

// splitTop splits s at the commas outside quotes and parentheses, up to
// an unbalanced ')' (whose index it returns; -1 at the end of s).
func splitTop(s string) (parts []string, end int) {
	depth, last := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'', '"':
			e, err := skipQuoted(s, i, c, false)
			if err != nil {
				return nil, -1
			}
			i = e - 1
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return append(parts, strings.TrimSpace(s[last:i])), i
			}
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, strings.TrimSpace(s[last:i]))
				last = i + 1
			}
		}
	}
	return append(parts, strings.TrimSpace(s[last:])), -1
}

// columnDefs lists the columns of a CREATE TABLE as name and definition.
func columnDefs(create string) [][2]string {
	var out [][2]string
	for _, part := range parenthesized(create) {
		w := words(part, 1)
		if len(w) == 0 || w[0] == "CONSTRAINT" {
			continue
		}
		out = append(out, [2]string{w[0], strings.Join(strings.Fields(strings.TrimSpace(part[len(w[0]):])), " ")})
	}
	return out
}

// addedColumns lists the columns of ALTER TABLE t ADD COLUMN IF NOT
// EXISTS c type, … as name and definition.
func addedColumns(alter string) [][2]string {
	w := words(alter, 3)
	rest := alter[strings.Index(alter, w[2])+len(w[2]):]
	var out [][2]string
	parts, _ := splitTop(strings.TrimSuffix(strings.TrimSpace(rest), ";"))
	for _, part := range parts {
		f := words(part, 0)
		if !hasWords(f, "ADD", "COLUMN", "IF", "NOT", "EXISTS") || len(f) < 7 {
			continue
		}
		def := strings.TrimSpace(part[strings.Index(part, f[5])+len(f[5]):])
		out = append(out, [2]string{f[5], strings.Join(strings.Fields(def), " ")})
	}
	return out
}

// signature is the name and argument types of CREATE FUNCTION name(args),
// as DROP FUNCTION takes them.
func signature(create string) (string, error) {
	w := words(create, 6)
	if len(w) < 6 || w[5] != "(" {
		return "", fmt.Errorf("cannot read the function name of %s", firstWords(create, 6))
	}
	var types []string
	for _, arg := range parenthesized(create) {
		a := words(arg, 0)
		if d := indexOf(a, "DEFAULT"); d >= 0 {
			a = a[:d]
		}
		if len(a) > 1 {
			a = a[1:] // the argument's name
		}
		if len(a) > 0 {
			types = append(types, strings.Join(a, " "))
		}
	}
	return w[4] + "(" + strings.Join(types, ", ") + ")", nil
}
