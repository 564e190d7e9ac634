package sqlgen

import (
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// RegistryTable is the name of the schema registry table (in Options.Schema).
const RegistryTable = "event_types"

// registryView feeds event_types.sql.tmpl.
type registryView struct {
	CreateSchema    string // quoted schema name, or "" for public
	Table           string // qualified table name
	FormatCheck     string // constraint name
	StreamTypeIndex string
	Pattern         string // literal; "" for no event-type check
}

// RegistryDDL returns the idempotent DDL of the event_types registry table
// (and its schema when that is not public). It is the one definition shared
// by the generated 000_event_store.sql and `asyncgen register`, which runs
// it before upserting. Identifiers are quoted as needed, so any option
// value yields safe SQL.
func RegistryDDL(o Options) string {
	o = o.withDefaults()
	v := registryView{
		Table:           qualified(o.Schema, RegistryTable),
		FormatCheck:     ident(ir.SQLShortName(RegistryTable + "_event_type_format")),
		StreamTypeIndex: ident(ir.SQLShortName(RegistryTable + "_stream_type_idx")),
	}
	if o.Schema != "public" {
		v.CreateSchema = ident(o.Schema)
	}
	v.Pattern = eventTypePattern(o)
	var b strings.Builder
	if err := parsed().ExecuteTemplate(&b, "event_types.sql.tmpl", v); err != nil {
		// The template and its view are fixed; failing here is a bug.
		panic("sqlgen: rendering event_types.sql.tmpl: " + err.Error())
	}
	return b.String()
}

// qualified writes schema.name with each part quoted as needed.
func qualified(schema, name string) string {
	return ident(schema) + "." + ident(name)
}

// EventStoreName is the qualified, quoted name of the event store table as
// the generated SQL writes it, for the Go package's Append; it refuses what
// the SQL generator refuses.
func EventStoreName(o Options) (string, error) {
	o = o.withDefaults()
	for _, c := range []struct{ what, name string }{{"sql.schema", o.Schema}, {"sql.event_store", o.EventStore}} {
		if err := checkIdent(c.what, c.name); err != nil {
			return "", err
		}
	}
	return qualified(o.Schema, o.EventStore), nil
}

// eventTypePattern is the event-type CHECK's pattern as a literal, or ""
// when event types are not checked.
func eventTypePattern(o Options) string {
	if o.NoEventTypeCheck {
		return ""
	}
	l, err := literal(o.EventTypePattern)
	if err != nil {
		return literalMust(DefaultEventTypePattern)
	}
	return l
}

func literalMust(s string) string {
	l, err := literal(s)
	if err != nil {
		panic(err)
	}
	return l
}
