package lower

import (
	"fmt"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/jsonpointer"
)

// nameSchemas gives every schema its Go name: the component key it is
// defined under, else its title, else a name from its first place in event
// order (OrganizationUnitCreationData + address → …DataAddress).
func (lw *lowerer) nameSchemas() {
	for _, s := range lw.set.Schemas {
		if key := schemaKey(s.Pointer); key != "" {
			if n := lw.goName(key); n != "" {
				s.GoName, s.NameFrom = n, "key"
			}
		}
	}
	done := map[*ir.Schema]bool{}
	for _, ev := range lw.set.Events {
		if ev.Envelope {
			lw.name(ev.Payload, ev.GoName, done)
			lw.name(ev.Data, ev.GoName+"Data", done)
			lw.name(ev.Metadata, ev.GoName+"Metadata", done)
		} else {
			lw.name(ev.Payload, ev.GoName, done)
		}
	}
	// Schemas no event reaches (components only) are named from their place too.
	for _, s := range lw.set.Schemas {
		lw.name(s, lw.goName(lastToken(s.Pointer)), done)
	}
}

// schemaKey returns the key of a schema defined directly in a schemas map
// (components/schemas/X, a fragment's schemas/X or definitions/X) or at the
// top level of a fragment file.
func schemaKey(pointer string) string {
	tokens, err := jsonpointer.Split(pointer)
	if err != nil || len(tokens) == 0 {
		return ""
	}
	if len(tokens) == 1 {
		return tokens[0]
	}
	switch tokens[len(tokens)-2] {
	case "schemas", "definitions":
		return tokens[len(tokens)-1]
	}
	return ""
}

func lastToken(pointer string) string {
	if pointer == "" {
		return "Schema"
	}
	return jsonpointer.Last(pointer)
}

func (lw *lowerer) name(s *ir.Schema, place string, done map[*ir.Schema]bool) {
	lw.nameWith(s, place, "", done)
}

// nameWith names s (if still unnamed) and its children; prefix, when set,
// replaces s's own name as the prefix of its children (inline allOf members
// are flattened into their parent, so their children take the parent's name).
func (lw *lowerer) nameWith(s *ir.Schema, place, prefix string, done map[*ir.Schema]bool) {
	if s == nil || done[s] {
		return
	}
	done[s] = true
	if s.GoName == "" {
		if t := lw.goName(s.Title); t != "" {
			s.GoName, s.NameFrom = t, "title"
		} else {
			if place == "" {
				place = "Schema"
			}
			s.GoName, s.NameFrom = place, "place"
		}
	}
	base := s.GoName
	if prefix != "" && s.NameFrom == "place" {
		base = prefix
	}
	for _, p := range s.Properties {
		p.GoName = lw.goName(p.Name)
		if p.GoName == "" {
			p.GoName = "Field"
		}
		lw.nameChild(p.Schema, base, p.GoName, done)
	}
	lw.nameChild(s.Items, base, "Item", done)
	for i, t := range s.TupleItems {
		lw.name(t, fmt.Sprintf("%sItem%d", base, i), done)
	}
	lw.nameChild(s.AdditionalItems, base, "AdditionalItem", done)
	lw.nameChild(s.AdditionalProperties, base, "Value", done)
	for i, pp := range s.PatternProperties {
		lw.name(pp.Schema, fmt.Sprintf("%sPattern%d", base, i+1), done)
	}
	lw.nameChild(s.PropertyNames, base, "Name", done)
	lw.nameChild(s.Contains, base, "Contains", done)
	for i, m := range s.AllOf {
		lw.nameWith(m, fmt.Sprintf("%sPart%d", base, i+1), base, done)
	}
	for _, list := range [][]*ir.Schema{s.OneOf, s.AnyOf} {
		for i, m := range list {
			lw.name(m, base+lw.branchName(m, i), done)
		}
	}
	lw.nameChild(s.Not, base, "Not", done)
	lw.nameChild(s.If, base, "If", done)
	lw.nameChild(s.Then, base, "Then", done)
	lw.nameChild(s.Else, base, "Else", done)
	for _, d := range s.Dependencies {
		lw.name(d.Schema, base+lw.goName(d.Property)+"Dependency", done)
	}
}

// nameChild names a child schema s of base, building its place name only
// when s still needs naming (most children are nil or already named).
func (lw *lowerer) nameChild(s *ir.Schema, base, suffix string, done map[*ir.Schema]bool) {
	if s == nil || done[s] {
		return
	}
	lw.name(s, base+suffix, done)
}

// branchName names a oneOf/anyOf branch by a const property, else "OptionN".
func (lw *lowerer) branchName(m *ir.Schema, i int) string {
	for _, p := range m.Properties {
		if p.Schema.HasConst {
			if s, ok := p.Schema.Const.(string); ok && lw.goName(s) != "" {
				return lw.goName(s)
			}
		}
	}
	return fmt.Sprintf("Option%d", i+1)
}
