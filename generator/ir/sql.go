package ir

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/asyncgen/asyncgen/generator/location"
)

// DefaultCreateVerbs are the event-type actions (the event type without its
// stream prefix, as a SQL word) whose default handler creates the
// projection row when sql.create_verbs is not configured. Only a whole
// action counts: "item_added" or "trial_started" create nothing.
var DefaultCreateVerbs = []string{
	"added", "created", "drafted", "enqueued", "initiated", "invited", "opened", "placed",
	"provisioned", "queued", "registered", "requested", "scheduled", "signed_up", "started",
	"submitted", "uploaded",
}

// SetSQL holds the SQL names shared by every stream, decided in lower
// (sqlnames.go).
type SetSQL struct {
	// Dispatcher is the event store's trigger function
	// ("process_domain_event") and Trigger the trigger's name.
	Dispatcher, Trigger string
	// Apply routes one stored event to its stream's router
	// ("apply_domain_event"); rebuild and retry call it.
	Apply string
	// Rebuild empties projections and replays the stored events
	// ("rebuild_projections"); Retry reapplies failed events
	// ("retry_failed_events").
	Rebuild, Retry string
}

// DefaultSetSQL are the shared function names lower gives every set.
var DefaultSetSQL = SetSQL{
	Dispatcher: "process_domain_event", Trigger: "process_domain_event", Apply: "apply_domain_event",
	Rebuild: "rebuild_projections", Retry: "retry_failed_events",
}

// StreamSQL holds the SQL names decided for a stream in lower (sqlnames.go).
type StreamSQL struct {
	// Router is the router function's name ("process_organization_event").
	Router string
	// FileStem names the stream's SQL files ("organization" →
	// 010_organization_projection.sql); always [a-z0-9_]+.
	FileStem string
	// Tables are the projection tables whose DDL lives in this stream's
	// projection file: the tables this stream's events write that no
	// earlier stream (in name order) already owns.
	Tables []*ProjectionTable
	// Events holds the SQL decisions of each event, in Stream.Events order.
	// (Event has no SQL field of its own; use Stream.EventSQL.)
	Events []*EventSQL
}

// EventSQL returns the SQL decisions for one of the stream's events, or nil.
func (s *Stream) EventSQL(ev *Event) *EventSQL {
	for _, e := range s.SQL.Events {
		if e.Event == ev {
			return e
		}
	}
	return nil
}

// EventSQL holds the SQL names decided for an event in lower (sqlnames.go).
type EventSQL struct {
	// Event is the event these decisions are for.
	Event *Event
	// Handler is the handler function's name ("handle_organization_created").
	Handler string
	// Hook is the optional team-written function the handler calls when it
	// exists ("custom_organization_created").
	Hook string
	// Action is what the default handler body does: insert, update, delete,
	// touch (last_event_id/updated_at only) or none (no projection write).
	Action string
	// ActionFrom says how Action was decided: "x-projection" or "event type".
	ActionFrom string
	// Table is the projection table the handler writes (nil for none).
	Table *ProjectionTable
	// KeyProperty is the data property holding the row key; "" means the
	// event's stream_id.
	KeyProperty string
	// Fields are the data properties an insert or update handler writes, in
	// schema order (allOf members flattened).
	Fields []*Field
	// Set are the x-projection fixed column values, sorted by column name.
	Set []*SetValue
	// CreatedAt, UpdatedAt and DeletedAt name date-time data properties that
	// supply the row's timestamps; "" means the event row's created_at.
	CreatedAt, UpdatedAt, DeletedAt string
	// Metadata lists the top-level properties of the metadata schema (for an
	// envelope), sorted; sqlgen takes the tenant from there when the data
	// has no tenant property.
	Metadata []string
}

// ProjectionTable is one read-model table and its typed columns.
type ProjectionTable struct {
	Name string
	// Pos is where the name comes from: the stream type or x-projection table.
	Pos location.Pos
	// Key is the primary-key column: "id" (the stream id) for a stream's own
	// table, or the x-projection key.
	Key *Column
	// Columns are the data columns (key and bookkeeping columns excluded), in
	// order of first appearance over the events that write them.
	Columns []*Column
	// Streams lists the stream types whose events write the table.
	Streams []string
	// Events lists the event types whose handlers write the table.
	Events []string
	// Indexes are the table's secondary indexes: the tenant column's
	// (unless the key is the tenant), then one per uuid column named *_id.
	Indexes []*Index
	// Policy names the table's row-level security policy ("" with
	// sql.tenant: none).
	Policy string
	// TenantIsKey is true when the key column is the tenant column (a
	// tenant's own record): the table has no separate tenant column.
	TenantIsKey bool
}

// Index is one secondary index of a projection table.
type Index struct {
	Name string
	// Column is the indexed column's name (a data column or the tenant column).
	Column string
}

// Column is one typed projection column.
type Column struct {
	Name string
	// Type is the PostgreSQL type: uuid, timestamptz, date, text, bigint,
	// numeric, boolean, jsonb, or an array of a scalar type ("text[]").
	Type        string
	Description string
	Pos         location.Pos
}

// Field maps a data property to the column it is written to.
type Field struct {
	Property string
	Column   *Column
	// Default is the property's JSON Schema default (HasDefault says
	// whether it has one); an insert writes it when the property is absent.
	Default    any
	HasDefault bool
}

// SetValue is one fixed column value of an x-projection.
type SetValue struct {
	Column *Column
	// Value is JSON-shaped (string, json.Number, bool, nil, map, slice).
	Value any
}

// MaxSQLIdentifier is PostgreSQL's identifier limit in bytes (NAMEDATALEN-1);
// longer names are silently truncated, so two long names can collide.
const MaxSQLIdentifier = 63

// plainSQLIdentifier reports whether name matches [a-z_][a-z0-9_]*.
func plainSQLIdentifier(name string) bool {
	if name == "" || (name[0] >= '0' && name[0] <= '9') {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			return false
		}
	}
	return true
}

// SQLIdentifierProblem says why name cannot be used unquoted as a
// PostgreSQL table or column name, or returns "" when it can.
func SQLIdentifierProblem(name string) string {
	switch {
	case name == "":
		return "is empty"
	case len(name) > MaxSQLIdentifier:
		return "is longer than 63 bytes (PostgreSQL would truncate it)"
	case !plainSQLIdentifier(name):
		return "is not a plain SQL identifier [a-z_][a-z0-9_]* (anything else must be quoted in every query)"
	case SQLReservedWord(name):
		return "is a reserved word in PostgreSQL (it would have to be quoted in every query)"
	}
	return ""
}

// SQLReservedWord reports whether name is a PostgreSQL 15 keyword that
// cannot be a column name: the "reserved" and "reserved (can be function or
// type)" categories of pg_get_keywords().
func SQLReservedWord(name string) bool {
	c := sqlKeywords[name]
	return c == 'R' || c == 'T'
}

// SQLNeedsQuotes reports whether name must be double-quoted wherever it is
// written: anything but a plain identifier that is no keyword of SQL (any
// non-unreserved category) or of PL/pgSQL.
func SQLNeedsQuotes(name string) bool {
	if len(name) > MaxSQLIdentifier || !plainSQLIdentifier(name) {
		return true
	}
	_, kw := sqlKeywords[name]
	return kw || plpgsqlReserved[name]
}

// SQLShortName returns name when it fits PostgreSQL's 63-byte limit, else
// a prefix of it plus a hash of the whole, so that distinct long names stay
// distinct (used for derived names such as indexes).
func SQLShortName(name string) string {
	if len(name) <= MaxSQLIdentifier {
		return name
	}
	return SQLHashedName(name, name, MaxSQLIdentifier)
}

// SQLHashedName returns a readable prefix of name followed by "_" and a
// short hash of key (8 hex digits of its SHA-256), max bytes at most: the
// same inputs give the same name on every run and machine, and names of
// distinct keys differ.
func SQLHashedName(name, key string, max int) string {
	sum := sha256.Sum256([]byte(key))
	suffix := "_" + hex.EncodeToString(sum[:4])
	n := max - len(suffix)
	if n >= len(name) {
		return name + suffix
	}
	// do not cut a multi-byte character in half
	for n > 0 && name[n]&0xC0 == 0x80 {
		n--
	}
	return name[:n] + suffix
}

// sqlKeywords are PostgreSQL 15's keywords other than unreserved ones, by
// category (pg_get_keywords().catcode): R reserved, T reserved but usable as
// a function or type name, C usable as a column but not a function or type.
var sqlKeywords = func() map[string]byte {
	m := map[string]byte{}
	add := func(cat byte, words string) {
		for _, w := range strings.Fields(words) {
			m[w] = cat
		}
	}
	add('R', `all analyse analyze and any array as asc asymmetric both case cast check collate column
		constraint create current_catalog current_date current_role current_time current_timestamp
		current_user default deferrable desc distinct do else end except false fetch for foreign from
		grant group having in initially intersect into lateral leading limit localtime localtimestamp
		not null offset on only or order placing primary references returning select session_user some
		symmetric table then to trailing true union unique user using variadic when where window with`)
	add('T', `authorization binary collation concurrently cross current_schema freeze full ilike inner
		is isnull join left like natural notnull outer overlaps right similar tablesample verbose`)
	add('C', `between bigint bit boolean char character coalesce dec decimal exists extract float
		greatest grouping inout int integer interval least national nchar none normalize nullif numeric
		out overlay position precision real row setof smallint substring time timestamp treat trim
		values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse
		xmlpi xmlroot xmlserialize xmltable`)
	return m
}()

// plpgsqlReserved are PL/pgSQL's reserved words that are not SQL keywords;
// generated function bodies quote them.
var plpgsqlReserved = map[string]bool{
	"begin": true, "by": true, "declare": true, "execute": true, "foreach": true,
	"if": true, "loop": true, "strict": true, "while": true,
}

// SQLKeywordCategory returns a keyword's pg_get_keywords() category (R, T or
// C), or 0 for unreserved words and non-keywords. Tests compare the list
// with a live server.
func SQLKeywordCategory(name string) byte { return sqlKeywords[name] }
