package sqlgen

import "github.com/asyncgen/asyncgen/generator/ir"

// routersView feeds routers.sql.tmpl.
type routersView struct {
	Store      string
	SearchPath string
	Routers    []*routerView
	// Dispatcher is process_domain_event(), Trigger its trigger's name.
	Dispatcher string
	Trigger    string
	Streams    []*routeView
}

type routerView struct {
	Stream string // for a comment
	Func   string
	Events []*routeView
}

// routeView is one WHEN of a CASE: a literal and the function it calls.
type routeView struct {
	Value, Func string
}

func (g *gen) routers() (*routersView, error) {
	names := g.set.SQL
	if names == (ir.SetSQL{}) {
		names = ir.DefaultSetSQL // a Set built without lower
	}
	v := &routersView{Store: g.store, SearchPath: g.searchPath, Dispatcher: g.q(names.Dispatcher), Trigger: ident(names.Trigger)}
	for _, st := range g.set.Streams {
		r := &routerView{Stream: oneLine(st.Name), Func: g.q(st.SQL.Router)}
		for _, es := range st.SQL.Events {
			l, err := literal(es.Event.Type)
			if err != nil {
				return nil, err
			}
			r.Events = append(r.Events, &routeView{Value: l, Func: g.q(es.Handler)})
		}
		v.Routers = append(v.Routers, r)
		l, err := literal(st.Name)
		if err != nil {
			return nil, err
		}
		v.Streams = append(v.Streams, &routeView{Value: l, Func: r.Func})
	}
	return v, nil
}
