package lower

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

// Rule ids reported while deciding SQL names (rows in lint/rules_sql.go).
const (
	RuleSQLIdentifier    = "naming/sql-identifier"
	RuleSQLNameCollision = "naming/sql-name-collision"
	RuleSQLColumnType    = "codegen/sql-column-type"
)

// Default handler bodies by event-type action (the event type without its
// stream prefix): the configured create verbs (lowerer.createVerbs) insert,
// these delete. Only a whole action counts, so "member_added" or
// "comment_deleted" never create or delete the stream's row.
var deleteActions = map[string]bool{"deleted": true}

// Bookkeeping columns every projection table has; data properties with
// these names are not separate columns (date-time ones feed the timestamps).
var bookkeeping = map[string]bool{"created_at": true, "updated_at": true, "deleted_at": true, "last_event_id": true}

// sqlNames decides the SQL identifiers of streams and events (projection
// tables and their typed columns, indexes and policies, handler, hook and
// router functions) and validates them. Names derived from stream and
// event types are sanitized to [a-z0-9_] (so they never need quoting);
// names taken verbatim from contracts (x-projection table, key and set
// columns, data properties as columns) are checked to be plain
// identifiers, and sqlgen quotes whatever lint was told to let through.
// Every name fits PostgreSQL's 63 bytes and has one owner: a name that
// would not is shortened or disambiguated (sqlident.go), so SQL generation
// never stops on a name once lint passed.
func (lw *lowerer) sqlNames() {
	n := &sqlNamer{lw: lw, tables: map[string]*tableBuild{}, reported: map[string]bool{}, sql: map[*ir.Event]*ir.EventSQL{}}
	for _, st := range lw.set.Streams {
		for _, ev := range st.Events {
			s := &ir.EventSQL{Event: ev}
			st.SQL.Events = append(st.SQL.Events, s)
			n.sql[ev] = s
		}
	}
	n.functions()
	for _, st := range lw.set.Streams {
		for _, ev := range st.Events {
			n.event(st, ev)
		}
	}
	rel := newSQLNamespace(ir.MaxSQLIdentifier, lw.reportShortened)
	rel.reserved[lw.opts.EventStore] = "the event store"
	rel.reserved["event_types"] = "the event_types registry"
	for _, tb := range n.order {
		t := tb.t
		rel.ask(&sqlAsk{name: t.Name, key: "table\x00" + t.Name, owner: "projection table of stream type " + quoteList(t.Streams), pos: t.Pos,
			assign: func(s string) { t.Name = s }, hint: "x-projection table chooses a name", suffix: "_projection"})
	}
	rel.decide()
	for _, tb := range n.order {
		n.columns(tb)
	}
	for _, tb := range n.order {
		n.indexes(rel, tb.t)
	}
	rel.decide()
	for _, st := range lw.set.Streams {
		owned := map[*ir.ProjectionTable]bool{}
		for _, es := range st.SQL.Events {
			t := es.Table
			if t == nil || owned[t] || n.owners[t] != st {
				continue
			}
			owned[t] = true
			st.SQL.Tables = append(st.SQL.Tables, t)
		}
	}
	lw.set.SQL = ir.DefaultSetSQL
}

// Fixed parts of derived function names: handle_<event>, custom_<event>,
// process_<stream>_event.
const (
	handlerPrefix = "handle_"
	hookPrefix    = "custom_"
	routerPrefix  = "process_"
	routerSuffix  = "_event"
)

// functions names each stream's router and each event's handler and hook.
// An event's name is its x-sql-name, else <stream>_<action> (the stream
// alone when the event type is the stream type, as with MQTT topics);
// handler and hook share it, so they change together if ever they must.
func (n *sqlNamer) functions() {
	lw := n.lw
	collide := func(a, first *sqlAsk, name string) {
		lw.diags.Add(a.pos, diag.Error, RuleSQLNameCollision, fmt.Sprintf("%s gives the SQL name %q, which %s already has; rename one of them or give one an x-sql-name", a.owner, name, first.owner))
	}
	streams := newSQLNamespace(ir.MaxSQLIdentifier-len(routerPrefix+routerSuffix), lw.reportShortened)
	streams.display = func(s string) string { return routerPrefix + s + routerSuffix }
	// process_domain_event is the event store's trigger function.
	streams.reserved[strings.TrimSuffix(strings.TrimPrefix(ir.DefaultSetSQL.Dispatcher, routerPrefix), routerSuffix)] = "the event store's trigger function " + ir.DefaultSetSQL.Dispatcher
	streams.collide = func(a, first *sqlAsk, name string) { collide(a, first, streams.display(name)) }
	events := newSQLNamespace(ir.MaxSQLIdentifier-len(handlerPrefix), lw.reportShortened)
	events.display = func(s string) string { return handlerPrefix + s }
	events.collide = func(a, first *sqlAsk, name string) { collide(a, first, events.display(name)) }
	for _, st := range lw.set.Streams {
		pos := location.Pos{}
		if len(st.Events) > 0 {
			pos = st.Events[0].StreamPos
		}
		streams.ask(&sqlAsk{name: streamWord(st.Name), key: st.Name, owner: fmt.Sprintf("stream type %q", st.Name), pos: pos,
			assign: func(s string) { st.SQL.Router, st.SQL.FileStem = routerPrefix+s+routerSuffix, s }})
		for _, es := range st.SQL.Events {
			ev := es.Event
			name, pos := n.eventName(st, ev)
			events.ask(&sqlAsk{name: name, key: ev.Type, owner: fmt.Sprintf("event type %q", ev.Type), pos: pos,
				assign: func(s string) { es.Handler, es.Hook = handlerPrefix+s, hookPrefix+s }, hint: "x-sql-name on the message chooses a name"})
		}
	}
	streams.decide()
	events.decide()
}

// eventName is the name an event's functions are built from, and where
// it comes from.
func (n *sqlNamer) eventName(st *ir.Stream, ev *ir.Event) (string, location.Pos) {
	if ev.SQLName != "" {
		budget := ir.MaxSQLIdentifier - len(handlerPrefix)
		if plainSQLName(ev.SQLName) && len(ev.SQLName) <= budget {
			return ev.SQLName, ev.SQLNamePos
		}
		word := sqlWord(ev.SQLName)
		if len(word) > budget {
			word = ir.SQLHashedName(word, ev.SQLName, budget)
		}
		n.report(ev.SQLNamePos, diag.Error, RuleSQLIdentifier, "x-sql-name %q must be a plain SQL name [a-z_][a-z0-9_]* of at most %d bytes (it names the functions %s<name> and %s<name>), such as %q",
			ev.SQLName, budget, handlerPrefix, hookPrefix, word)
		return word, ev.SQLNamePos
	}
	base, action := streamWord(st.Name), actionOf(ev.Type, st.Name)
	if action == sqlWord(st.Name) {
		return base, ev.TypePos
	}
	return base + "_" + action, ev.TypePos
}

// plainSQLName reports whether s matches [a-z_][a-z0-9_]*.
func plainSQLName(s string) bool {
	return s != "" && sqlWord(s) == s && (s[0] < '0' || s[0] > '9')
}

// streamWord is a stream type as a SQL word that may start a name.
func streamWord(stream string) string {
	base := sqlWord(stream)
	if base[0] >= '0' && base[0] <= '9' {
		base = "_" + base
	}
	return base
}

// indexes names the table's indexes (the tenant column's, then each uuid
// column named *_id) and its row-level security policy.
func (n *sqlNamer) indexes(rel *sqlNamespace, t *ir.ProjectionTable) {
	tenant := n.lw.opts.TenantColumn
	if n.lw.opts.NoTenant {
		tenant = "" // sql.tenant: none: no tenant column, index or policy
	} else {
		t.Policy = "tenant_isolation"
		t.TenantIsKey = t.Key.Name == tenant
	}
	index := func(column string) {
		ix := &ir.Index{Column: column}
		t.Indexes = append(t.Indexes, ix)
		rel.ask(&sqlAsk{name: t.Name + "_" + column + "_idx", key: "index\x00" + t.Name + "\x00" + column,
			owner: fmt.Sprintf("index of %s.%s", t.Name, column), pos: t.Pos, assign: func(s string) { ix.Name = s }, suffix: "_idx"})
	}
	if tenant != "" && !t.TenantIsKey {
		index(tenant)
	}
	for _, c := range t.Columns {
		if c.Name != tenant && c.Type == "uuid" && strings.HasSuffix(c.Name, "_id") {
			index(c.Name)
		}
	}
}

type sqlNamer struct {
	lw     *lowerer
	tables map[string]*tableBuild
	order  []*tableBuild
	// owners maps each table to the stream that writes it first.
	owners   map[*ir.ProjectionTable]*ir.Stream
	reported map[string]bool
	sql      map[*ir.Event]*ir.EventSQL
}

// tableBuild collects what is known about a table before its columns are decided.
type tableBuild struct {
	t      *ir.ProjectionTable
	events []*ir.Event
	// key is the x-projection key shared by the events that name one.
	key    string
	keyPos location.Pos
}

func (n *sqlNamer) report(pos location.Pos, sev diag.Severity, rule, format string, args ...any) {
	n.lw.diags.Add(pos, sev, rule, fmt.Sprintf(format, args...))
}

// verbatim checks a name used as written (reported once per name and
// position: a shared schema's property is one finding). A name too long
// for PostgreSQL is no finding of its own: it is shortened, as info.
func (n *sqlNamer) verbatim(name, what string, pos location.Pos) {
	key := pos.String() + "\x00" + name
	check := name
	if len(check) > ir.MaxSQLIdentifier {
		check = check[:ir.MaxSQLIdentifier]
	}
	if p := ir.SQLIdentifierProblem(check); p != "" && !n.reported[key] {
		n.reported[key] = true
		n.report(pos, diag.Error, RuleSQLIdentifier, "%s %q cannot be a SQL name as it is: it %s", what, name, p)
	}
}

func (n *sqlNamer) event(st *ir.Stream, ev *ir.Event) {
	action := actionOf(ev.Type, st.Name)
	s := n.sql[ev]
	table, tablePos := streamWord(st.Name)+"_projection", ev.StreamPos
	if p := ev.Projection; p != nil && p.Action != "" {
		s.Action, s.ActionFrom = p.Action, "x-projection"
	} else {
		s.ActionFrom = "event type"
		switch {
		case n.lw.createVerbs[action]:
			s.Action = "insert"
		case action == "updated" || strings.HasSuffix(action, "_updated"):
			s.Action = "update"
		case deleteActions[action]:
			s.Action = "delete"
		default:
			s.Action = "touch"
		}
	}
	if p := ev.Projection; p != nil && p.Table != "" {
		table, tablePos = p.Table, p.TablePos
		n.verbatim(table, "x-projection table", tablePos)
	}
	if s.Action == "none" {
		return
	}
	tb := n.tables[table]
	if tb == nil {
		tb = &tableBuild{t: &ir.ProjectionTable{Name: table, Pos: tablePos}}
		n.tables[table] = tb
		n.order = append(n.order, tb)
		if n.owners == nil {
			n.owners = map[*ir.ProjectionTable]*ir.Stream{}
		}
		n.owners[tb.t] = st
	}
	tb.events = append(tb.events, ev)
	if !containsString(tb.t.Streams, st.Name) {
		tb.t.Streams = append(tb.t.Streams, st.Name)
	}
	tb.t.Events = append(tb.t.Events, ev.Type)
	s.Table = tb.t
	if p := ev.Projection; p != nil && p.Key != "" {
		n.verbatim(p.Key, "x-projection key", p.Pos)
		switch {
		case tb.key == "":
			tb.key, tb.keyPos = p.Key, p.Pos
		case tb.key != p.Key:
			n.report(p.Pos, diag.Error, RuleProjectionShape, "x-projection key %q of table %q differs from the key %q given at %s; one table has one key", p.Key, table, tb.key, tb.keyPos)
		}
		if findDataProperty(ev.Data, p.Key) == nil {
			n.report(p.Pos, diag.Error, RuleProjectionShape, "x-projection key %q is not a property of the event data of %q", p.Key, ev.Type)
		}
	}
	if p := ev.Projection; p != nil && p.Tenant != "" {
		n.verbatim(p.Tenant, "x-projection tenant", p.Pos)
		if findDataProperty(ev.Data, p.Tenant) == nil {
			n.report(p.Pos, diag.Error, RuleProjectionShape, "x-projection tenant %q is not a property of the event data of %q", p.Tenant, ev.Type)
		}
	}
}

// columns decides a table's key and typed columns, and each writing
// event's fields, set values and timestamp sources.
func (n *sqlNamer) columns(tb *tableBuild) {
	t := tb.t
	t.Key = &ir.Column{Name: "id", Type: "uuid", Description: "Stream id of the aggregate this row projects.", Pos: t.Pos}
	if tb.key != "" {
		t.Key = &ir.Column{Name: tb.key, Type: "uuid", Pos: tb.keyPos}
		for _, ev := range tb.events {
			if p := findDataProperty(ev.Data, tb.key); p != nil {
				t.Key.Type, t.Key.Description = columnType(p.Schema), p.Schema.Description
				break
			}
		}
	}
	byName := map[string]*ir.Column{}
	from := map[string]string{} // column → event that typed it
	warned := map[string]bool{}
	add := func(name, typ, desc string, pos location.Pos, ev *ir.Event) *ir.Column {
		c := byName[name]
		if c == nil {
			c = &ir.Column{Name: name, Type: typ, Description: desc, Pos: pos}
			byName[name] = c
			from[name] = ev.Type
			t.Columns = append(t.Columns, c)
			return c
		}
		if c.Description == "" {
			c.Description = desc
		}
		if w := widen(c.Type, typ); w != c.Type {
			if !warned[name] {
				warned[name] = true
				n.report(pos, diag.Warning, RuleSQLColumnType, "property %q is %s in event %q but %s in event %q; column %s.%s becomes %s", name, typ, ev.Type, c.Type, from[name], t.Name, name, w)
			}
			c.Type = w
		}
		return c
	}
	// Insert events first, so the columns read like the aggregate's creation.
	events := append([]*ir.Event(nil), tb.events...)
	sort.SliceStable(events, func(i, j int) bool {
		return n.sql[events[i]].Action == "insert" && n.sql[events[j]].Action != "insert"
	})
	for _, ev := range events {
		s := n.sql[ev]
		if tb.key != "" && findDataProperty(ev.Data, tb.key) != nil {
			s.KeyProperty = tb.key
		}
		props := allOfProps(ev.Data)
		for _, p := range props {
			if columnType(p.Schema) != "timestamptz" {
				continue
			}
			switch p.Name {
			case "created_at":
				s.CreatedAt = p.Name
			case "updated_at":
				s.UpdatedAt = p.Name
			case "deleted_at":
				s.DeletedAt = p.Name
			}
		}
		if ev.Metadata != nil {
			for _, p := range allOfProps(ev.Metadata) {
				s.Metadata = append(s.Metadata, p.Name)
			}
			sort.Strings(s.Metadata)
		}
		if s.Action == "insert" || s.Action == "update" {
			for _, p := range props {
				if bookkeeping[p.Name] || p.Name == t.Key.Name {
					continue
				}
				n.verbatim(p.Name, "property", p.Pos)
				c := add(p.Name, columnType(p.Schema), p.Schema.Description, p.Pos, ev)
				s.Fields = append(s.Fields, &ir.Field{Property: p.Name, Column: c, Default: p.Schema.Default, HasDefault: p.Schema.HasDefault})
			}
		}
		if pr := ev.Projection; pr != nil {
			keys := make([]string, 0, len(pr.Set))
			for k := range pr.Set {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if bookkeeping[k] || k == t.Key.Name {
					n.report(pr.Pos, diag.Error, RuleProjectionShape, "x-projection set cannot write %q: the handler maintains that column", k)
					continue
				}
				n.verbatim(k, "x-projection set column", pr.Pos)
				c := add(k, valueType(pr.Set[k]), "", pr.Pos, ev)
				s.Set = append(s.Set, &ir.SetValue{Column: c, Value: pr.Set[k]})
			}
		}
	}
	// Columns are named like their properties; one that cannot be (too
	// long, or unwritable) gets a name of its own, the same in every event.
	cols := newSQLNamespace(ir.MaxSQLIdentifier, n.lw.reportShortened)
	for b := range bookkeeping {
		cols.reserved[b] = "a column every projection table has"
	}
	for _, c := range append([]*ir.Column{t.Key}, t.Columns...) {
		cols.ask(&sqlAsk{name: c.Name, key: c.Name, owner: fmt.Sprintf("column %q of table %s", c.Name, t.Name), pos: c.Pos,
			assign: func(s string) { c.Name = s }})
	}
	cols.decide()
}

// quoteList writes names as "a", "b".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, s := range names {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// actionOf is the event type without its stream prefix, as a SQL word:
// organization.bootstrap.completed in stream organization → bootstrap_completed;
// workflow.queue.pending in stream workflow_queue → pending.
func actionOf(eventType, stream string) string {
	if rest, ok := strings.CutPrefix(eventType, stream+"."); ok && rest != "" {
		return sqlWord(rest)
	}
	w, s := sqlWord(eventType), sqlWord(stream)
	if rest, ok := strings.CutPrefix(w, s+"_"); ok && rest != "" {
		return rest
	}
	return w
}

// sqlWord lower-cases s and turns every run of characters outside
// [a-z0-9_] into one underscore ("Order.Line-Added" → "order_line_added").
func sqlWord(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(s) {
		if r == '_' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			gap = false
			b.WriteRune(r)
			continue
		}
		gap = true
	}
	if b.Len() == 0 {
		return "event"
	}
	return b.String()
}

func findDataProperty(s *ir.Schema, name string) *ir.Property {
	for _, p := range allOfProps(s) {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// columnType maps a property schema to a PostgreSQL column type.
func columnType(s *ir.Schema) string {
	if s == nil || s.Bool != nil {
		return "jsonb"
	}
	var types []string
	for _, t := range s.Types {
		if t != "null" {
			types = append(types, t)
		}
	}
	if len(types) == 0 {
		switch {
		case len(s.AllOf) > 0:
			typ := ""
			for _, m := range s.AllOf {
				mt := columnType(m)
				if typ != "" && mt != typ {
					return "jsonb"
				}
				typ = mt
			}
			return typ
		case len(s.Enum) > 0 || s.HasConst:
			vals := append([]any(nil), s.Enum...)
			if s.HasConst {
				vals = append(vals, s.Const)
			}
			for _, v := range vals {
				if _, ok := v.(string); !ok && v != nil {
					return "jsonb"
				}
			}
			return "text"
		}
		return "jsonb"
	}
	if len(types) > 1 {
		for _, t := range types {
			if t != "integer" && t != "number" {
				return "jsonb"
			}
		}
		return "numeric"
	}
	switch types[0] {
	case "string":
		switch s.Format {
		case "uuid":
			return "uuid"
		case "date-time":
			return "timestamptz"
		case "date":
			return "date"
		}
		return "text"
	case "integer":
		return "bigint"
	case "number":
		return "numeric"
	case "boolean":
		return "boolean"
	case "array":
		if s.Items != nil {
			if it := columnType(s.Items); it != "jsonb" && !strings.HasSuffix(it, "[]") {
				return it + "[]"
			}
		}
	}
	return "jsonb"
}

// valueType is the column type of an x-projection set value.
func valueType(v any) string {
	switch v := v.(type) {
	case string, nil:
		return "text"
	case bool:
		return "boolean"
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return "bigint"
		}
		return "numeric"
	}
	return "jsonb"
}

// widen is the column type that holds values of both types.
func widen(a, b string) string {
	if a == b {
		return a
	}
	text := map[string]bool{"text": true, "uuid": true, "timestamptz": true, "date": true}
	num := map[string]bool{"bigint": true, "numeric": true}
	switch {
	case text[a] && text[b]:
		return "text"
	case num[a] && num[b]:
		return "numeric"
	}
	return "jsonb"
}

func containsString(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// allOfProps lists the properties of s and of its allOf members: every
// property that can feed a projection column.
func allOfProps(s *ir.Schema) []*ir.Property {
	props, _ := ir.AllOfProperties(s)
	return props
}
