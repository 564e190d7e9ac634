package diff

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

// objects compares properties, required, the content model and counts.
func (x *checker) objects(o, n *ir.Schema, at place) {
	names := map[string]bool{}
	for _, p := range o.Properties {
		names[p.Name] = true
	}
	for _, p := range n.Properties {
		names[p.Name] = true
	}
	// Names only listed in required are judged like properties too.
	for _, r := range o.Required {
		names[r] = true
	}
	for _, r := range n.Required {
		names[r] = true
	}
	var added, removed []string
	for name := range names {
		po, pn := o.Property(name), n.Property(name)
		switch {
		case po == nil && pn != nil:
			added = append(added, name)
		case po != nil && pn == nil:
			removed = append(removed, name)
		}
	}
	renamed := map[string]bool{}
	if len(added) == 1 && len(removed) == 1 {
		po, pn := o.Property(removed[0]), n.Property(added[0])
		if requires(o, po.Name) == requires(n, pn.Name) && x.sameShape(po.Schema, pn.Schema) {
			renamed[po.Name], renamed[pn.Name] = true, true
			c := &change{rule: "payload-property-renamed", facet: "rename|" + at.key(),
				o: operand{s: o, key: po.Name}, n: operand{s: n, key: pn.Name},
				newPtr: child(at.n, "properties", pn.Name), oldPtr: child(at.o, "properties", po.Name),
				newPos: x.new.pos(pn.Pos), oldPos: x.old.pos(po.Pos),
				msg: fmt.Sprintf("property %q was renamed to %q (same shape); stored events keep the old name", po.Name, pn.Name)}
			_, _, c.newRef = locate(x.new, n, "", "properties")
			_, _, c.oldRef = locate(x.old, o, "", "properties")
			x.add(c.values(po.Name, pn.Name, true, true))
		}
	}
	sorted := make([]string, 0, len(names))
	for name := range names {
		sorted = append(sorted, name)
	}
	sort.Strings(sorted)
	for _, name := range sorted {
		if renamed[name] {
			continue
		}
		po, pn := o.Property(name), n.Property(name)
		ro, rn := requires(o, name), requires(n, name)
		var rule, msg string
		switch {
		case po == nil && pn == nil:
			// Only in required lists.
			if ro == rn {
				continue
			}
			rule, msg = "payload-property-became-required", fmt.Sprintf("undeclared property %q became required", name)
			if ro {
				rule, msg = "payload-property-became-optional", fmt.Sprintf("undeclared property %q is no longer required", name)
			}
		case po == nil:
			model, _ := extraSchema(o, name)
			switch {
			case rn && pn.Schema.HasDefault:
				rule = "payload-required-property-with-default-added"
			case rn:
				rule = "payload-required-property-added"
			case model == modelOpen:
				rule = "payload-property-added-to-open-model"
			case model == modelClosed:
				rule = "payload-property-added-to-closed-model"
			default:
				rule = "payload-property-added-to-partially-open-model"
			}
			req := "optional"
			if rn {
				req = "required"
			}
			msg = fmt.Sprintf("%s property %q was added to %s model", req, name, article(model.String()))
		case pn == nil:
			model, _ := extraSchema(n, name)
			switch {
			case ro:
				rule = "payload-required-property-removed"
			case model == modelOpen:
				rule = "payload-property-removed-from-open-model"
			case model == modelClosed:
				rule = "payload-property-removed-from-closed-model"
			default:
				rule = "payload-property-removed-from-partially-open-model"
			}
			req := "optional"
			if ro {
				req = "required"
			}
			msg = fmt.Sprintf("%s property %q was removed from %s model", req, name, article(model.String()))
			if model == modelOpen && !ro {
				msg += "; reserve the name so that it is never reused with another type"
			}
		default:
			if ro != rn {
				rule, msg = "payload-property-became-required", fmt.Sprintf("property %q became required", name)
				if ro {
					rule, msg = "payload-property-became-optional", fmt.Sprintf("property %q is no longer required", name)
				}
			}
		}
		if rule != "" {
			c := &change{rule: rule, facet: "prop:" + name + "|" + at.key(), o: operand{s: o, key: name}, n: operand{s: n, key: name}, msg: msg}
			c.newPtr, c.oldPtr = child(at.n, "properties", name), child(at.o, "properties", name)
			c.newPos, c.oldPos = x.propPos(x.new, n, pn, rule), x.propPos(x.old, o, po, rule)
			_, _, c.newRef = locate(x.new, n, "", "properties")
			_, _, c.oldRef = locate(x.old, o, "", "properties")
			if pn == nil {
				c.newPtr = at.n
			}
			if po == nil {
				c.oldPtr = at.o
			}
			x.add(c.values(ro, rn, po != nil, pn != nil))
		}
		if po != nil && pn != nil {
			x.schemas(po.Schema, pn.Schema, at.child("properties", name))
		}
	}
	x.additional(o, n, at)
	x.patternProps(o, n, at)
	x.bounds(o, n, at, "min-properties", "minProperties")
	x.bounds(o, n, at, "max-properties", "maxProperties")
}

// propPos is where a property change shows on one side: the property's key,
// else the required list for required-only changes, else the parent.
func (x *checker) propPos(side *Side, parent *ir.Schema, p *ir.Property, rule string) location.Pos {
	if parent == nil || parent == anything {
		return location.Pos{}
	}
	switch {
	case p != nil && (rule == "payload-property-became-required" || rule == "payload-property-became-optional") && parent.Has("required"):
		return side.pos(parent.RequiredPos)
	case p != nil:
		return side.pos(p.Pos)
	case parent.Has("properties"):
		return side.pos(parent.KeywordPos("properties"))
	}
	return side.pos(parent.Pos)
}

// additional compares additionalProperties: the content model.
func (x *checker) additional(o, n *ir.Schema, at place) {
	oa, na := o.AdditionalProperties, n.AdditionalProperties
	switch {
	case isTrue(oa) && isTrue(na):
		return
	case isFalse(oa) && isFalse(na):
		return
	case !isTrue(oa) && !isFalse(oa) && !isTrue(na) && !isFalse(na):
		x.schemas(oa, na, at.child("additionalProperties"))
		return
	}
	var rule, msg string
	switch {
	case isFalse(na):
		rule, msg = "payload-model-closed", "additionalProperties: false closes the model; stored events with other keys fail"
	case isFalse(oa):
		rule, msg = "payload-model-opened", "the model is no longer closed (additionalProperties: false removed)"
	case isTrue(oa):
		rule, msg = "payload-additional-properties-narrowed", "additionalProperties now constrains every undeclared key"
	default:
		rule, msg = "payload-additional-properties-widened", "the additionalProperties schema was dropped; undeclared keys are free"
	}
	x.add(x.schemaChange(rule, "additionalProperties", o, n, at, "additionalProperties", msg))
}

func (x *checker) patternProps(o, n *ir.Schema, at place) {
	pats := map[string]bool{}
	find := func(s *ir.Schema, p string) *ir.PatternProperty {
		for _, pp := range s.PatternProperties {
			if pp.Pattern == p {
				return pp
			}
		}
		return nil
	}
	for _, pp := range o.PatternProperties {
		pats[pp.Pattern] = true
	}
	for _, pp := range n.PatternProperties {
		pats[pp.Pattern] = true
	}
	for _, p := range sortedKeys(pats) {
		po, pn := find(o, p), find(n, p)
		if po != nil && pn != nil {
			x.schemas(po.Schema, pn.Schema, at.child("patternProperties", p))
			continue
		}
		rule, msg := "payload-pattern-property-added", fmt.Sprintf("patternProperties %q now constrains matching keys", p)
		if pn == nil {
			rule, msg = "payload-pattern-property-removed", fmt.Sprintf("patternProperties %q was removed", p)
		}
		c := x.schemaChange(rule, "patternProperties:"+p, o, n, at, "patternProperties", msg)
		c.o.key, c.n.key = p, p
		x.add(c)
	}
}

// sameShape reports whether two schemas are equal apart from annotations
// (for rename detection).
func (x *checker) sameShape(a, b *ir.Schema) bool {
	return x.shape(a) == x.shape(b)
}

// shapeJSON is the canonical JSON of a schema's effective form without
// annotations.
func (x *checker) shapeJSON(s *ir.Schema) []byte {
	return shapeJSON(s, x.flat)
}

func shapeJSON(s *ir.Schema, flat *ir.Flattener) []byte {
	v := stripAnnotations(flat.Canonical(s))
	b, _ := json.Marshal(v)
	return b
}

func stripAnnotations(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			switch k {
			case "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly", "contentMediaType", "contentEncoding":
				continue
			case "properties", "patternProperties", "definitions", "dependencies":
				if m, ok := e.(map[string]any); ok {
					sub := make(map[string]any, len(m))
					for name, s := range m {
						sub[name] = stripAnnotations(s)
					}
					out[k] = sub
					continue
				}
			}
			out[k] = stripAnnotations(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = stripAnnotations(e)
		}
		return out
	}
	return v
}

func article(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}
