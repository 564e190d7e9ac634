// Package lower turns loaded AsyncAPI documents into the IR: it decides
// event identity, stream types, envelopes and every Go name, once.
package lower

import (
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ident"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/jsonpointer"
	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/source"
	"github.com/asyncgen/asyncgen/generator/spec"
)

// Rule ids reported while lowering.
const (
	RuleEventTypeMissing = "conventions/event-type-missing"
	RuleProjectionShape  = "conventions/projection-shape"
	RuleStreamType       = "conventions/stream-type"
)

// Options are the configuration lower needs to decide SQL names.
type Options struct {
	// EventStore is the event store table (default domain_events): no
	// projection table may take its name.
	EventStore string
	// TenantColumn is every projection's tenant column (default org_id):
	// lower names its index.
	TenantColumn string
	// NoTenant (sql.tenant: none): projections have no tenant column, so
	// no tenant index and no policy.
	NoTenant bool
	// Initialisms are written in upper case in Go names beside Go's own
	// (go.initialisms: EUR, IBAN …).
	Initialisms []string
	// CreateVerbs are the event-type actions whose default handler creates
	// the projection row (sql.create_verbs); nil means ir.DefaultCreateVerbs.
	CreateVerbs []string
}

func (o Options) withDefaults() Options {
	if o.EventStore == "" {
		o.EventStore = "domain_events"
	}
	if o.TenantColumn == "" {
		o.TenantColumn = "org_id"
	}
	return o
}

type lowerer struct {
	opts    Options
	l       *spec.Loader
	set     *ir.Set
	schemas map[string]*ir.Schema
	// nodes holds each schema's source object, for ir.Set.SchemaJSON.
	nodes map[*ir.Schema]*source.Node
	diags diag.List
	// byDefinition maps a message definition to its first event.
	byDefinition map[string]*ir.Event
	// urls caches fileURL by absolute path: every schema carries its URL.
	urls map[string]string
	// goNameCache remembers GoName results.
	goNameCache map[string]string
	// createVerbs are the actions whose default handler inserts.
	createVerbs map[string]bool
	// uses keeps each event's message, whose headers checkedSchemas lowers
	// once every name is decided.
	uses []eventUse
	// initialisms are the domain's own (go.initialisms), upper case.
	initialisms map[string]bool
}

// eventUse is an event with the message it was lowered from.
type eventUse struct {
	ev *ir.Event
	mu spec.MessageUse
}

// Lower builds the IR of a loaded set with the default Options.
func Lower(s *spec.Set) (*ir.Set, diag.List) { return LowerWith(s, Options{}) }

// LowerWith builds the IR of a loaded set.
func LowerWith(s *spec.Set, o Options) (*ir.Set, diag.List) {
	lw := &lowerer{opts: o.withDefaults(), l: s.Loader, set: &ir.Set{}, schemas: map[string]*ir.Schema{}, nodes: map[*ir.Schema]*source.Node{}, byDefinition: map[string]*ir.Event{}}
	for _, i := range o.Initialisms {
		if lw.initialisms == nil {
			lw.initialisms = map[string]bool{}
		}
		lw.initialisms[strings.ToUpper(i)] = true
	}
	verbs := o.CreateVerbs
	if verbs == nil {
		verbs = ir.DefaultCreateVerbs
	}
	lw.createVerbs = map[string]bool{}
	for _, v := range verbs {
		lw.createVerbs[v] = true
	}
	for _, doc := range s.Documents {
		lw.contract(doc)
	}
	lw.mergeCopies()
	sort.SliceStable(lw.set.Events, func(i, j int) bool { return lw.set.Events[i].Type < lw.set.Events[j].Type })
	streams := map[string]*ir.Stream{}
	routed := map[string]bool{}
	for _, ev := range lw.set.Events {
		// An event type defined twice differently (the versioning rules
		// report it) is routed and registered as its first definition,
		// as the generated Go Decode reads it.
		if routed[ev.Type] {
			continue
		}
		routed[ev.Type] = true
		st := streams[ev.Stream]
		if st == nil {
			st = &ir.Stream{Name: ev.Stream}
			streams[ev.Stream] = st
			lw.set.Streams = append(lw.set.Streams, st)
		}
		st.Events = append(st.Events, ev)
	}
	sort.Slice(lw.set.Streams, func(i, j int) bool { return lw.set.Streams[i].Name < lw.set.Streams[j].Name })
	lw.nameSchemas()
	lw.goNames()
	lw.payloadGoNames()
	lw.sqlNames()
	lw.checkedSchemas(s)
	lw.patternErrors()
	lw.resources()
	return lw.set, lw.diags
}

// fileURL returns the file URL of abs, computed once per file.
func (lw *lowerer) fileURL(abs string) string {
	if u, ok := lw.urls[abs]; ok {
		return u
	}
	if lw.urls == nil {
		lw.urls = map[string]string{}
	}
	u := fileURL(abs)
	lw.urls[abs] = u
	return u
}

func fileURL(abs string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

func (lw *lowerer) contract(doc *spec.Document) {
	c := &ir.Contract{File: doc.File.Path, URL: lw.fileURL(doc.Abs), Pos: doc.Node.Pos, AsyncAPI: doc.Version}
	if raw := doc.Node.Get("info"); raw != nil {
		info := raw
		if t, ok := lw.l.Deref(doc.Target.Child("info", raw)); ok {
			info = t.Node
		}
		c.Title, _ = info.Get("title").StringValue()
		if v := info.Field("version"); v != nil {
			c.Version, c.VersionPos = v.Value.Text(), v.Value.Pos
		}
	}
	lw.set.Contracts = append(lw.set.Contracts, c)
	uses := lw.l.Messages(doc)
	canonical := canonicalUses(uses)
	for _, mu := range uses {
		// One message definition is one event, however many channels carry it.
		key := mu.Target.Key()
		if first := lw.byDefinition[key]; first != nil && first.Contract == c {
			continue
		}
		ev := lw.event(c, canonical[key])
		if lw.byDefinition[key] == nil {
			lw.byDefinition[key] = ev
		}
		c.Events = append(c.Events, ev)
		lw.set.Events = append(lw.set.Events, ev)
	}
}

// canonicalUses picks, for each message definition, the use its event is
// lowered from: its first use, except for a message without a name, whose
// event type is the name of a channel that carries it alone: of those
// channels, the one whose name sorts first. The event type then depends on
// which channels carry the message, not on the order the document lists
// them in, so reordering channels keeps every event type (diff pairs events
// by type; with the first channel, a reformatted document renamed events).
func canonicalUses(uses []spec.MessageUse) map[string]spec.MessageUse {
	out := map[string]spec.MessageUse{}
	for _, mu := range uses {
		key := mu.Target.Key()
		cur, seen := out[key]
		switch {
		case !seen:
			out[key] = mu
		case mu.Siblings == 1 && !named(mu) && (cur.Siblings != 1 || mu.Channel < cur.Channel):
			out[key] = mu
		}
	}
	return out
}

// named tells whether the message has a name, its event type.
func named(mu spec.MessageUse) bool {
	name := mu.Node.Field("name")
	return name != nil && name.Value.Kind == source.String
}

func (lw *lowerer) event(c *ir.Contract, mu spec.MessageUse) *ir.Event {
	m := mu.Node
	ev := &ir.Event{Contract: c, Channel: mu.Channel, Pos: mu.Target.Node.Pos}
	ev.Key, ev.KeyPos = messageKey(mu.Target)
	str := func(k string) string { s, _ := m.Get(k).StringValue(); return s }
	ev.Title, ev.Summary, ev.Description = str("title"), str("summary"), str("description")
	switch name := m.Field("name"); {
	case named(mu):
		ev.Type, ev.TypePos, ev.TypeFrom = name.Value.Str, name.Value.Pos, "name"
	case mu.Siblings == 1:
		ev.Type, ev.TypePos, ev.TypeFrom = mu.Channel, mu.ChannelPos, "channel"
	default:
		fallback := ev.Key
		if id, ok := m.Get("messageId").StringValue(); ok {
			fallback = id
		}
		if fallback == "" {
			fallback = fmt.Sprintf("%s.message%d", mu.Channel, mu.Index+1)
		}
		ev.Type, ev.TypePos, ev.TypeFrom = fallback, ev.Pos, "fallback"
		at := ev.Pos
		if ev.Key != "" {
			at = ev.KeyPos
		}
		lw.diags.Add(at, diag.Error, RuleEventTypeMissing, fmt.Sprintf("cannot tell the event type of this message: channel %q carries %d messages; give it a name such as \"%s\"", mu.Channel, mu.Siblings, suggestType(mu.Channel, fallback)))
	}
	if ev.Key != "" {
		ev.GoName = lw.goName(ev.Key)
	} else {
		ev.GoName = lw.goName(ev.Type)
	}
	if p := m.Field("payload"); p != nil {
		pt := spec.Target{Abs: mu.Target.Abs, File: mu.Target.File, Pointer: mu.Target.Pointer + "/payload", Node: p.Value}
		if !isJSONSchemaFormat(m.Get("schemaFormat")) {
			b := true
			ev.Payload = &ir.Schema{URL: lw.fileURL(pt.Abs), Pointer: pt.Pointer, Pos: p.Value.Pos, Bool: &b}
		} else {
			ev.Payload = lw.schema(pt)
		}
	}
	ev.Data = ev.Payload
	if pl := ev.Payload; pl != nil {
		et, ed := findProperty(pl, "event_type"), findProperty(pl, "event_data")
		if et != nil && ed != nil {
			ev.Envelope, ev.Data = true, ed.Schema
			if md := findProperty(pl, "event_metadata"); md != nil {
				ev.Metadata = md.Schema
			}
		}
		if et != nil && et.Schema.HasConst {
			if s, ok := et.Schema.Const.(string); ok {
				ev.EventTypeConst, ev.EventTypeConstPos = s, et.Schema.KeywordPos("const")
			}
		}
	}
	lw.stream(ev, m)
	lw.sqlName(ev, m)
	ev.Examples = lw.messageExamples(mu.Target, m, "payload")
	lw.projection(ev, m)
	lw.uses = append(lw.uses, eventUse{ev, mu})
	return ev
}

// suggestType proposes an event type from the message key ("UserInvited" →
// "user.invited"), else from the channel.
func suggestType(channel, fallback string) string {
	if ws := ident.Words(fallback); len(ws) >= 2 {
		return strings.ToLower(ws[0] + "." + strings.Join(ws[1:], "_"))
	}
	s := strings.ToLower(strings.Join(ident.Words(channel+"."+fallback), "."))
	if s == "" {
		return "domain.happened"
	}
	return s
}

// messageKey returns the components.messages (or fragment) key a message is
// defined under, if any, with the key's position.
func messageKey(t spec.Target) (string, location.Pos) {
	tokens, _ := jsonpointer.Split(t.Pointer)
	if len(tokens) == 0 {
		return "", location.Pos{}
	}
	key := tokens[len(tokens)-1]
	isKey := len(tokens) == 1 || tokens[len(tokens)-2] == "messages"
	if !isKey {
		return "", location.Pos{}
	}
	parent := t.File.Root.Lookup(tokens[:len(tokens)-1])
	if f := parent.Field(key); f != nil {
		return key, f.KeyPos
	}
	return key, t.Node.Pos
}

func isJSONSchemaFormat(n *source.Node) bool {
	s, ok := n.StringValue()
	if !ok {
		return true
	}
	s = strings.ToLower(s)
	return strings.HasPrefix(s, "application/vnd.aai.asyncapi") || strings.HasPrefix(s, "application/schema+json") ||
		strings.HasPrefix(s, "application/schema+yaml")
}

// findProperty looks for a property directly or in allOf members.
func findProperty(s *ir.Schema, name string) *ir.Property {
	if p := s.Property(name); p != nil {
		return p
	}
	for _, m := range s.AllOf {
		if p := m.Property(name); p != nil {
			return p
		}
	}
	return nil
}

func (lw *lowerer) stream(ev *ir.Event, m *source.Node) {
	if ev.Payload != nil {
		if p := findProperty(ev.Payload, "stream_type"); p != nil && p.Schema.HasConst {
			if s, ok := p.Schema.Const.(string); ok {
				ev.Stream, ev.StreamPos = s, p.Schema.KeywordPos("const")
				return
			}
		}
	}
	if f := m.Field("x-stream-type"); f != nil {
		if s, ok := f.Value.StringValue(); ok && s != "" {
			ev.Stream, ev.StreamPos = s, f.Value.Pos
			return
		}
		lw.diags.Add(f.Value.Pos, diag.Error, RuleStreamType, "x-stream-type must be a non-empty string")
	}
	first, _, _ := strings.Cut(ev.Type, ".")
	ev.Stream, ev.StreamPos = first, ev.TypePos
}

// sqlName reads x-sql-name, the name a message's SQL functions take
// (sqlnames.go checks it with the other SQL names).
func (lw *lowerer) sqlName(ev *ir.Event, m *source.Node) {
	f := m.Field("x-sql-name")
	if f == nil {
		return
	}
	if s, ok := f.Value.StringValue(); ok {
		ev.SQLName, ev.SQLNamePos = s, f.Value.Pos
		return
	}
	lw.diags.Add(f.Value.Pos, diag.Error, RuleSQLIdentifier, "x-sql-name must be a string such as \"order_placed\"")
}

// messageExamples returns the value each example of message m (defined
// at t, traits applied) gives for part ("payload" or "headers").
func (lw *lowerer) messageExamples(t spec.Target, m *source.Node, part string) []ir.Example {
	ex := m.Get("examples")
	if ex == nil || ex.Kind != source.Array {
		return nil
	}
	var out []ir.Example
	for i, it := range ex.Items {
		p := it.Get(part)
		if p == nil {
			continue
		}
		name, _ := it.Get("name").StringValue()
		root := p
		out = append(out, ir.Example{
			Name: name, Pos: p.Pos, URL: lw.fileURL(t.Abs),
			Pointer: fmt.Sprintf("%s/examples/%d/%s", t.Pointer, i, part),
			Value:   lw.exampleValue(t.Child("examples", ex).Child(strconv.Itoa(i), it).Child(part, p), p),
			Locate: func(ptr string) location.Pos {
				return nearest(root, ptr)
			},
		})
	}
	return out
}

// nearest finds the position of ptr below root, or of its deepest existing ancestor.
func nearest(root *source.Node, ptr string) location.Pos {
	tokens, err := jsonpointer.Split(ptr)
	if err != nil {
		return root.Pos
	}
	cur := root
	for i := range tokens {
		next := cur.Lookup(tokens[i : i+1])
		if next == nil {
			break
		}
		if cur.Kind == source.Object {
			if f := cur.Field(tokens[i]); f != nil && i == len(tokens)-1 && next.Kind == source.Object {
				return f.KeyPos
			}
		}
		cur = next
	}
	return cur.Pos
}

func (lw *lowerer) projection(ev *ir.Event, m *source.Node) {
	f := m.Field("x-projection")
	if f == nil {
		return
	}
	n := f.Value
	if n.Kind != source.Object {
		lw.diags.Add(n.Pos, diag.Error, RuleProjectionShape, "x-projection must be an object with table, key, action, set and tenant")
		return
	}
	p := &ir.Projection{Pos: f.KeyPos, Set: map[string]any{}}
	for _, pf := range n.Fields {
		switch pf.Key {
		case "table":
			p.Table, p.TablePos = pf.Value.Str, pf.Value.Pos
		case "key":
			p.Key = pf.Value.Str
		case "tenant":
			p.Tenant = pf.Value.Str
		case "action":
			p.Action = pf.Value.Str
			switch p.Action {
			case "insert", "update", "delete", "none":
			default:
				lw.diags.Add(pf.Value.Pos, diag.Error, RuleProjectionShape, fmt.Sprintf("x-projection action %q must be one of insert, update, delete, none", p.Action))
			}
		case "set":
			if pf.Value.Kind != source.Object {
				lw.diags.Add(pf.Value.Pos, diag.Error, RuleProjectionShape, "x-projection set must map column names to values")
				continue
			}
			for _, sf := range pf.Value.Fields {
				p.Set[sf.Key] = sf.Value.Value()
			}
		default:
			lw.diags.Add(pf.KeyPos, diag.Error, RuleProjectionShape, fmt.Sprintf("unknown x-projection field %q; use table, key, action, set or tenant", pf.Key))
		}
		if pf.Key != "set" && pf.Value.Kind != source.String {
			lw.diags.Add(pf.Value.Pos, diag.Error, RuleProjectionShape, fmt.Sprintf("x-projection %s must be a string", pf.Key))
		}
	}
	ev.Projection = p
}
