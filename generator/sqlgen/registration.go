package sqlgen

import (
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// registrationView feeds registration.sql.tmpl.
type registrationView struct {
	Table string
	Rows  []*registrationRow
}

// registrationRow holds one event type's values, each a SQL expression.
type registrationRow struct {
	EventType, StreamType, Schema, Metadata, Description, Example, Function, Tables string
}

func (g *gen) registration() (*registrationView, error) {
	v := &registrationView{Table: g.q(RegistryTable)}
	for _, st := range g.set.Streams {
		for _, es := range st.SQL.Events {
			r, err := g.registrationRow(st, es)
			if err != nil {
				return nil, err
			}
			v.Rows = append(v.Rows, r)
		}
	}
	return v, nil
}

func (g *gen) registrationRow(st *ir.Stream, es *ir.EventSQL) (*registrationRow, error) {
	ev := es.Event
	r := &registrationRow{Metadata: "NULL", Description: "NULL", Example: "NULL", Tables: "'{}'::text[]"}
	var err error
	if r.EventType, err = literal(ev.Type); err != nil {
		return nil, err
	}
	if r.StreamType, err = literal(st.Name); err != nil {
		return nil, err
	}
	if r.Schema, err = g.schemaJSON(ev.Data); err != nil {
		return nil, err
	}
	if ev.Metadata != nil {
		if r.Metadata, err = g.schemaJSON(ev.Metadata); err != nil {
			return nil, err
		}
	}
	if d := firstNonEmpty(ev.Description, ev.Summary, ev.Title); d != "" {
		if r.Description, err = literal(d); err != nil {
			return nil, err
		}
	}
	if len(ev.Examples) > 0 {
		if r.Example, err = jsonValue(exampleData(ev, ev.Examples[0].Value)); err != nil {
			return nil, err
		}
	}
	if r.Function, err = literal(g.q(es.Handler)); err != nil {
		return nil, err
	}
	if es.Table != nil {
		l, err := literal(g.q(es.Table.Name))
		if err != nil {
			return nil, err
		}
		r.Tables = "ARRAY[" + l + "]::text[]"
	}
	return r, nil
}

// schemaJSON is the canonical JSON Schema of s as a jsonb literal ({} for
// a missing schema), computed once per schema: envelopes share their
// metadata schema.
func (g *gen) schemaJSON(s *ir.Schema) (string, error) {
	if s == nil {
		return "'{}'::jsonb", nil
	}
	if l, ok := g.schemas[s]; ok {
		return l, nil
	}
	l, err := jsonValue(ir.Canonical(s))
	if err != nil {
		return "", err
	}
	g.schemas[s] = l
	return l, nil
}

// exampleData is what an example stores in event_data: an envelope's
// event_data, or a plain payload as a whole.
func exampleData(ev *ir.Event, v any) any {
	if m, ok := v.(map[string]any); ok && ev.Envelope {
		if d, ok := m["event_data"]; ok {
			return d
		}
	}
	return v
}

// jsonValue is v as a jsonb literal, encoded without HTML escaping.
func jsonValue(v any) (string, error) {
	var b strings.Builder
	if err := writeJSON(&b, v); err != nil {
		return "", err
	}
	return jsonText(b.String())
}
