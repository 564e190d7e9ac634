package diff

import (
	"fmt"
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

// anything is the empty schema, standing in for an absent one.
var anything = &ir.Schema{}

// place is where a pair of schemas sits: message-relative JSON pointers on
// the new and the old side (they differ when union branches move).
type place struct{ n, o string }

func (p place) child(tokens ...string) place {
	return place{child(p.n, tokens...), child(p.o, tokens...)}
}

// key is swap-invariant, for facets.
func (p place) key() string {
	if p.o < p.n {
		return p.o + "," + p.n
	}
	return p.n + "," + p.o
}

type pair [2]*ir.Schema

// checker walks two resolved schemas in parallel and reports each change
// through the rule table. In quiet mode it only computes the worst
// backward verdict (backwardOf), which the rules themselves use.
type checker struct {
	opt      *Options
	old, new *Side
	event    string
	sink     func(*change, Verdict, Verdict)
	quiet    bool
	worst    Verdict
	counting bool // quiet mode that only counts changes
	count    int
	produced int // changes reported so far, in any mode
	*caches
	onPath map[pair]bool
}

// caches are shared by every checker of one (old, new) comparison.
type caches struct {
	memo   map[pair]Verdict // backwardOf results
	active map[pair]bool    // backwardOf calls in progress
	// clean holds pairs whose whole walk found no change: schemas shared
	// by many events (metadata, enums) are compared once.
	clean  map[pair]bool
	shapes map[*ir.Schema]string
	raws   map[*ir.Schema]map[string]any
	// flat gives the effective schemas compared: both sides are reduced to
	// one spelling first, so a refactor that keeps the meaning is no change.
	flat *ir.Flattener
}

func newChecker(opt *Options, old, new *Side, flat *ir.Flattener) *checker {
	return &checker{opt: opt, old: old, new: new, onPath: map[pair]bool{}, caches: &caches{
		memo: map[pair]Verdict{}, active: map[pair]bool{}, clean: map[pair]bool{},
		shapes: map[*ir.Schema]string{}, raws: map[*ir.Schema]map[string]any{}, flat: flat,
	}}
}

// eff is the effective schema compared for s (anything for an absent one).
func (x *checker) eff(s *ir.Schema) *ir.Schema {
	if s == nil {
		return anything
	}
	return x.flat.Effective(s)
}

// effList is eff of every schema of a list (union branches).
func (x *checker) effList(l []*ir.Schema) []*ir.Schema {
	out := make([]*ir.Schema, len(l))
	for i, s := range l {
		out[i] = x.eff(s)
	}
	return out
}

// sub is a quiet checker sharing the caches.
func (x *checker) sub() *checker {
	return &checker{opt: x.opt, old: x.old, new: x.new, quiet: true, caches: x.caches, onPath: map[pair]bool{}}
}

// shape is the cached canonical JSON of a schema without annotations.
func (x *checker) shape(s *ir.Schema) string {
	if v, ok := x.shapes[s]; ok {
		return v
	}
	v := string(x.shapeJSON(s))
	x.shapes[s] = v
	return v
}

// change is one detected difference, before its rule judges it.
type change struct {
	rule  string
	facet string
	o, n  operand
	// Pointers (message-relative) and document locations on both sides.
	newPtr, oldPtr string
	newPos, oldPos location.Pos
	newRef, oldRef string
	before, after  any
	hasBefore      bool
	hasAfter       bool
	msg            string
	event          string
	contract       string
	channel        string
}

// add judges a change with its rule: backward on (old, new), forward on
// (new, old).
func (x *checker) add(c *change) {
	r, ok := Lookup(c.rule)
	if !ok {
		panic("diff: unknown rule " + c.rule)
	}
	if c.o.side == nil {
		c.o.side = x.old
	}
	if c.n.side == nil {
		c.n.side = x.new
	}
	x.produced++
	if x.counting {
		x.count++
		return
	}
	b := r.Backward(x, &c.o, &c.n)
	if x.quiet {
		x.worst = worse(x.worst, b)
		return
	}
	f := r.Backward(x, &c.n, &c.o)
	if c.event == "" {
		c.event = x.event
	}
	x.sink(c, b, f)
}

// backwardOf is the worst backward verdict of every change between two
// schemas: whether every instance of o is an instance of n, as far as the
// rules can tell. Recursion assumes compatibility (co-inductively).
func (x *checker) backwardOf(o, n *ir.Schema) Verdict {
	o, n = x.eff(o), x.eff(n)
	if o == n {
		return Compatible
	}
	k := pair{o, n}
	if v, ok := x.memo[k]; ok {
		return v
	}
	if x.active[k] {
		return Compatible
	}
	x.active[k] = true
	sub := x.sub()
	sub.schemas(o, n, place{})
	delete(x.active, k)
	x.memo[k] = sub.worst
	return sub.worst
}

// raw returns the JSON object of a schema from whichever side holds it;
// for an effective schema merged from several, their keys, the first
// schema's winning.
func (x *checker) raw(s *ir.Schema) map[string]any {
	if m, ok := x.raws[s]; ok {
		return m
	}
	var m map[string]any
	if s.MergedFrom != nil {
		for _, src := range s.MergedFrom {
			for k, v := range x.raw(src) {
				if m == nil {
					m = map[string]any{}
				}
				if _, dup := m[k]; !dup {
					m[k] = v
				}
			}
		}
	} else if m = x.new.raw(s); m == nil {
		m = x.old.raw(s)
	}
	x.raws[s] = m
	return m
}

// schemaChange prepares a change of keyword kw of the pair (o, n) at p.
func (x *checker) schemaChange(rule, facet string, o, n *ir.Schema, p place, kw, msg string) *change {
	c := &change{rule: rule, facet: facet + "|" + p.key(), o: operand{side: x.old, s: o}, n: operand{side: x.new, s: n}, msg: msg}
	c.newPtr, c.newPos, c.newRef = locate(x.new, n, p.n, kw)
	c.oldPtr, c.oldPos, c.oldRef = locate(x.old, o, p.o, kw)
	return c
}

// locate gives the pointer, position and document reference of keyword kw
// of s (or of s itself when it lacks kw).
func locate(side *Side, s *ir.Schema, ptr, kw string) (string, location.Pos, string) {
	if s == nil || s == anything {
		return ptr, location.Pos{}, ""
	}
	pos, docPtr, url := s.Pos, s.Pointer, s.URL
	if kw != "" && s.Has(kw) {
		pos, ptr = s.KeywordPos(kw), child(ptr, kw)
		src := s
		for _, m := range s.MergedFrom {
			if m.Has(kw) {
				src = m // an effective schema's keyword is written in one of its sources
				break
			}
		}
		docPtr, url = child(src.Pointer, kw), src.URL
	}
	file := pos.File
	if file == "" {
		file = url
	}
	ref := ""
	if file != "" {
		ref = side.pos(location.Pos{File: file}).File + "#" + docPtr
	}
	return ptr, side.pos(pos), ref
}

func (c *change) values(before, after any, hasBefore, hasAfter bool) *change {
	c.before, c.after, c.hasBefore, c.hasAfter = before, after, hasBefore, hasAfter
	return c
}

// schemas compares one pair of schemas and everything below it.
func (x *checker) schemas(o, n *ir.Schema, at place) {
	o, n = x.eff(o), x.eff(n)
	if o == n {
		return
	}
	k := pair{o, n}
	if x.onPath[k] || x.clean[k] {
		return
	}
	x.onPath[k] = true
	defer delete(x.onPath, k)
	start := x.produced
	defer func() {
		if x.produced == start {
			x.clean[k] = true
		}
	}()

	if isFalse(o) || isFalse(n) {
		if isFalse(o) != isFalse(n) {
			x.add(x.schemaChange("payload-keyword-changed", "bool", o, n, at, "", "the schema changed to or from false (nothing is valid)"))
		}
		return
	}
	x.annotations(o, n, at)
	x.types(o, n, at)
	x.values(o, n, at)
	if !typesDisjoint(typesOf(o), typesOf(n)) {
		x.strings(o, n, at)
		x.numbers(o, n, at)
		x.arrays(o, n, at)
		x.objects(o, n, at)
	}
	x.unions(o, n, at, "oneOf", o.OneOf, n.OneOf)
	x.unions(o, n, at, "anyOf", o.AnyOf, n.AnyOf)
	x.allOf(o, n, at)
	x.unclassified(o, n, at)
	x.extensions(o, n, at)
}

// types reports changes of the type set (nullable included).
func (x *checker) types(o, n *ir.Schema, at place) {
	ot, nt := typesOf(o), typesOf(n)
	if sameStrings(ot, nt) && (ot == nil) == (nt == nil) || typeRedundant(o) && typeRedundant(n) {
		return
	}
	fwd, bwd := typeSetWithin(ot, nt), typeSetWithin(nt, ot)
	if fwd && bwd {
		return // e.g. [integer, number] and number
	}
	strip := func(l []string) []string {
		var out []string
		for _, t := range l {
			if t != "null" {
				out = append(out, t)
			}
		}
		return out
	}
	rule := "payload-type-changed"
	switch {
	case ot != nil && nt != nil && strings.Join(strip(ot), ",") == strings.Join(strip(nt), ","):
		rule = "payload-became-nullable"
		if containsStr(ot, "null") {
			rule = "payload-became-non-nullable"
		}
	case fwd && strings.Join(ot, ",") == "integer" && strings.Join(nt, ",") == "number":
		rule = "payload-type-widened"
	case bwd && strings.Join(ot, ",") == "number" && strings.Join(nt, ",") == "integer":
		rule = "payload-type-narrowed"
	case fwd:
		rule = "payload-type-union-widened"
	case bwd:
		rule = "payload-type-union-narrowed"
	}
	kw := "type"
	if !o.Has("type") && !n.Has("type") {
		kw = "nullable"
	}
	show := func(l []string) any {
		if l == nil {
			return "any"
		}
		if len(l) == 1 {
			return l[0]
		}
		return l
	}
	msg := fmt.Sprintf("type %s became %s", render(show(ot)), render(show(nt)))
	x.add(x.schemaChange(rule, "type", o, n, at, kw, msg).values(show(ot), show(nt), true, true))
}

// addedRemoved picks the rule for a keyword that was added, removed or changed.
// impliedFormat is a schema's format, or the one its type already implies:
// a number without a format is a float64 and an integer an int64, in
// generated code and on decode (README, Go types), so writing format: double
// or int64 next to them, as generators such as springwolf do from one
// release to the next, changes no accepted value and no Go type.
func impliedFormat(s *ir.Schema) string {
	if s.Format != "" {
		return s.Format
	}
	var types []string
	for _, t := range s.Types {
		if t != "null" {
			types = append(types, t)
		}
	}
	switch {
	case len(types) != 1:
		return ""
	case types[0] == "number":
		return "double"
	case types[0] == "integer":
		return "int64"
	}
	return ""
}

func addedRemoved(had, has bool, added, removed, changed string) string {
	switch {
	case !had:
		return added
	case !has:
		return removed
	}
	return changed
}

func (x *checker) strings(o, n *ir.Schema, at place) {
	if o.Format != n.Format && impliedFormat(o) != impliedFormat(n) {
		rule := addedRemoved(o.Format != "", n.Format != "", "payload-format-added", "payload-format-removed", "payload-format-changed")
		msg := fmt.Sprintf("format %q became %q", o.Format, n.Format)
		switch rule {
		case "payload-format-added":
			msg = fmt.Sprintf("format %q was added", n.Format)
		case "payload-format-removed":
			msg = fmt.Sprintf("format %q was removed", o.Format)
		}
		x.add(x.schemaChange(rule, "format", o, n, at, "format", msg).values(o.Format, n.Format, o.Format != "", n.Format != ""))
	}
	if o.Pattern != n.Pattern {
		rule := addedRemoved(o.Pattern != "", n.Pattern != "", "payload-pattern-added", "payload-pattern-removed", "payload-pattern-changed")
		msg := fmt.Sprintf("pattern %q became %q", o.Pattern, n.Pattern)
		switch rule {
		case "payload-pattern-added":
			msg = fmt.Sprintf("pattern %q was added", n.Pattern)
		case "payload-pattern-removed":
			msg = fmt.Sprintf("pattern %q was removed", o.Pattern)
		}
		x.add(x.schemaChange(rule, "pattern", o, n, at, "pattern", msg).values(o.Pattern, n.Pattern, o.Pattern != "", n.Pattern != ""))
	}
	x.bounds(o, n, at, "min-length", "minLength")
	x.bounds(o, n, at, "max-length", "maxLength")
}

// bounds reports a change of an integer bound (lengths, item and property counts).
func (x *checker) bounds(o, n *ir.Schema, at place, facet, kw string) {
	ob, nb := bound(o, facet), bound(n, facet)
	if (ob == nil) == (nb == nil) && (ob == nil || *ob == *nb) {
		return
	}
	var fam boundFamily
	for _, f := range boundFamilies {
		if f.name == facet {
			fam = f
		}
	}
	var rule, msg string
	switch {
	case ob == nil:
		rule, msg = "payload-"+facet+"-added", fmt.Sprintf("%s %d was added", kw, *nb)
	case nb == nil:
		rule, msg = "payload-"+facet+"-removed", fmt.Sprintf("%s %d was removed", kw, *ob)
	default:
		tighter := (*nb > *ob) == fam.lower
		word := fam.looser
		if tighter {
			word = fam.tighter
		}
		rule, msg = "payload-"+facet+"-"+word, fmt.Sprintf("%s %d became %d", kw, *ob, *nb)
	}
	c := x.schemaChange(rule, facet, o, n, at, kw, msg).values(int64Value(ob), int64Value(nb), ob != nil, nb != nil)
	c.o.key, c.n.key = facet, facet
	x.add(c)
}

func int64Value(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func (x *checker) numbers(o, n *ir.Schema, at place) {
	for _, lower := range []bool{true, false} {
		if lower && o.Minimum == n.Minimum && o.ExclusiveMinimum == n.ExclusiveMinimum ||
			!lower && o.Maximum == n.Maximum && o.ExclusiveMaximum == n.ExclusiveMaximum {
			continue
		}
		ob, nb := numberBound(o, lower), numberBound(n, lower)
		if ob == nil && nb == nil {
			continue
		}
		if ob != nil && nb != nil && ob.v.Cmp(nb.v) == 0 && ob.excl == nb.excl {
			continue
		}
		fam := boundFamilies[3]
		facet := "maximum"
		if lower {
			fam, facet = boundFamilies[2], "minimum"
		}
		show := func(b *numBound) any {
			if b == nil {
				return nil
			}
			return b.kw + " " + b.v.RatString()
		}
		var rule, kw string
		switch {
		case ob == nil:
			rule, kw = "payload-"+facet+"-added", nb.kw
		case nb == nil:
			rule, kw = "payload-"+facet+"-removed", ob.kw
		default:
			c := nb.v.Cmp(ob.v)
			tighter := c > 0 == lower && c != 0 || c == 0 && nb.excl
			word := fam.looser
			if tighter {
				word = fam.tighter
			}
			rule, kw = "payload-"+facet+"-"+word, nb.kw
		}
		msg := fmt.Sprintf("%s became %s", orAbsent(show(ob)), orAbsent(show(nb)))
		switch {
		case ob == nil:
			msg = fmt.Sprintf("%s was added", show(nb))
		case nb == nil:
			msg = fmt.Sprintf("%s was removed", show(ob))
		}
		c := x.schemaChange(rule, facet, o, n, at, kw, msg).values(show(ob), show(nb), ob != nil, nb != nil)
		c.o.key, c.n.key = facet, facet
		x.add(c)
	}
	if o.MultipleOf != n.MultipleOf {
		om, oOK := ir.NumberText(o.MultipleOf)
		nm, nOK := ir.NumberText(n.MultipleOf)
		if oOK && nOK && om.Cmp(nm) == 0 {
			return
		}
		rule := addedRemoved(oOK, nOK, "payload-multiple-of-added", "payload-multiple-of-removed", "payload-multiple-of-changed")
		msg := fmt.Sprintf("multipleOf %s became %s", orAbsent(o.MultipleOf), orAbsent(n.MultipleOf))
		switch rule {
		case "payload-multiple-of-added":
			msg = fmt.Sprintf("multipleOf %s was added", n.MultipleOf)
		case "payload-multiple-of-removed":
			msg = fmt.Sprintf("multipleOf %s was removed", o.MultipleOf)
		}
		x.add(x.schemaChange(rule, "multipleOf", o, n, at, "multipleOf", msg).values(o.MultipleOf, n.MultipleOf, oOK, nOK))
	}
}

func orAbsent(v any) string {
	if v == nil || v == "" {
		return "absent"
	}
	if s, ok := v.(string); ok {
		return s
	}
	return render(v)
}

func (x *checker) arrays(o, n *ir.Schema, at place) {
	x.bounds(o, n, at, "min-items", "minItems")
	x.bounds(o, n, at, "max-items", "maxItems")
	if o.UniqueItems != n.UniqueItems {
		rule, msg := "payload-unique-items-added", "uniqueItems was added"
		if o.UniqueItems {
			rule, msg = "payload-unique-items-removed", "uniqueItems was removed"
		}
		x.add(x.schemaChange(rule, "uniqueItems", o, n, at, "uniqueItems", msg).values(o.UniqueItems, n.UniqueItems, true, true))
	}
	switch {
	case len(o.TupleItems) > 0 || len(n.TupleItems) > 0:
		// Tuples are unclassified; see unclassified.
	case o.Items == nil && n.Items == nil:
	case o.Items == nil:
		x.add(x.schemaChange("payload-items-added", "items", o, n, at, "items", "an items schema now constrains every element"))
	case n.Items == nil:
		x.add(x.schemaChange("payload-items-removed", "items", o, n, at, "items", "the items schema was removed"))
	default:
		x.schemas(o.Items, n.Items, at.child("items"))
	}
}

// slotBackward compares an optional subschema (additionalProperties,
// items, headers): absent or true accepts anything, false nothing.
func (x *checker) slotBackward(os, ns *ir.Schema) Verdict {
	switch {
	case isTrue(ns):
		return Compatible
	case isFalse(os):
		return Compatible
	case isFalse(ns):
		return Incompatible
	}
	return x.backwardOf(os, ns)
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
