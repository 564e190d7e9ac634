package diff

import (
	"math/big"
	"strings"

	"github.com/asyncgen/asyncgen/generator/formats"
	"github.com/asyncgen/asyncgen/generator/ir"
)

// operand is one side of a change as a rule's backward check sees it. Which
// fields are set depends on the rule: the schema holding the keyword, a
// property name or facet, a value (enum value, branch), a list of siblings.
type operand struct {
	side *Side
	s    *ir.Schema   // schema holding the changed keyword (parent object for properties)
	key  string       // property name, pattern, bound facet, union keyword
	val  any          // enum value, document value, branch or member schema
	set  []*ir.Schema // the union's branches or allOf members on this side
	list []string     // event types a channel or operation carries
	ev   *Event
}

func alwaysCompatible(*checker, *operand, *operand) Verdict   { return Compatible }
func alwaysIncompatible(*checker, *operand, *operand) Verdict { return Incompatible }
func alwaysUnknown(*checker, *operand, *operand) Verdict      { return Unknown }

// sameValueBackward: any difference breaks both directions.
func sameValueBackward(_ *checker, o, n *operand) Verdict {
	return verdictOf(ir.JSONEqual(o.val, n.val))
}

// schemaFormatBackward: the same normalized schema format is compatible.
func schemaFormatBackward(_ *checker, o, n *operand) Verdict {
	a, _ := o.val.(string)
	b, _ := n.val.(string)
	return verdictOf(normalSchemaFormat(a) == normalSchemaFormat(b))
}

// normalSchemaFormat maps every JSON-Schema-compatible schemaFormat (the
// AsyncAPI default of any 2.x version, schema+json/yaml draft-07) to one name.
func normalSchemaFormat(f string) string {
	f = strings.ToLower(strings.TrimSpace(f))
	switch {
	case f == "", strings.HasPrefix(f, "application/vnd.aai.asyncapi"):
		return "jsonschema-draft-07"
	case strings.HasPrefix(f, "application/schema+json"), strings.HasPrefix(f, "application/schema+yaml"):
		if strings.Contains(f, "version=") && !strings.Contains(f, "draft-07") {
			return f
		}
		return "jsonschema-draft-07"
	}
	return f
}

// carriedBackward: every event type the old channel or operation carried is
// still readable somewhere in the new contracts (stored events replay).
func carriedBackward(_ *checker, o, n *operand) Verdict {
	for _, t := range o.list {
		if n.side.Event(t) == nil {
			return Incompatible
		}
	}
	return Compatible
}

// presenceBackward: an event type the old side has must exist in the new.
func presenceBackward(_ *checker, o, n *operand) Verdict {
	return verdictOf(o.ev == nil || n.ev != nil)
}

// headersBackward compares header schemas as an optional slot (absent
// headers accept anything).
func headersBackward(x *checker, o, n *operand) Verdict {
	var os, ns *ir.Schema
	if o.ev != nil {
		os = o.ev.Headers
	}
	if n.ev != nil {
		ns = n.ev.Headers
	}
	return x.slotBackward(os, ns)
}

// typeBackward: every type the old schema admits is admitted by the new.
func typeBackward(_ *checker, o, n *operand) Verdict {
	return verdictOf(typeSetWithin(typesOf(o.s), typesOf(n.s)))
}

// formatBackward: formats the generated validators assert narrow; other
// formats are annotations whose change cannot be judged.
func formatBackward(_ *checker, o, n *operand) Verdict {
	fo, fn := o.s.Format, n.s.Format
	switch {
	case fn == "" || fn == fo:
		return Compatible
	case !formats.Checked(fn):
		return Unknown
	case fo != "" && formatWithin[[2]string{fo, fn}]:
		return Compatible
	}
	return Incompatible
}

// patternBackward: adding a pattern narrows, removing widens, changing
// cannot be decided (regex inclusion).
func patternBackward(_ *checker, o, n *operand) Verdict {
	switch po, pn := o.s.Pattern, n.s.Pattern; {
	case pn == "" || po == pn:
		return Compatible
	case po == "":
		return Incompatible
	}
	return Unknown
}

// bound returns the integer bound a facet names.
func bound(s *ir.Schema, facet string) *int64 {
	switch facet {
	case "min-length":
		return s.MinLength
	case "max-length":
		return s.MaxLength
	case "min-items":
		return s.MinItems
	case "max-items":
		return s.MaxItems
	case "min-properties":
		return s.MinProperties
	case "max-properties":
		return s.MaxProperties
	}
	return nil
}

// boundBackward: the new bound admits every length or count the old did.
func boundBackward(_ *checker, o, n *operand) Verdict {
	lower := strings.HasPrefix(o.key, "min-")
	ob, nb := bound(o.s, o.key), bound(n.s, o.key)
	switch {
	case nb == nil:
		return Compatible
	case ob == nil:
		return verdictOf(lower && *nb == 0)
	case lower:
		return verdictOf(*nb <= *ob)
	}
	return verdictOf(*nb >= *ob)
}

// numBound is an effective numeric bound: a value and whether it is exclusive.
type numBound struct {
	v    *big.Rat
	excl bool
	kw   string // the keyword that sets it
}

// numberBound combines minimum/exclusiveMinimum (or the maximum pair) into
// the tighter of the two.
func numberBound(s *ir.Schema, lower bool) *numBound {
	incl, excl, ik, ek := s.Maximum, s.ExclusiveMaximum, "maximum", "exclusiveMaximum"
	if lower {
		incl, excl, ik, ek = s.Minimum, s.ExclusiveMinimum, "minimum", "exclusiveMinimum"
	}
	var b *numBound
	if r, ok := ir.NumberText(incl); ok {
		b = &numBound{v: r, kw: ik}
	}
	if r, ok := ir.NumberText(excl); ok {
		c := r.Cmp(zeroIfNil(b))
		if b == nil || (lower && c >= 0) || (!lower && c <= 0) {
			b = &numBound{v: r, excl: true, kw: ek}
		}
	}
	return b
}

func zeroIfNil(b *numBound) *big.Rat {
	if b == nil {
		return new(big.Rat)
	}
	return b.v
}

// numberBoundBackward: the new bound admits every number the old did.
func numberBoundBackward(_ *checker, o, n *operand) Verdict {
	lower := o.key == "minimum"
	ob, nb := numberBound(o.s, lower), numberBound(n.s, lower)
	switch {
	case nb == nil:
		return Compatible
	case ob == nil:
		return Incompatible
	}
	c := nb.v.Cmp(ob.v)
	if !lower {
		c = -c
	}
	switch {
	case c < 0:
		return Compatible
	case c > 0:
		return Incompatible
	}
	return verdictOf(!nb.excl || ob.excl)
}

// multipleOfBackward: compatible when the old divisor is a multiple of the new.
func multipleOfBackward(_ *checker, o, n *operand) Verdict {
	nm, ok := ir.NumberText(n.s.MultipleOf)
	if !ok || nm.Sign() == 0 {
		return Compatible
	}
	om, ok := ir.NumberText(o.s.MultipleOf)
	if !ok {
		return Incompatible
	}
	return verdictOf(new(big.Rat).Quo(om, nm).IsInt())
}

// uniqueBackward: uniqueItems narrows.
func uniqueBackward(_ *checker, o, n *operand) Verdict {
	return verdictOf(!n.s.UniqueItems || o.s.UniqueItems)
}

// itemsBackward compares items as an optional slot.
func itemsBackward(x *checker, o, n *operand) Verdict {
	return x.slotBackward(o.s.Items, n.s.Items)
}

// additionalBackward compares additionalProperties as an optional slot:
// absent or true accepts anything, false nothing.
func additionalBackward(x *checker, o, n *operand) Verdict {
	return x.slotBackward(o.s.AdditionalProperties, n.s.AdditionalProperties)
}

// patternPropertyBackward: keys matching the pattern were governed by the
// old entry (or old additionalProperties) and now by the new one.
func patternPropertyBackward(x *checker, o, n *operand) Verdict {
	govern := func(s *ir.Schema) *ir.Schema {
		for _, pp := range s.PatternProperties {
			if pp.Pattern == o.key {
				return pp.Schema
			}
		}
		return s.AdditionalProperties
	}
	return x.slotBackward(govern(o.s), govern(n.s))
}

// propertyBackward judges one property name across two object schemas:
// required-ness, and what each side does with the key when it does not
// declare it (content model and policy).
func propertyBackward(x *checker, o, n *operand) Verdict {
	k := o.key
	po, pn := o.s.Property(k), n.s.Property(k)
	if requires(n.s, k) && !requires(o.s, k) {
		return Incompatible // old events may lack it
	}
	switch {
	case po == nil && pn != nil:
		// Old events may carry k as an undeclared key.
		model, extra := extraSchema(o.s, k)
		switch model {
		case modelClosed:
			return Compatible
		case modelOpen:
			if x.opt.ContentModel == Lenient {
				return Compatible
			}
			return x.backwardOf(nil, pn.Schema)
		}
		return x.backwardOf(extra, pn.Schema)
	case po != nil && pn == nil:
		// Old events may carry k; the new schema no longer declares it.
		model, extra := extraSchema(n.s, k)
		switch model {
		case modelClosed:
			return Incompatible
		case modelOpen:
			return Compatible
		}
		return x.backwardOf(po.Schema, extra)
	}
	return Compatible
}

// branchBackward judges one unpaired oneOf/anyOf branch. A branch only in
// the old union: its events must match (exactly one, for oneOf) new branch.
// A branch only in the new union: for oneOf, old events must not start
// matching it as well as their own branch.
func branchBackward(x *checker, o, n *operand) Verdict {
	oneOf := o.key == "oneOf"
	ob, _ := o.val.(*ir.Schema)
	nb, _ := n.val.(*ir.Schema)
	switch {
	case ob != nil && nb == nil:
		best, cover := Incompatible, -1
		for i, b := range n.set {
			if v := x.backwardOf(ob, b); v < best {
				best, cover = v, i
			}
		}
		if best != Compatible || !oneOf {
			return best
		}
		v := Compatible
		for i, b := range n.set {
			if i != cover {
				v = worse(v, overlapVerdict(x.overlap(ob, b)))
			}
		}
		return v
	case nb != nil && ob == nil:
		if !oneOf {
			return Compatible
		}
		v := Compatible
		for _, b := range o.set {
			v = worse(v, overlapVerdict(x.overlap(b, nb)))
		}
		return v
	}
	return Compatible
}

// allOfBackward: an added member must already hold for old events (some
// old member implies it); removing a member only relaxes.
func allOfBackward(x *checker, o, n *operand) Verdict {
	m, _ := n.val.(*ir.Schema)
	if m == nil || o.val != nil {
		return Compatible
	}
	for _, om := range o.set {
		if x.backwardOf(om, m) == Compatible {
			return Compatible
		}
	}
	return Incompatible
}
