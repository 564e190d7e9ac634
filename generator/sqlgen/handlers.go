package sqlgen

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// handlersView feeds handlers.sql.tmpl: one stream's handler functions.
type handlersView struct {
	Stream   string // for a comment
	Handlers []*handlerView
}

type handlerView struct {
	// Doc is a one-line comment: event type and what the body does.
	Doc    string
	Func   string // qualified
	Store  string // the parameter's row type
	Check  *checkView
	Insert *insertView
	Update *updateView
	// Hook is the team's function, created as a no-op (NoopBody, a
	// literal) until the team replaces it; HookSignature its
	// to_regprocedure literal.
	Hook          string
	HookSignature string
	NoopBody      string
	Comment       string // COMMENT ON FUNCTION literal
}

// insertView is INSERT … ON CONFLICT (key) DO NOTHING, which raises P9004
// when the conflicting row was created by another event.
type insertView struct {
	rowRef
	Table    string
	Columns  []string
	Values   []string
	Conflict string
	// Store is the event store, where the P9004 check finds the event that
	// last wrote the existing row.
	Store string
}

// updateView is UPDATE table AS t SET … WHERE t.key = …, which raises
// P9002 when no row matches.
type updateView struct {
	rowRef
	Table  string
	Assign []*assignView
}

// rowRef names the event's projection row: Where is the condition
// t.key = … and, for the P9002 and P9004 messages, TableName and KeyName
// are literals and Key the key expression.
type rowRef struct {
	Where, TableName, KeyName, Key string
}

type assignView struct {
	Column, Expr string
	// Width aligns the assignments.
	Width int
}

const (
	eventData     = "p_event.event_data"
	eventMetadata = "p_event.event_metadata"
)

func (g *gen) handlers(st *ir.Stream) (*handlersView, error) {
	v := &handlersView{Stream: oneLine(st.Name)}
	for _, es := range st.SQL.Events {
		h, err := g.handler(es)
		if err != nil {
			return nil, fmt.Errorf("event type %q: %w", es.Event.Type, err)
		}
		v.Handlers = append(v.Handlers, h)
	}
	return v, nil
}

func (g *gen) handler(es *ir.EventSQL) (*handlerView, error) {
	ev := es.Event
	if err := checkIdent("hook function name", es.Hook); err != nil {
		return nil, err
	}
	h := &handlerView{Func: g.q(es.Handler), Store: g.store, Hook: g.q(es.Hook), NoopBody: literalMust(noopHook)}
	var err error
	if h.HookSignature, err = literal(h.Hook + "(" + g.store + ")"); err != nil {
		return nil, err
	}
	table := ""
	if es.Table != nil {
		table = es.Table.Name
	}
	what := fmt.Sprintf(map[string]string{
		"insert": "inserts its row into %s (P9004 when another event created it)",
		"update": "updates the fields present in the event data in %s",
		"delete": "soft-deletes its row in %s",
		"touch":  "records the event on its row in %s (last_event_id, updated_at)",
		"none":   "writes no projection%s",
	}[es.Action], table)
	h.Doc = oneLine(fmt.Sprintf("%s: %s; action from the %s", ev.Type, what, es.ActionFrom))
	summary := firstNonEmpty(ev.Summary, ev.Title, ev.Description)
	doc := fmt.Sprintf("Applies %s: %s.", ev.Type, what)
	if summary != "" {
		doc += " " + summary
	}
	if h.Comment, err = literal(doc); err != nil {
		return nil, err
	}
	if g.o.CheckData {
		if h.Check, err = dataCheck(ev.Data); err != nil {
			return nil, err
		}
	}
	switch es.Action {
	case "insert":
		h.Insert, err = g.insert(es)
	case "update", "delete", "touch":
		h.Update, err = g.update(es)
	}
	return h, err
}

// insert builds the creation of the row: key, tenant, the event's fields,
// x-projection values and the bookkeeping columns.
func (g *gen) insert(es *ir.EventSQL) (*insertView, error) {
	t := es.Table
	ref, err := g.rowRef(es)
	if err != nil {
		return nil, err
	}
	v := &insertView{rowRef: ref, Table: g.q(t.Name), Conflict: ident(t.Key.Name), Store: g.store}
	add := func(col, expr string) {
		v.Columns = append(v.Columns, ident(col))
		v.Values = append(v.Values, expr)
	}
	add(t.Key.Name, ref.Key)
	sets := map[string]bool{}
	for _, s := range es.Set {
		sets[s.Column.Name] = true
	}
	tenant, err := g.tenantExpr(es)
	if err != nil {
		return nil, err
	}
	if tenant != "" && !sets[g.o.TenantColumn] && t.Key.Name != g.o.TenantColumn {
		add(g.o.TenantColumn, tenant)
	}
	for _, f := range es.Fields {
		if f.Column.Name == g.o.TenantColumn || sets[f.Column.Name] {
			continue
		}
		e, err := extract(eventData, f.Property, f.Column.Type)
		if err != nil {
			return nil, err
		}
		if f.HasDefault && f.Default != nil && !strings.HasSuffix(f.Column.Type, "[]") {
			// An absent property takes its schema default.
			d, err := setExpr(f.Default, f.Column.Type)
			if err != nil {
				return nil, err
			}
			present, err := literal(f.Property)
			if err != nil {
				return nil, err
			}
			e = fmt.Sprintf("CASE WHEN %s ? %s THEN %s ELSE %s END", eventData, present, e, d)
		}
		add(f.Column.Name, e)
	}
	for _, s := range es.Set {
		e, err := setExpr(s.Value, g.columnType(s.Column))
		if err != nil {
			return nil, err
		}
		add(s.Column.Name, e)
	}
	created, err := timestamp(es.CreatedAt, "p_event.created_at")
	if err != nil {
		return nil, err
	}
	updated, err := timestamp(es.UpdatedAt, created)
	if err != nil {
		return nil, err
	}
	add("created_at", created)
	add("updated_at", updated)
	add("last_event_id", "p_event.id")
	return v, nil
}

// update builds the UPDATE of an update, delete or touch handler.
func (g *gen) update(es *ir.EventSQL) (*updateView, error) {
	t := es.Table
	v := &updateView{Table: g.q(t.Name)}
	add := func(col, expr string) {
		v.Assign = append(v.Assign, &assignView{Column: ident(col), Expr: expr})
	}
	sets := map[string]bool{}
	for _, s := range es.Set {
		sets[s.Column.Name] = true
	}
	if es.Action == "update" {
		for _, f := range es.Fields {
			if f.Column.Name == g.o.TenantColumn || sets[f.Column.Name] {
				continue
			}
			e, err := extract(eventData, f.Property, f.Column.Type)
			if err != nil {
				return nil, err
			}
			present, err := literal(f.Property)
			if err != nil {
				return nil, err
			}
			// Only the fields present change; a field present as null clears the column.
			add(f.Column.Name, fmt.Sprintf("CASE WHEN %s ? %s THEN %s ELSE t.%s END", eventData, present, e, ident(f.Column.Name)))
		}
	}
	for _, s := range es.Set {
		e, err := setExpr(s.Value, g.columnType(s.Column))
		if err != nil {
			return nil, err
		}
		add(s.Column.Name, e)
	}
	updated := es.UpdatedAt
	if es.Action == "delete" {
		deleted, err := timestamp(es.DeletedAt, "p_event.created_at")
		if err != nil {
			return nil, err
		}
		add("deleted_at", "COALESCE(t.deleted_at, "+deleted+")")
		if updated == "" {
			updated = es.DeletedAt
		}
	}
	upd, err := timestamp(updated, "p_event.created_at")
	if err != nil {
		return nil, err
	}
	add("updated_at", upd)
	add("last_event_id", "p_event.id")
	if v.rowRef, err = g.rowRef(es); err != nil {
		return nil, err
	}
	w := 0
	for _, a := range v.Assign {
		w = max(w, len(a.Column))
	}
	for _, a := range v.Assign {
		a.Width = w
	}
	return v, nil
}

// rowRef locates the event's row in its table, for a WHERE clause and an
// error message.
func (g *gen) rowRef(es *ir.EventSQL) (rowRef, error) {
	t := es.Table
	key, err := g.keyExpr(es)
	if err != nil {
		return rowRef{}, err
	}
	r := rowRef{Where: fmt.Sprintf("t.%s = %s", ident(t.Key.Name), key), Key: key}
	if r.TableName, err = literal(t.Name); err != nil {
		return rowRef{}, err
	}
	if r.KeyName, err = literal(t.Key.Name); err != nil {
		return rowRef{}, err
	}
	return r, nil
}

// keyExpr is the row key of the event: its key property, else stream_id.
func (g *gen) keyExpr(es *ir.EventSQL) (string, error) {
	k := es.Table.Key
	if es.KeyProperty != "" {
		return extract(eventData, es.KeyProperty, k.Type)
	}
	if k.Type == "uuid" {
		return "p_event.stream_id", nil
	}
	return "p_event.stream_id::" + k.Type, nil
}

// tenantExpr reads the tenant from the data property x-projection names as
// tenant, else from the event data when the data has the tenant property,
// else from the metadata when its schema declares it;
// "" when neither does (the row's tenant stays NULL).
func (g *gen) tenantExpr(es *ir.EventSQL) (string, error) {
	if p := es.Event.Projection; p != nil && p.Tenant != "" {
		return extract(eventData, p.Tenant, "uuid")
	}
	for _, f := range es.Fields {
		if f.Column.Name == g.o.TenantColumn {
			return extract(eventData, f.Property, "uuid")
		}
	}
	for _, m := range es.Metadata {
		if m == g.o.TenantColumn {
			return extract(eventMetadata, m, "uuid")
		}
	}
	return "", nil
}

// columnType is the column's SQL type, uuid for the tenant column.
func (g *gen) columnType(c *ir.Column) string {
	if c.Name == g.o.TenantColumn {
		return "uuid"
	}
	return c.Type
}

// timestamp reads a date-time property, falling back to def.
func timestamp(prop, def string) (string, error) {
	if prop == "" {
		return def, nil
	}
	e, err := extract(eventData, prop, "timestamptz")
	if err != nil {
		return "", err
	}
	return "COALESCE(" + e + ", " + def + ")", nil
}

// extract is the typed read of one property of src (event_data or
// event_metadata): absent and null give NULL.
func extract(src, prop, typ string) (string, error) {
	key, err := literal(prop)
	if err != nil {
		return "", err
	}
	text := fmt.Sprintf("(%s->>%s)", src, key)
	switch {
	case typ == "text":
		return text, nil
	case typ == "jsonb":
		return fmt.Sprintf("NULLIF(%s->%s, 'null'::jsonb)", src, key), nil
	case typ == "bigint":
		// via numeric: JSON Schema integers may be written 1.0 or 1e3
		return text + "::numeric::bigint", nil
	case strings.HasSuffix(typ, "[]"):
		elem := strings.TrimSuffix(typ, "[]")
		cast := "::" + elem
		if elem == "bigint" {
			cast = "::numeric::bigint"
		}
		return fmt.Sprintf("CASE WHEN jsonb_typeof(%[1]s->%[2]s) = 'array' THEN ARRAY(SELECT e.v%[3]s FROM jsonb_array_elements_text(%[1]s->%[2]s) AS e(v)) END", src, key, cast), nil
	}
	return text + "::" + typ, nil
}

// setExpr is an x-projection value as a typed SQL value.
func setExpr(v any, typ string) (string, error) {
	if v == nil {
		return "NULL", nil
	}
	if typ == "jsonb" {
		return jsonLiteral(v)
	}
	var text string
	switch v := v.(type) {
	case string:
		text = v
	case json.Number:
		text = v.String()
	case bool:
		text = fmt.Sprint(v)
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return "", err
		}
		text = string(b)
	}
	l, err := literal(text)
	if err != nil {
		return "", err
	}
	return l + "::" + typ, nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x = strings.TrimSpace(x); x != "" {
			return x
		}
	}
	return ""
}
