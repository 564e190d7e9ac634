package diff

import (
	"fmt"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// valueList is what a schema says about the values it allows: the values
// it lists (enum, const, or the known values of an open enum) and whether
// it restricts instances to them.
type valueList struct {
	vals []any
	// restricts: values outside vals are invalid (enum or const).
	restricts bool
	// open: consumers must treat the list as open, accepting values they
	// do not know (x-extensible-enum, x-ms-enum modelAsString).
	open bool
	// single: a const (a one-value enum is spelled as one).
	single bool
}

// listsValues is a cheap test for a schema valueList can say anything about.
func listsValues(s *ir.Schema) bool {
	return s.Enum != nil || s.HasConst || s.Has("x-extensible-enum") || s.Has("x-ms-enum")
}

// valueList reads a schema's values.
func (x *checker) valueList(s *ir.Schema) valueList {
	var l valueList
	if !listsValues(s) {
		return l
	}
	if vals, ok := allowedValues(s); ok {
		l.vals, l.restricts, l.single = vals, true, s.HasConst
	}
	known, open := x.openEnum(s)
	l.open = open
	if !l.restricts && known != nil {
		l.vals = known
	}
	return l
}

// openEnum reads the conventions for enums consumers must treat as open:
// Zalando's x-extensible-enum (a list of known values that replaces enum,
// or true next to an enum) and AutoRest's x-ms-enum {modelAsString: true}.
func (x *checker) openEnum(s *ir.Schema) (known []any, open bool) {
	raw := x.raw(s)
	switch v := raw["x-extensible-enum"].(type) {
	case []any:
		return v, true
	case bool:
		open = v
	}
	if m, ok := raw["x-ms-enum"].(map[string]any); ok {
		if b, _ := m["modelAsString"].(bool); b {
			open = true
		}
	}
	return nil, open
}

// valueKeyword is the keyword a side lists its values under, for positions.
func valueKeyword(s *ir.Schema) string {
	switch {
	case s.Has("enum"):
		return "enum"
	case s.Has("const"):
		return "const"
	case s.Has("x-extensible-enum"):
		return "x-extensible-enum"
	}
	return "enum"
}

// values compares the values two schemas list: a const that changed, a
// list introduced or dropped, and values added or removed one by one.
func (x *checker) values(o, n *ir.Schema, at place) {
	if !listsValues(o) && !listsValues(n) {
		return
	}
	ol, nl := x.valueList(o), x.valueList(n)
	okw, nkw := valueKeyword(o), valueKeyword(n)
	kw := nkw
	if !n.Has(nkw) {
		kw = okw
	}
	change := func(rule, facet, msg string) *change {
		return x.schemaChange(rule, facet, o, n, at, kw, msg)
	}
	switch {
	case ol.vals == nil && nl.vals == nil:
		return
	case ol.single && nl.single && !ol.open && !nl.open:
		if !ir.JSONEqual(ol.vals[0], nl.vals[0]) {
			x.add(change("payload-const-changed", "const", fmt.Sprintf("the only allowed value %s became %s", render(ol.vals[0]), render(nl.vals[0]))).
				values(ol.vals[0], nl.vals[0], true, true))
		}
		return
	}
	switch {
	case !ol.restricts && nl.restricts && nl.single:
		x.add(change("payload-const-added", "const", fmt.Sprintf("const %s was added", render(nl.vals[0]))).values(nil, nl.vals[0], false, true))
	case !ol.restricts && nl.restricts:
		x.add(change("payload-enum-added", "enum", fmt.Sprintf("an enum of %d values now restricts the value", len(nl.vals))).values(nil, nl.vals, false, true))
	case ol.restricts && !nl.restricts && ol.single:
		x.add(change("payload-const-removed", "const", fmt.Sprintf("const %s was removed", render(ol.vals[0]))).values(ol.vals[0], nil, true, false))
	case ol.restricts && !nl.restricts:
		x.add(change("payload-enum-removed", "enum", "the enum constraint was removed").values(ol.vals, nil, true, false))
	}
	if ol.vals == nil || nl.vals == nil {
		return // the list as a whole came or went
	}
	// A null that only follows nullability is reported by types.
	nullFollows := containsStr(typesOf(o), "null") != containsStr(typesOf(n), "null")
	added, removed := "payload-enum-value-added", "payload-enum-value-removed"
	what := ""
	if ol.open {
		added, removed, what = "payload-open-enum-value-added", "payload-open-enum-value-removed", " of an open enum"
	}
	for _, v := range ol.vals {
		if !containsValue(nl.vals, v) && !(v == nil && nullFollows) {
			msg := fmt.Sprintf("enum value %s%s was removed", render(v), what)
			if ol.open {
				msg += "; stored events still hold it"
			}
			c := change(removed, "enum-value:"+render(v), msg).values(v, nil, true, false)
			c.o.val, c.n.val = v, v
			x.add(c)
		}
	}
	for _, v := range nl.vals {
		if !containsValue(ol.vals, v) && !(v == nil && nullFollows) {
			msg := fmt.Sprintf("enum value %s%s was added", render(v), what)
			if ol.open {
				msg += "; consumers accept values they do not know"
			}
			c := change(added, "enum-value:"+render(v), msg).values(nil, v, false, true)
			c.o.val, c.n.val = v, v
			x.add(c)
		}
	}
}

// enumValueBackward: a value old events may hold is still valid.
func enumValueBackward(x *checker, o, n *operand) Verdict {
	v := o.val
	ol, nl := x.valueList(o.s), x.valueList(n.s)
	oldCan := !ol.restricts || containsValue(ol.vals, v)
	newAcc := !nl.restricts || containsValue(nl.vals, v)
	return verdictOf(!oldCan || newAcc)
}

// openEnumValueRemovedBackward: a value the writer lists must still be
// listed by the reader. Stored events hold it, and a reader that no
// longer knows it loses its meaning, open enum or not.
func openEnumValueRemovedBackward(x *checker, o, n *operand) Verdict {
	v := o.val
	return verdictOf(!containsValue(x.valueList(o.s).vals, v) || containsValue(x.valueList(n.s).vals, v))
}

// valuesWithinBackward: when the new schema restricts values (enum or
// const), every value the old one allows is among them.
func valuesWithinBackward(x *checker, o, n *operand) Verdict {
	nl := x.valueList(n.s)
	if !nl.restricts {
		return Compatible
	}
	ol := x.valueList(o.s)
	if !ol.restricts {
		return Incompatible
	}
	for _, v := range ol.vals {
		if !containsValue(nl.vals, v) {
			return Incompatible
		}
	}
	return Compatible
}
