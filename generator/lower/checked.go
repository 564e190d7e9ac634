package lower

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/source"
	"github.com/asyncgen/asyncgen/generator/spec"
)

// checkedSchemas lowers the schemas lint validates although no event
// payload reaches them: the headers of every event, and every schema in
// components (schemas, message payloads and headers, message trait
// headers, parameters) and channel parameters, whether anything refers to
// it or not. A contract is checked whole, as the official parser checks
// it: a typo in a schema nothing uses yet is still a typo.
//
// It runs after every name is decided: these schemas become no Go or SQL
// code, so they must not change a name that does. A schema an event also
// reaches is the same ir.Schema (one per location), lowered before.
func (lw *lowerer) checkedSchemas(set *spec.Set) {
	for _, u := range lw.uses {
		lw.messageParts(u.mu.Target, u.mu.Node, fmt.Sprintf("event %q", u.ev.Type), false)
	}
	docs := map[string]bool{}
	for _, doc := range set.Documents {
		docs[doc.Abs] = true
		lw.components(doc.Target)
		lw.channelParameters(doc.Target)
	}
	// Fragments read through a $ref may hold components too (the
	// domains/*.yaml of a multi-file tree).
	files := lw.l.Files()
	var fragments []string
	for abs, f := range files {
		if !docs[abs] && lw.l.Referenced(abs) && f.Root.Kind == source.Object && !f.Root.Has("asyncapi") {
			fragments = append(fragments, abs)
		}
	}
	sort.Strings(fragments)
	for _, abs := range fragments {
		f := files[abs]
		lw.components(spec.Target{Abs: abs, File: f, Node: f.Root})
	}
}

// messageParts lowers the headers of message m (defined at t, traits
// applied) and, unless the message is an event (whose payload lower read
// already), its payload, each with the examples' values for it.
func (lw *lowerer) messageParts(t spec.Target, m *source.Node, owner string, withPayload bool) {
	parts := []string{"headers"}
	if withPayload && isJSONSchemaFormat(m.Get("schemaFormat")) {
		// headers are always an AsyncAPI schema; schemaFormat is the payload's
		parts = []string{"payload", "headers"}
	}
	for _, part := range parts {
		f := m.Field(part)
		if f == nil {
			continue
		}
		s := lw.schema(lw.partTarget(t, part, f.Value))
		if s.Bool != nil && *s.Bool {
			continue // accepts everything (or stands in for an unresolved $ref)
		}
		lw.set.Checked = append(lw.set.Checked, &ir.Checked{Schema: s, Part: part, Owner: owner, Examples: lw.messageExamples(t, m, part)})
	}
}

// partTarget is where the value n of a message's part (headers) is written:
// in the message defined at t, or in the trait it came from; a value that
// merges several objects is written nowhere and keeps the message's place.
func (lw *lowerer) partTarget(t spec.Target, part string, n *source.Node) spec.Target {
	own := t.Child(part, n)
	if f := t.Node.Field(part); f != nil && f.Value == n {
		return own
	}
	traits := t.Node.Get("traits")
	if traits == nil || traits.Kind != source.Array {
		return own
	}
	for i, tr := range traits.Items {
		rt, ok := lw.l.Deref(t.Child("traits", traits).Child(strconv.Itoa(i), tr))
		if !ok || rt.Node.Kind != source.Object {
			continue
		}
		if f := rt.Node.Field(part); f != nil && f.Value == n {
			return rt.Child(part, n)
		}
	}
	return own
}

// components lowers every schema under root's components object.
func (lw *lowerer) components(root spec.Target) {
	ct, ok := lw.object(root, "components")
	if !ok {
		return
	}
	if kt, ok := lw.object(ct, "schemas"); ok {
		for _, f := range kt.Node.Fields {
			lw.schema(kt.Child(f.Key, f.Value))
		}
	}
	if kt, ok := lw.object(ct, "messages"); ok {
		for _, f := range kt.Node.Fields {
			mt, ok := lw.l.Deref(kt.Child(f.Key, f.Value))
			if !ok || mt.Node.Kind != source.Object || lw.byDefinition[mt.Key()] != nil {
				continue // an event: checked as one
			}
			lw.messageParts(mt, lw.l.ApplyTraits(mt), fmt.Sprintf("message %q", f.Key), true)
		}
	}
	if kt, ok := lw.object(ct, "messageTraits"); ok {
		for _, f := range kt.Node.Fields {
			if tt, ok := lw.l.Deref(kt.Child(f.Key, f.Value)); ok && tt.Node.Kind == source.Object {
				lw.messageParts(tt, tt.Node, fmt.Sprintf("message trait %q", f.Key), false)
			}
		}
	}
	if kt, ok := lw.object(ct, "parameters"); ok {
		lw.parameters(kt)
	}
}

// channelParameters lowers the schema of every parameter of doc's channels.
func (lw *lowerer) channelParameters(doc spec.Target) {
	cht, ok := lw.object(doc, "channels")
	if !ok {
		return
	}
	for _, ch := range cht.Node.Fields {
		item, ok := lw.l.Deref(cht.Child(ch.Key, ch.Value))
		if !ok || item.Node.Kind != source.Object {
			continue
		}
		if pt, ok := lw.object(item, "parameters"); ok {
			lw.parameters(pt)
		}
	}
}

// parameters lowers the schema of each Parameter Object of a map.
func (lw *lowerer) parameters(params spec.Target) {
	for _, f := range params.Node.Fields {
		pt, ok := lw.l.Deref(params.Child(f.Key, f.Value))
		if !ok || pt.Node.Kind != source.Object {
			continue
		}
		if s := pt.Node.Field("schema"); s != nil {
			lw.schema(pt.Child("schema", s.Value))
		}
	}
}

// object returns the object under key of t's node, following $refs.
func (lw *lowerer) object(t spec.Target, key string) (spec.Target, bool) {
	raw := t.Node.Get(key)
	if raw == nil {
		return spec.Target{}, false
	}
	rt, ok := lw.l.Deref(t.Child(key, raw))
	return rt, ok && rt.Node.Kind == source.Object
}
