package diff

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// unions compares oneOf or anyOf branch lists. Branches are paired by
// their const/discriminator tag, then by identical shape, then by best
// structural match; an absent union stands for one branch accepting anything.
func (x *checker) unions(o, n *ir.Schema, at place, kw string, ol, nl []*ir.Schema) {
	if len(ol) == 0 && len(nl) == 0 {
		return
	}
	ol, nl = x.effList(ol), x.effList(nl)
	oSynthetic, nSynthetic := len(ol) == 0, len(nl) == 0
	if oSynthetic {
		ol = []*ir.Schema{anything}
	}
	if nSynthetic {
		nl = []*ir.Schema{anything}
	}
	ptr := func(base string, synthetic bool, i int) string {
		if synthetic {
			return base
		}
		return childIndex(child(base, kw), i)
	}
	pairs, oFree, nFree := x.pairBranches(o, n, ol, nl, true)
	for _, p := range pairs {
		x.schemas(ol[p[0]], nl[p[1]], place{n: ptr(at.n, nSynthetic, p[1]), o: ptr(at.o, oSynthetic, p[0])})
	}
	for _, i := range oFree {
		b := ol[i]
		c := &change{rule: "payload-branch-removed", facet: "branch:" + kw + ":" + ptr(at.o, oSynthetic, i) + "|" + at.key(),
			o: operand{s: o, key: kw, val: b, set: ol}, n: operand{s: n, key: kw, set: nl},
			msg: fmt.Sprintf("%s branch %d (%s) was removed", kw, i, describe(b))}
		c.newPtr, c.newPos, c.newRef = locate(x.new, n, at.n, kw)
		c.oldPtr, c.oldPos, c.oldRef = locate(x.old, b, ptr(at.o, oSynthetic, i), "")
		x.add(c)
	}
	for _, j := range nFree {
		b := nl[j]
		c := &change{rule: "payload-branch-added", facet: "branch:" + kw + ":" + ptr(at.n, nSynthetic, j) + "|" + at.key(),
			o: operand{s: o, key: kw, set: ol}, n: operand{s: n, key: kw, val: b, set: nl},
			msg: fmt.Sprintf("%s branch %d (%s) was added", kw, j, describe(b))}
		c.o.side, c.n.side = x.old, x.new
		if kw == "oneOf" && branchBackward(x, &c.o, &c.n) != Compatible {
			c.rule = "payload-overlapping-branch-added"
			c.msg = fmt.Sprintf("oneOf branch %d (%s) was added and may overlap an existing branch; values matching both fail oneOf", j, describe(b))
		}
		c.newPtr, c.newPos, c.newRef = locate(x.new, b, ptr(at.n, nSynthetic, j), "")
		c.oldPtr, c.oldPos, c.oldRef = locate(x.old, o, at.o, kw)
		x.add(c)
	}
}

// allOf compares allOf members, paired by shape then best structural match.
func (x *checker) allOf(o, n *ir.Schema, at place) {
	ol, nl := x.effList(o.AllOf), x.effList(n.AllOf)
	if len(ol) == 0 && len(nl) == 0 {
		return
	}
	pairs, oFree, nFree := x.pairBranches(o, n, ol, nl, false)
	for _, p := range pairs {
		x.schemas(ol[p[0]], nl[p[1]], place{n: childIndex(child(at.n, "allOf"), p[1]), o: childIndex(child(at.o, "allOf"), p[0])})
	}
	for _, i := range oFree {
		b := ol[i]
		c := &change{rule: "payload-all-of-removed", facet: "allOf:" + childIndex(child(at.o, "allOf"), i) + "|" + at.key(),
			o: operand{s: o, val: b, set: ol}, n: operand{s: n, set: nl},
			msg: fmt.Sprintf("an allOf member (%s) that does not merge with the others was removed", describe(b))}
		c.newPtr, c.newPos, c.newRef = locate(x.new, n, at.n, "allOf")
		c.oldPtr, c.oldPos, c.oldRef = locate(x.old, b, childIndex(child(at.o, "allOf"), i), "")
		x.add(c)
	}
	for _, j := range nFree {
		b := nl[j]
		c := &change{rule: "payload-all-of-added", facet: "allOf:" + childIndex(child(at.n, "allOf"), j) + "|" + at.key(),
			o: operand{s: o, set: ol}, n: operand{s: n, val: b, set: nl},
			msg: fmt.Sprintf("an allOf member (%s) that does not merge with the others was added", describe(b))}
		c.newPtr, c.newPos, c.newRef = locate(x.new, b, childIndex(child(at.n, "allOf"), j), "")
		c.oldPtr, c.oldPos, c.oldRef = locate(x.old, o, at.o, "allOf")
		x.add(c)
	}
}

// pairBranches pairs old and new branches: by tag (discriminator or a
// const property every branch has), by identical shape, then greedily by
// fewest differences among branches whose types intersect.
func (x *checker) pairBranches(o, n *ir.Schema, ol, nl []*ir.Schema, tagged bool) (pairs [][2]int, oFree, nFree []int) {
	oUsed, nUsed := make([]bool, len(ol)), make([]bool, len(nl))
	match := func(i, j int) {
		oUsed[i], nUsed[j] = true, true
		pairs = append(pairs, [2]int{i, j})
	}
	if tagged {
		if prop := tagProperty(o, n, ol, nl); prop != "" {
			for i, ob := range ol {
				ot, ok := branchTag(ob, prop)
				if !ok {
					continue
				}
				for j, nb := range nl {
					if nt, ok := branchTag(nb, prop); ok && !nUsed[j] && ir.JSONEqual(ot, nt) {
						match(i, j)
						break
					}
				}
			}
		}
	}
	shapes := func(l []*ir.Schema) []string {
		out := make([]string, len(l))
		for i, s := range l {
			out[i] = x.shape(s)
		}
		return out
	}
	os, ns := shapes(ol), shapes(nl)
	for i := range ol {
		if oUsed[i] {
			continue
		}
		for j := range nl {
			if !nUsed[j] && os[i] == ns[j] {
				match(i, j)
				break
			}
		}
	}
	type cand struct{ i, j, cost int }
	var cands []cand
	for i, ob := range ol {
		for j, nb := range nl {
			if oUsed[i] || nUsed[j] || typesDisjoint(typesOf(ob), typesOf(nb)) {
				continue
			}
			cands = append(cands, cand{i, j, x.countChanges(ob, nb)})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].cost < cands[b].cost })
	for _, c := range cands {
		if !oUsed[c.i] && !nUsed[c.j] {
			match(c.i, c.j)
		}
	}
	for i := range ol {
		if !oUsed[i] {
			oFree = append(oFree, i)
		}
	}
	for j := range nl {
		if !nUsed[j] {
			nFree = append(nFree, j)
		}
	}
	sort.Slice(pairs, func(a, b int) bool { return pairs[a][1] < pairs[b][1] })
	return pairs, oFree, nFree
}

// countChanges counts the changes between two schemas (a structural distance).
func (x *checker) countChanges(o, n *ir.Schema) int {
	sub := x.sub()
	sub.counting = true
	sub.schemas(o, n, place{})
	return sub.count
}

// tagProperty finds the property that tells branches apart: the
// discriminator, else a property with a const (or one-value enum) in every
// branch of both sides.
func tagProperty(o, n *ir.Schema, ol, nl []*ir.Schema) string {
	if n.Discriminator != "" {
		return n.Discriminator
	}
	if o.Discriminator != "" {
		return o.Discriminator
	}
	all := append(append([]*ir.Schema(nil), ol...), nl...)
	if len(all) == 0 {
		return ""
	}
	var candidates []string
	for _, p := range branchProperties(all[0]) {
		candidates = append(candidates, p.Name)
	}
	sort.Strings(candidates)
	for _, name := range candidates {
		ok := true
		for _, b := range all {
			if _, has := branchTag(b, name); !has {
				ok = false
				break
			}
		}
		if ok {
			return name
		}
	}
	return ""
}

// branchProperties lists a branch's properties, allOf members' included.
func branchProperties(s *ir.Schema) []*ir.Property {
	out := append([]*ir.Property(nil), s.Properties...)
	for _, m := range s.AllOf {
		out = append(out, m.Properties...)
	}
	return out
}

// branchTag returns the const (or only enum value) of a branch's property.
func branchTag(s *ir.Schema, prop string) (any, bool) {
	for _, p := range branchProperties(s) {
		if p.Name != prop {
			continue
		}
		if vals, ok := allowedValues(p.Schema); ok && len(vals) == 1 {
			return vals[0], true
		}
	}
	return nil, false
}

// describe names a branch briefly for messages.
func describe(s *ir.Schema) string {
	if s == nil || s == anything {
		return "any value"
	}
	var parts []string
	if t := typesOf(s); t != nil {
		parts = append(parts, strings.Join(t, "|"))
	}
	if s.HasConst {
		parts = append(parts, "const "+render(s.Const))
	}
	if s.Format != "" {
		parts = append(parts, "format "+s.Format)
	}
	for _, p := range s.Properties {
		if vals, ok := allowedValues(p.Schema); ok && len(vals) == 1 {
			parts = append(parts, p.Name+"="+render(vals[0]))
			break
		}
	}
	if s.Title != "" {
		parts = append(parts, render(s.Title))
	}
	if len(parts) == 0 {
		return "schema"
	}
	return strings.Join(parts, ", ")
}

type overlapKind int8

const (
	disjoint overlapKind = iota
	overlaps
	maybeOverlaps
)

func overlapVerdict(k overlapKind) Verdict {
	return [...]Verdict{Compatible, Incompatible, Unknown}[k]
}

// overlap decides whether some value is valid under both schemas: disjoint
// when types, consts/enums or required tags conflict; overlapping when one
// includes the other; otherwise unknown.
func (x *checker) overlap(a, b *ir.Schema) overlapKind {
	a, b = x.eff(a), x.eff(b)
	if isFalse(a) || isFalse(b) || typesDisjoint(typesOf(a), typesOf(b)) {
		return disjoint
	}
	if valuesDisjoint(a, b) {
		return disjoint
	}
	for _, p := range branchProperties(a) {
		for _, q := range branchProperties(b) {
			if p.Name == q.Name && requiresAny(a, p.Name) && requiresAny(b, q.Name) && valuesDisjoint(p.Schema, q.Schema) {
				return disjoint
			}
		}
	}
	if closedConflict(a, b) || closedConflict(b, a) {
		return disjoint
	}
	if x.backwardOf(a, b) == Compatible || x.backwardOf(b, a) == Compatible {
		return overlaps
	}
	return maybeOverlaps
}

// valuesDisjoint: both schemas admit finite value sets (const/enum) or
// types that share no value.
func valuesDisjoint(a, b *ir.Schema) bool {
	if typesDisjoint(typesOf(a), typesOf(b)) {
		return true
	}
	va, fa := allowedValues(a)
	vb, fb := allowedValues(b)
	switch {
	case fa && fb:
		for _, v := range va {
			if containsValue(vb, v) {
				return false
			}
		}
		return true
	case fa:
		return noneOfType(va, typesOf(b))
	case fb:
		return noneOfType(vb, typesOf(a))
	}
	return false
}

func noneOfType(vals []any, types []string) bool {
	if types == nil {
		return false
	}
	for _, v := range vals {
		if acceptsType(types, jsonType(v)) {
			return false
		}
	}
	return true
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return "integer"
		}
		if r, ok := ir.NumberValue(x); ok && r.IsInt() {
			return "integer"
		}
		return "number"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	}
	return "number"
}

func requiresAny(s *ir.Schema, name string) bool {
	if requires(s, name) {
		return true
	}
	for _, m := range s.AllOf {
		if requires(m, name) {
			return true
		}
	}
	return false
}

// closedConflict: a is a closed object and b requires a key a does not allow.
func closedConflict(a, b *ir.Schema) bool {
	if strings.Join(typesOf(a), ",") != "object" || strings.Join(typesOf(b), ",") != "object" {
		return false
	}
	for _, r := range b.Required {
		if a.Property(r) != nil {
			continue
		}
		if model, _ := extraSchema(a, r); model == modelClosed {
			return true
		}
	}
	return false
}
