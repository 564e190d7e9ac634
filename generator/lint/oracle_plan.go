package lint

import (
	"sort"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// plan is what the oracle compiles, decided once before the workers start.
type plan struct {
	// roots lists every schema to compile once: the event payloads, the
	// Checked message schemas, then every schema of ir.Set.Schemas that
	// none of these reaches (an unreferenced component, a definition
	// nothing refers to), in that order.
	roots []*ir.Schema
	// keys are the files that hold roots, sorted; groups are by file.
	keys   []string
	groups map[string]*group
}

// group is the work of one compiler: roots that live in one file.
type group struct {
	roots []*ir.Schema
	// events and checked list, per root, the events and Checked parts
	// whose message examples are validated against it.
	events  map[*ir.Schema][]*ir.Event
	checked map[*ir.Schema][]*ir.Checked
	// values are the schemas reachable from roots whose own default and
	// examples this group validates; each such schema is owned by the
	// first group (in key order) that reaches it, so it is validated once.
	values []*ir.Schema
}

// makePlan decides the roots and groups of set. Boolean schemas need no
// compiling and have no values.
func makePlan(set *ir.Set) plan {
	var p plan
	p.groups = map[string]*group{}
	reached := map[*ir.Schema]bool{}
	groupOf := func(s *ir.Schema) *group {
		g := p.groups[s.URL]
		if g == nil {
			g = &group{events: map[*ir.Schema][]*ir.Event{}, checked: map[*ir.Schema][]*ir.Checked{}}
			p.groups[s.URL] = g
			p.keys = append(p.keys, s.URL)
		}
		return g
	}
	isRoot := map[*ir.Schema]bool{}
	addRoot := func(s *ir.Schema) *group {
		g := groupOf(s)
		if !isRoot[s] {
			isRoot[s] = true
			p.roots = append(p.roots, s)
			g.roots = append(g.roots, s)
			walkFrom(s, reached)
		}
		return g
	}
	for _, ev := range set.Events {
		if s := ev.Payload; s != nil && s.Bool == nil {
			g := addRoot(s)
			g.events[s] = append(g.events[s], ev)
		}
	}
	for _, c := range set.Checked {
		if s := c.Schema; s != nil && s.Bool == nil {
			g := addRoot(s)
			g.checked[s] = append(g.checked[s], c)
		}
	}
	// Set.Schemas is in discovery order, a schema before its children: the
	// first one not reached yet is the top of a tree nothing else reaches.
	for _, s := range set.Schemas {
		if !reached[s] && s.Bool == nil {
			addRoot(s)
		}
	}
	sort.Strings(p.keys)
	p.assignValues()
	return p
}

// assignValues gives each schema with a default or examples to the first
// group that reaches it.
func (p *plan) assignValues() {
	owned := map[*ir.Schema]bool{}
	for _, k := range p.keys {
		g := p.groups[k]
		seen := map[*ir.Schema]bool{}
		var visit func(*ir.Schema)
		visit = func(s *ir.Schema) {
			if seen[s] {
				return
			}
			seen[s] = true
			if hasValues(s) && !owned[s] {
				owned[s] = true
				g.values = append(g.values, s)
			}
			s.EachChild(visit)
		}
		for _, r := range g.roots {
			visit(r)
		}
	}
}

// hasValues reports whether s has a default or examples to validate
// against it: a schema that message traits merged has the values of the
// schemas it merged, validated where those are written.
func hasValues(s *ir.Schema) bool {
	return s.Bool == nil && !s.Merged && (s.HasDefault || len(s.Examples) > 0)
}

// walkFrom marks every schema reachable from s.
func walkFrom(s *ir.Schema, seen map[*ir.Schema]bool) {
	if s == nil || seen[s] {
		return
	}
	seen[s] = true
	s.EachChild(func(c *ir.Schema) { walkFrom(c, seen) })
}
