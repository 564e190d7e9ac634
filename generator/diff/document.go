package diff

import (
	"fmt"
	"path"
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

// dataPointer is where an event's data schema sits in its message.
func dataPointer(e *Event) string {
	if e.Envelope {
		return "/payload/properties/event_data"
	}
	return "/payload"
}

// event compares one event type present on both sides.
func (c *comparison) event(x *checker, oe, ne *Event, schemasOnly bool) {
	if oe.Stream != "" && ne.Stream != "" && oe.Stream != ne.Stream {
		ch := &change{rule: "event-stream-changed", facet: "stream|" + ne.Type, newPtr: "", oldPtr: "",
			newPos: ne.Pos, oldPos: x.old.pos(oe.Pos), msg: fmt.Sprintf("stream type %q became %q; stored events are routed to another projection", oe.Stream, ne.Stream)}
		x.add(ch.values(oe.Stream, ne.Stream, true, true))
	}
	if oe.Payload != nil && ne.Payload != nil {
		x.schemas(oe.Payload, ne.Payload, place{n: "/payload", o: "/payload"})
	} else {
		x.schemas(oe.Data, ne.Data, place{n: dataPointer(ne), o: dataPointer(oe)})
		if oe.Metadata != nil || ne.Metadata != nil {
			mp := "/payload/properties/event_metadata"
			x.schemas(oe.Metadata, ne.Metadata, place{n: mp, o: mp})
		}
	}
	if schemasOnly {
		return
	}
	switch {
	case oe.Headers == nil && ne.Headers == nil:
	case oe.Headers == nil || ne.Headers == nil:
		rule, msg := "headers-added", "a headers schema was added"
		if ne.Headers == nil {
			rule, msg = "headers-removed", "the headers schema was removed"
		}
		ch := &change{rule: rule, facet: "headers|" + ne.Type, o: operand{ev: oe}, n: operand{ev: ne}, newPtr: "/headers", oldPtr: "/headers",
			newPos: attrPos(x.new, ne.At, ne.Pos, ne.Attrs, "headers", ne.Headers), oldPos: attrPos(x.old, oe.At, oe.Pos, oe.Attrs, "headers", oe.Headers), msg: msg}
		x.add(ch)
	default:
		x.schemas(oe.Headers, ne.Headers, place{n: "/headers", o: "/headers"})
	}
	c.messageAttrs(x, oe, ne)
}

// attrPos is the position of a message, channel or contract attribute
// (or of the owner when the attribute is absent).
func attrPos(side *Side, atf func(string) location.Pos, owner location.Pos, attrs map[string]any, key string, s *ir.Schema) location.Pos {
	if s != nil && !s.Pos.IsZero() {
		return side.pos(s.Pos)
	}
	if _, ok := attrs[key]; ok {
		if p := at(atf, child("", key)); !p.IsZero() {
			return side.pos(p)
		}
	}
	return side.pos(owner)
}

// effectiveContentType is a message's contentType, else its document's
// default, else application/json: asyncgen reads every payload as JSON, so
// stating application/json where nothing was stated (contracts often add it
// message by message) changes nothing.
func effectiveContentType(e *Event) string {
	ct, _ := e.Attrs["contentType"].(string)
	if ct == "" && e.Contract != nil {
		ct, _ = e.Contract.Attrs["defaultContentType"].(string)
	}
	if ct == "" {
		ct = "application/json"
	}
	return strings.ToLower(strings.ReplaceAll(ct, " ", ""))
}

// messageAttrs compares the message fields other than payload and headers.
func (c *comparison) messageAttrs(x *checker, oe, ne *Event) {
	if oe.Attrs == nil || ne.Attrs == nil {
		return
	}
	pos := func(side *Side, e *Event, key string) location.Pos {
		return attrPos(side, e.At, e.Pos, e.Attrs, key, nil)
	}
	base := func(rule, key, msg string) *change {
		return &change{rule: rule, facet: "attr:" + key + "|" + ne.Type, newPtr: child("", key), oldPtr: child("", key),
			newPos: pos(x.new, ne, key), oldPos: pos(x.old, oe, key), msg: msg}
	}
	if oct, nct := effectiveContentType(oe), effectiveContentType(ne); oct != nct {
		ch := base("content-type-changed", "contentType", fmt.Sprintf("contentType %q became %q", oct, nct))
		ch.o.val, ch.n.val = oct, nct
		x.add(ch.values(oct, nct, true, true))
	}
	keys := map[string]bool{}
	for k := range oe.Attrs {
		keys[k] = true
	}
	for k := range ne.Attrs {
		keys[k] = true
	}
	for _, k := range sortedKeys(keys) {
		ov, oh := oe.Attrs[k]
		nv, nh := ne.Attrs[k]
		if k == "contentType" || (oh == nh && ir.JSONEqual(ov, nv)) {
			continue
		}
		if k == "name" && (!oh || !nh) {
			continue // the same event type, named once from the channel
		}
		if k == "x-stream-type" && oe.Stream != ne.Stream {
			continue // event-stream-changed reports it
		}
		if k == "x-compatibility" || k == "x-stream-type" {
			x.add(base("extension-changed", k, fmt.Sprintf("%s %s became %s", k, orAbsentValue(ov, oh), orAbsentValue(nv, nh))).values(ov, nv, oh, nh))
			continue
		}
		switch k {
		case "schemaFormat":
			ch := base("schema-format-changed", k, fmt.Sprintf("schemaFormat %s became %s", orAbsentValue(ov, oh), orAbsentValue(nv, nh)))
			ch.o.val, ch.n.val = ov, nv
			x.add(ch.values(ov, nv, oh, nh))
			continue
		case "correlationId":
			ol, nl := correlationLocation(ov), correlationLocation(nv)
			var ch *change
			switch {
			case ol == "" && nl != "":
				ch = base("correlation-id-added", k, fmt.Sprintf("correlationId at %q was declared", nl))
			case ol != "" && nl == "":
				ch = base("correlation-id-removed", k, fmt.Sprintf("correlationId at %q was removed", ol))
			case ol != nl:
				ch = base("correlation-id-changed", k, fmt.Sprintf("correlationId.location %q became %q", ol, nl))
			default:
				ch = base("annotation-changed", k, "correlationId description changed")
			}
			ch.o.val, ch.n.val = ol, nl
			x.add(ch.values(ol, nl, ol != "", nl != ""))
			continue
		}
		rule := attrRule(k, ov, nv, oh, nh)
		msg := fmt.Sprintf("message %s changed", k)
		if rule == "deprecation-changed" {
			msg = fmt.Sprintf("message %s %s became %s", k, orAbsentValue(ov, oh), orAbsentValue(nv, nh))
		}
		if rule == "unclassified-change" {
			msg = fmt.Sprintf("message field %q changed and is not classified; review it and --accept it", k)
		}
		x.add(base(rule, k, msg).values(ov, nv, oh, nh))
	}
}

func correlationLocation(v any) string {
	m, _ := v.(map[string]any)
	s, _ := m["location"].(string)
	return s
}

// presence reports event types that appeared or disappeared (against the
// latest baseline), pairing renames.
func (c *comparison) presence(x *checker, old *Side, schemasOnly bool) {
	var added, removed []*Event
	for _, ne := range c.cur.Events {
		if old.Event(ne.Type) == nil && !containsEvent(added, ne.Type) {
			added = append(added, ne)
		}
	}
	for _, oe := range old.Events {
		if c.cur.Event(oe.Type) == nil && !containsEvent(removed, oe.Type) {
			removed = append(removed, oe)
		}
	}
	pairs := c.pairContracts(old)
	channelOf := func(side *Side, contract *Contract, name string) *Channel {
		if contract == nil {
			return nil
		}
		for _, ch := range contract.Channels {
			if ch.Name == name {
				return ch
			}
		}
		return nil
	}
	oldContract := func(nc *Contract) *Contract { return pairs[nc] }
	newContract := func(oc *Contract) *Contract {
		for n, o := range pairs {
			if o == oc {
				return n
			}
		}
		return nil
	}
	used := map[*Event]bool{}
	for _, oe := range removed {
		for _, ne := range added {
			if used[ne] {
				continue
			}
			sameKey := oe.Key != "" && oe.Key == ne.Key && oldContract(ne.Contract) == oe.Contract && oe.Contract != nil
			if !sameKey && !(schemasOnly && oe.Stream == ne.Stream && sameEventShape(oe, ne)) {
				continue
			}
			used[ne], used[oe] = true, true
			c.status[ne.Type] = "renamed"
			ch := &change{rule: "message-name-changed", facet: "rename|" + pairKey(oe.Type, ne.Type), event: ne.Type,
				newPtr: "/name", oldPtr: "/name", newPos: attrPos(x.new, ne.At, ne.Pos, ne.Attrs, "name", nil), oldPos: attrPos(x.old, oe.At, oe.Pos, oe.Attrs, "name", nil),
				msg: fmt.Sprintf("event type %q was renamed to %q; stored events keep the old type: register a new event type and keep the old one", oe.Type, ne.Type)}
			x.add(ch.values(oe.Type, ne.Type, true, true))
			break
		}
	}
	for _, ne := range added {
		if used[ne] {
			continue
		}
		c.status[ne.Type] = "added"
		if schemasOnly && len(old.Events) == 0 {
			continue // a fresh registry: first versions are registered unchecked
		}
		if !schemasOnly && channelOf(old, oldContract(ne.Contract), ne.Channel) == nil {
			continue // the new channel's finding covers it
		}
		ch := &change{rule: "message-added", facet: "presence|" + ne.Type, event: ne.Type, n: operand{ev: ne},
			newPos: ne.Pos, msg: fmt.Sprintf("event type %q was added; consumers must skip unknown event types until they are upgraded", ne.Type)}
		if ne.Channel != "" {
			ch.msg = fmt.Sprintf("event type %q was added to channel %q; consumers must skip unknown event types until they are upgraded", ne.Type, ne.Channel)
		}
		x.add(ch)
	}
	for _, oe := range removed {
		if used[oe] {
			continue
		}
		c.status[oe.Type] = "removed"
		nc := newContract(oe.Contract)
		if !schemasOnly && (nc == nil || channelOf(c.cur, nc, oe.Channel) == nil) {
			continue // the removed channel's finding covers it
		}
		ch := &change{rule: "message-removed", facet: "presence|" + oe.Type, event: oe.Type, o: operand{ev: oe},
			oldPos: x.old.pos(oe.Pos), msg: fmt.Sprintf("event type %q was removed; its stored events are still replayed: deprecate it instead and keep its schema registered", oe.Type)}
		if cp := channelOf(c.cur, nc, oe.Channel); cp != nil {
			ch.newPos, ch.contract, ch.channel = cp.Pos, nc.File, cp.Name
		}
		x.add(ch)
	}
}

func containsEvent(l []*Event, t string) bool {
	for _, e := range l {
		if e.Type == t {
			return true
		}
	}
	return false
}

// sameEventShape compares two events' data schemas (rename detection
// against the registry, where message keys are unknown).
func sameEventShape(a, b *Event) bool {
	if a.Data == nil || b.Data == nil || len(a.Data.Properties) == 0 {
		return false
	}
	flat := ir.NewFlattener()
	return string(shapeJSON(a.Data, flat)) == string(shapeJSON(b.Data, flat))
}

// pairContracts maps each new contract to its old counterpart: the one
// that defined most of its event types, else the same title, else the
// same file name.
func (c *comparison) pairContracts(old *Side) map[*Contract]*Contract {
	out := map[*Contract]*Contract{}
	used := map[*Contract]bool{}
	votes := map[*Contract]map[*Contract]int{}
	for _, ne := range c.cur.Events {
		if oe := old.Event(ne.Type); oe != nil && oe.Contract != nil && ne.Contract != nil {
			if votes[ne.Contract] == nil {
				votes[ne.Contract] = map[*Contract]int{}
			}
			votes[ne.Contract][oe.Contract]++
		}
	}
	for _, nc := range c.cur.Contracts {
		var best *Contract
		for _, oc := range old.Contracts {
			if !used[oc] && votes[nc][oc] > 0 && (best == nil || votes[nc][oc] > votes[nc][best]) {
				best = oc
			}
		}
		if best != nil {
			out[nc], used[best] = best, true
		}
	}
	for _, same := range []func(a, b *Contract) bool{
		func(a, b *Contract) bool { return a.Title != "" && a.Title == b.Title },
		func(a, b *Contract) bool { return path.Base(a.File) == path.Base(b.File) },
	} {
		for _, nc := range c.cur.Contracts {
			if out[nc] != nil {
				continue
			}
			for _, oc := range old.Contracts {
				if !used[oc] && same(nc, oc) {
					out[nc], used[oc] = oc, true
					break
				}
			}
		}
	}
	return out
}

// documents compares paired contracts: document fields, channels and
// operations (COMPAT.md D1–D5, D9, D14, D16–D18).
func (c *comparison) documents(x *checker, old *Side) {
	pairs := c.pairContracts(old)
	paired := map[*Contract]bool{}
	for _, nc := range c.cur.Contracts {
		oc := pairs[nc]
		if oc == nil {
			for _, ch := range nc.Channels {
				c.channelPresence(x, nil, nc, nil, ch)
			}
			continue
		}
		paired[oc] = true
		c.contract(x, oc, nc)
	}
	for _, oc := range old.Contracts {
		if paired[oc] {
			continue
		}
		for _, ch := range oc.Channels {
			c.channelPresence(x, oc, nil, ch, nil)
		}
	}
}

func (c *comparison) contract(x *checker, oc, nc *Contract) {
	base := func(rule, ptr, msg string) *change {
		return &change{rule: rule, facet: "doc:" + ptr, contract: nc.File, newPtr: ptr, oldPtr: ptr, msg: msg,
			newPos: docPos(x.new, nc.At, nc.Pos, ptr), oldPos: docPos(x.old, oc.At, oc.Pos, ptr)}
	}
	if oc.AsyncAPI != nc.AsyncAPI {
		ch := base("asyncapi-version-changed", "/asyncapi", "")
		ch.msg = fmt.Sprintf("asyncapi %s became %s", oc.AsyncAPI, nc.AsyncAPI)
		x.add(ch.values(oc.AsyncAPI, nc.AsyncAPI, true, true))
	}
	attrs := func(om, nm map[string]any, prefix string) {
		keys := map[string]bool{}
		for k := range om {
			keys[k] = true
		}
		for k := range nm {
			keys[k] = true
		}
		for _, k := range sortedKeys(keys) {
			ov, oh := om[k]
			nv, nh := nm[k]
			if k == "info" || k == "defaultContentType" || (oh == nh && ir.JSONEqual(ov, nv)) {
				continue
			}
			ptr := child(prefix, k)
			rule := attrRule(k, ov, nv, oh, nh)
			msg := fmt.Sprintf("%s changed", strings.TrimPrefix(ptr, "/"))
			if rule == "unclassified-change" {
				msg = fmt.Sprintf("document field %q changed and is not classified; review it and --accept it", strings.TrimPrefix(ptr, "/"))
			}
			x.add(base(rule, ptr, msg).values(ov, nv, oh, nh))
		}
	}
	attrs(oc.Attrs, nc.Attrs, "")
	oi, _ := oc.Attrs["info"].(map[string]any)
	ni, _ := nc.Attrs["info"].(map[string]any)
	attrs(oi, ni, "/info")
	c.channels(x, oc, nc)
}

func docPos(side *Side, atf func(string) location.Pos, owner location.Pos, ptr string) location.Pos {
	if p := at(atf, ptr); !p.IsZero() {
		return side.pos(p)
	}
	return side.pos(owner)
}

// channels pairs channels by name, then renames (same event types).
func (c *comparison) channels(x *checker, oc, nc *Contract) {
	find := func(l []*Channel, name string) *Channel {
		for _, ch := range l {
			if ch.Name == name {
				return ch
			}
		}
		return nil
	}
	var gone, fresh []*Channel
	for _, och := range oc.Channels {
		if nch := find(nc.Channels, och.Name); nch != nil {
			c.channel(x, nc, och, nch)
		} else {
			gone = append(gone, och)
		}
	}
	for _, nch := range nc.Channels {
		if find(oc.Channels, nch.Name) == nil {
			fresh = append(fresh, nch)
		}
	}
	used := map[*Channel]bool{}
	for _, och := range gone {
		for _, nch := range fresh {
			if used[nch] || len(och.Events) == 0 || strings.Join(och.Events, ",") != strings.Join(nch.Events, ",") {
				continue
			}
			used[nch], used[och] = true, true
			ch := &change{rule: "channel-renamed", facet: "channel-rename|" + pairKey(och.Name, nch.Name), contract: nc.File, channel: nch.Name,
				newPtr: child("/channels", nch.Name), oldPtr: child("/channels", och.Name), newPos: nch.Pos, oldPos: x.old.pos(och.Pos),
				msg: fmt.Sprintf("channel %q was renamed to %q; publishers and subscribers bound to the old name stop meeting", och.Name, nch.Name)}
			x.add(ch.values(och.Name, nch.Name, true, true))
			c.channel(x, nc, och, nch)
			break
		}
	}
	for _, och := range gone {
		if !used[och] {
			c.channelPresence(x, oc, nc, och, nil)
		}
	}
	for _, nch := range fresh {
		if !used[nch] {
			c.channelPresence(x, oc, nc, nil, nch)
		}
	}
}

// channelPresence reports a channel that appeared or disappeared.
func (c *comparison) channelPresence(x *checker, oc, nc *Contract, och, nch *Channel) {
	ch := &change{o: operand{}, n: operand{}}
	if nch != nil {
		ch.rule, ch.channel, ch.newPtr, ch.newPos = "channel-added", nch.Name, child("/channels", nch.Name), nch.Pos
		ch.n.list = nch.Events
		ch.msg = fmt.Sprintf("channel %q was added%s", nch.Name, carrying(nch.Events))
		if oc != nil {
			ch.oldPos = docPos(x.old, oc.At, oc.Pos, "/channels")
		}
		ch.contract = nc.File
	} else {
		ch.rule, ch.channel, ch.oldPtr, ch.oldPos = "channel-removed", och.Name, child("/channels", och.Name), x.old.pos(och.Pos)
		ch.o.list = och.Events
		ch.msg = fmt.Sprintf("channel %q was removed%s; stored events of its types are still replayed", och.Name, carrying(och.Events))
		if nc != nil {
			ch.newPos, ch.contract = docPos(x.new, nc.At, nc.Pos, "/channels"), nc.File
		} else if oc != nil {
			ch.contract = oc.File
		}
	}
	ch.facet = "channel|" + ch.channel
	x.add(ch)
}

func carrying(events []string) string {
	if len(events) == 0 {
		return ""
	}
	return fmt.Sprintf(" (carrying %s)", strings.Join(events, ", "))
}

// channel compares a paired channel's fields and operations.
func (c *comparison) channel(x *checker, nc *Contract, och, nch *Channel) {
	diffAttrs := func(om, nm map[string]any, prefix string, oat, nat func(string) location.Pos, oown, nown location.Pos) {
		keys := map[string]bool{}
		for k := range om {
			keys[k] = true
		}
		for k := range nm {
			keys[k] = true
		}
		for _, k := range sortedKeys(keys) {
			ov, oh := om[k]
			nv, nh := nm[k]
			if oh == nh && ir.JSONEqual(ov, nv) {
				continue
			}
			rel := child("", k)
			rule := attrRule(k, ov, nv, oh, nh)
			name := strings.TrimPrefix(prefix+"/"+k, "/")
			msg := fmt.Sprintf("channel %q %s changed", nch.Name, name)
			if rule == "unclassified-change" {
				msg = fmt.Sprintf("channel %q field %q changed and is not classified; review it and --accept it", nch.Name, name)
			}
			ch := &change{rule: rule, facet: "channel:" + pairKey(och.Name, nch.Name) + prefix + rel, contract: nc.File, channel: nch.Name,
				newPtr: child("/channels", nch.Name) + prefix + rel, oldPtr: child("/channels", och.Name) + prefix + rel,
				newPos: docPos(x.new, nat, nown, rel), oldPos: docPos(x.old, oat, oown, rel), msg: msg}
			x.add(ch.values(ov, nv, oh, nh))
		}
	}
	diffAttrs(och.Attrs, nch.Attrs, "", och.At, nch.At, och.Pos, nch.Pos)
	findOp := func(l []*Operation, kind string) *Operation {
		for _, op := range l {
			if op.Kind == kind {
				return op
			}
		}
		return nil
	}
	for _, kind := range []string{"publish", "subscribe"} {
		oop, nop := findOp(och.Operations, kind), findOp(nch.Operations, kind)
		switch {
		case oop == nil && nop == nil:
		case oop != nil && nop != nil:
			diffAttrs(oop.Attrs, nop.Attrs, "/"+kind, oop.At, nop.At, oop.Pos, nop.Pos)
		default:
			ch := &change{contract: nc.File, channel: nch.Name, facet: "op:" + nch.Name + "/" + kind}
			if nop != nil {
				ch.rule, ch.newPtr, ch.newPos, ch.oldPos = "operation-added", child("/channels", nch.Name, kind), nop.Pos, x.old.pos(och.Pos)
				ch.n.list = nop.Events
				ch.msg = fmt.Sprintf("channel %q gained a %s operation%s", nch.Name, kind, carrying(nop.Events))
			} else {
				ch.rule, ch.oldPtr, ch.oldPos, ch.newPos = "operation-removed", child("/channels", och.Name, kind), x.old.pos(oop.Pos), nch.Pos
				ch.o.list = oop.Events
				ch.msg = fmt.Sprintf("channel %q lost its %s operation%s", nch.Name, kind, carrying(oop.Events))
			}
			x.add(ch)
		}
	}
}

// pairKey names two things independently of their order (swap-invariant facets).
func pairKey(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return a + "|" + b
}
