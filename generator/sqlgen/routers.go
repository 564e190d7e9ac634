package sqlgen

import (
	"sort"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// routersView feeds routers.sql.tmpl.
type routersView struct {
	Store      string
	SearchPath string
	// Record is sql.on_error: record (a subtransaction per event).
	Record  bool
	Routers []*routerView
	// Apply, Rebuild and Retry are the bare names (for comments);
	// ApplyFunc, RebuildFunc and RetryFunc qualified.
	Apply, Rebuild, Retry             string
	ApplyFunc, RebuildFunc, RetryFunc string
	// Dispatcher is the trigger function, Trigger its trigger's name.
	Dispatcher string
	Trigger    string
	Streams    []*routeView
	// AllTables are every projection table, Rebuilds the tables and stream
	// types one stream type's rebuild covers.
	AllTables []string
	Rebuilds  []*rebuildView
}

type routerView struct {
	Stream string // for a comment
	Func   string
	Events []*routeView
}

// routeView is one WHEN of a CASE: a literal and the function it calls;
// a stream type's route also lists its events' routes.
type routeView struct {
	Value, Func string
	Events      []*routeView
}

// rebuildView is one stream type's branch of the rebuild function: the
// tables it empties and the stream types whose events it replays (literals).
type rebuildView struct {
	Stream  string
	Tables  []string
	Streams []string
}

func (g *gen) routers() (*routersView, error) {
	names := g.set.SQL
	if names == (ir.SetSQL{}) {
		names = ir.DefaultSetSQL // a set built by hand, not by lower
	}
	for _, n := range []string{names.Dispatcher, names.Trigger, names.Apply, names.Rebuild, names.Retry} {
		if err := checkIdent("function name", n); err != nil {
			return nil, err
		}
	}
	v := &routersView{
		Store: g.store, SearchPath: g.searchPath, Record: g.o.OnError == OnErrorRecord,
		Apply: oneLine(names.Apply), Rebuild: oneLine(names.Rebuild), Retry: oneLine(names.Retry),
		ApplyFunc: g.q(names.Apply), RebuildFunc: g.q(names.Rebuild), RetryFunc: g.q(names.Retry),
		Dispatcher: g.q(names.Dispatcher), Trigger: ident(names.Trigger),
	}
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
		v.Streams = append(v.Streams, &routeView{Value: l, Func: r.Func, Events: r.Events})
	}
	var err error
	if v.AllTables, v.Rebuilds, err = g.rebuilds(); err != nil {
		return nil, err
	}
	return v, nil
}

// rebuilds decides what rebuilding each stream type covers. A table
// written by several stream types is emptied with all of them, so a
// stream type's rebuild covers the closure: its tables, the stream types
// writing those, their tables, and so on.
func (g *gen) rebuilds() (all []string, out []*rebuildView, err error) {
	tablesOf := map[string][]string{} // stream → tables its events write
	streamsOf := map[string][]string{}
	for _, st := range g.set.Streams {
		seen := map[string]bool{}
		for _, es := range st.SQL.Events {
			if es.Table == nil || seen[es.Table.Name] {
				continue
			}
			seen[es.Table.Name] = true
			tablesOf[st.Name] = append(tablesOf[st.Name], es.Table.Name)
			streamsOf[es.Table.Name] = append(streamsOf[es.Table.Name], st.Name)
		}
		for _, t := range st.SQL.Tables {
			all = append(all, g.q(t.Name))
		}
	}
	for _, st := range g.set.Streams {
		streams, tables := map[string]bool{st.Name: true}, map[string]bool{}
		queue := []string{st.Name}
		for len(queue) > 0 {
			s := queue[0]
			queue = queue[1:]
			for _, t := range tablesOf[s] {
				if tables[t] {
					continue
				}
				tables[t] = true
				for _, other := range streamsOf[t] {
					if !streams[other] {
						streams[other] = true
						queue = append(queue, other)
					}
				}
			}
		}
		r := &rebuildView{}
		if r.Stream, err = literal(st.Name); err != nil {
			return nil, nil, err
		}
		for _, t := range sortedKeys(tables) {
			r.Tables = append(r.Tables, g.q(t))
		}
		for _, s := range sortedKeys(streams) {
			l, err := literal(s)
			if err != nil {
				return nil, nil, err
			}
			r.Streams = append(r.Streams, l)
		}
		out = append(out, r)
	}
	return all, out, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
