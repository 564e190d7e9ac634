package gogen

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// eventDoc is the doc comment of an event's Go type.
func eventDoc(ev *ir.Event, name string) string {
	text := name + " is the " + oneLine(ev.Type) + " event"
	if ev.Envelope {
		text += " (a domain_events row)"
	}
	text += "."
	// The summary joins the first sentence; the description, which may be
	// Markdown of several paragraphs, starts a paragraph of its own.
	if s := strings.TrimSpace(ev.Summary); s != "" {
		text += " " + s
	}
	if d := strings.TrimSpace(ev.Description); d != "" {
		text += "\n\n" + d
	}
	if ev.Deprecated {
		text += "\n\nDeprecated: the contract marks this event deprecated."
	}
	return text
}

// eventMethods emits the Event methods every event type has, on values so
// that both T and *T are events:
//
//	func (UserRegistered) EventType() string  { return EventTypeUserRegistered }
//	func (UserRegistered) StreamType() string { return "user" }
func (g *gen) eventMethods(ev *ir.Event, name string) jen.Code {
	return goComment("EventType returns " + g.names.eventConst[ev] + ".").
		Func().Params(jen.Id(name)).Id("EventType").Params().String().Block(jen.Return(jen.Id(g.names.eventConst[ev]))).Line().Line().
		Add(goComment("StreamType returns the stream (aggregate) type of " + oneLine(ev.Type) + " events.")).
		Func().Params(jen.Id(name)).Id("StreamType").Params().String().Block(jen.Return(jen.Lit(ev.Stream))).Line().Line().
		Add(g.genStoredColumns(ev, name)).Line()
}

// genEventType gives an event its Go type, named after the event. When the
// payload's named type serves this event alone, that type is the event's
// (named after the event; the schema's own name stays as an alias);
// otherwise a thin named type carries the event:
//
//	type OrganizationCreatedData = OrganizationCreated // the payload schema's name
//	type UserRegistered UserPayload      // a shared or unnamed payload type
//	type Ping struct{ Value any }        // a payload without a Go type of its own
func (g *gen) genEventType(f *jen.File, ev *ir.Event) {
	name := g.names.eventType[ev]
	p := g.payload[ev]
	defer g.genDecodeStored(f, ev)
	if g.reusesPayload(ev) {
		f.Add(g.eventMethods(ev, name))
		if alias := g.names.alias[ev.Payload]; alias != "" {
			f.Add(goComment(alias + " is the contract's name for the payload of " + name + ": the same type.")).
				Type().Id(alias).Op("=").Id(name).Line()
		}
		return
	}
	recv := jen.Id("x").Op("*").Id(name)
	sh := g.model.shape(p)
	wrapper := sh.kind == kAny || sh.nullOK
	if wrapper {
		vt := g.goType(p)
		if sh.nullOK && !nilable(sh.kind) {
			vt = jen.Op("*").Add(vt)
		}
		f.Add(goComment(eventDoc(ev, name) + " Value holds the payload.")).Type().Id(name).Struct(jen.Id("Value").Add(vt))
	} else {
		f.Add(goComment(eventDoc(ev, name))).Type().Id(name).Add(g.goType(p))
	}
	f.Add(g.eventMethods(ev, name))
	var checks []jen.Code
	switch {
	case wrapper:
		checks = g.elemValueChecks(p, jen.Id("x").Dot("Value"), jen.Nil())
	case g.named(p):
		checks = []jen.Code{jen.Parens(jen.Op("*").Id(g.typeName(p))).Call(jen.Id("x")).Dot("validate").Call(jen.Nil(), jen.Id("errs"))}
	default:
		checks = g.elemValueChecks(p, jen.Add(g.goType(p)).Call(jen.Op("*").Id("x")), jen.Nil())
	}
	var store func(conv jen.Code) jen.Code
	switch {
	case wrapper && sh.nullOK && !nilable(sh.kind):
		store = func(conv jen.Code) jen.Code {
			return jen.If(jen.Id("v").Op("!=").Nil()).Block(jen.Id("c").Op(":=").Add(conv), jen.Id("x").Dot("Value").Op("=").Op("&").Id("c"))
		}
	case wrapper:
		store = func(conv jen.Code) jen.Code { return jen.Id("x").Dot("Value").Op("=").Add(conv) }
	default:
		store = func(conv jen.Code) jen.Code { return jen.Op("*").Id("x").Op("=").Id(name).Call(conv) }
	}
	f.Add(goComment("UnmarshalJSON decodes with JSON Schema semantics: every violation is an error.")).
		Func().Params(recv.Clone()).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(g.decodeBody(p, store, checks)...).Line()
	var value jen.Code
	if wrapper {
		value = jen.Id("x").Dot("Value")
	} else {
		value = jen.Add(g.goType(p)).Call(jen.Id("x"))
	}
	f.Add(goComment("MarshalJSON encodes the payload.")).
		Func().Params(jen.Id("x").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(jen.Return(jen.Qual(jsonPkg, "Marshal").Call(value))).Line()
	// The checks read x as a pointer (UnmarshalJSON shares them).
	body := []jen.Code{jen.Return(jen.Nil())}
	recvParam := jen.Id(name)
	if len(checks) > 0 {
		recvParam = jen.Id("e").Id(name)
		body = append([]jen.Code{jen.Id("x").Op(":=").Op("&").Id("e"), jen.Var().Id("list").Index().Error(), jen.Id("errs").Op(":=").Op("&").Id("list")}, checks...)
		body = append(body, jen.Return(jen.Id("rtJoin").Call(jen.Id("list"))))
	}
	f.Add(goComment("Validate reports every violation of the contract, each with its JSON pointer.")).
		Func().Params(recvParam).Id("Validate").Params().Error().Block(body...)
}

// genRegistry emits the registry file: the package's doc comment, then
//
//	const EventTypeUserRegistered = "user.registered"
//	type Event interface { EventType() string; StreamType() string; Validate() error }
//	var EventTypes = []EventInfo{{Type: …, Stream: …}}
//	var ErrUnknownEventType = errors.New("unknown event type")
//	func Decode(eventType string, data []byte) (Event, error)
//
// and the event store functions of stored.go.
func (g *gen) genRegistry(f *jen.File, pkg string) {
	packageComment(f, "Package "+pkg+" holds one Go type per event of the contracts, with\n"+
		"decoders and validators that follow JSON Schema, and the registry: the\n"+
		"event types, the Event interface, Decode and DecodeStored to read events,\n"+
		"StoredRow and Append to write them to the event store.")
	var consts []jen.Code
	for _, ev := range g.set.Events {
		consts = append(consts, goCommentItem(g.names.eventConst[ev]+" is the event type of "+g.names.eventType[ev]+"."), jen.Id(g.names.eventConst[ev]).Op("=").Lit(ev.Type))
	}
	if len(consts) > 0 {
		f.Add(goCommentItem("Event types, one constant per event."))
		f.Const().Defs(consts...)
	}
	f.Add(goCommentItem("Event is implemented by every generated event type, by value and by\npointer."))
	f.Type().Id("Event").Interface(
		goCommentItem("EventType returns the event type, such as \"organization.created\"."),
		jen.Id("EventType").Params().String(),
		goCommentItem("StreamType returns the stream (aggregate) type, such as \"organization\"."),
		jen.Id("StreamType").Params().String(),
		goCommentItem("Validate reports every violation of the contract."),
		jen.Id("Validate").Params().Error(),
	)
	f.Add(goCommentItem("EventInfo describes one event type."))
	f.Type().Id("EventInfo").Struct(
		goCommentItem("Type is the event type; Stream the stream (aggregate) type."),
		jen.Id("Type").String(),
		jen.Id("Stream").String(),
		goCommentItem("New returns a pointer to a zero event of the Go type."),
		jen.Id("New").Func().Params().Id("Event"),
	)
	var infos []jen.Code
	for _, ev := range g.set.Events {
		infos = append(infos, jen.Values(jen.Dict{
			jen.Id("Type"):   jen.Id(g.names.eventConst[ev]),
			jen.Id("Stream"): jen.Lit(ev.Stream),
			jen.Id("New"):    jen.Func().Params().Id("Event").Block(jen.Return(jen.New(jen.Id(g.names.eventType[ev])))),
		}))
	}
	f.Add(goCommentItem("EventTypes lists every event type, sorted by type."))
	f.Var().Id("EventTypes").Op("=").Index().Id("EventInfo").Values(infos...)
	f.Add(goCommentItem("ErrUnknownEventType is the error (wrapped; match it with errors.Is) for an\nevent type this package does not define."))
	f.Var().Id("ErrUnknownEventType").Op("=").Qual("errors", "New").Call(jen.Lit("unknown event type"))
	var cases []jen.Code
	for _, ev := range g.firstEvents() {
		cases = append(cases, jen.Case(jen.Id(g.names.eventConst[ev])).Block(
			jen.Id("x").Op(":=").New(jen.Id(g.names.eventType[ev])),
			jen.If(jen.Err().Op(":=").Id("x").Dot("UnmarshalJSON").Call(jen.Id("data")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("x"), jen.Nil())))
	}
	cases = append(cases, jen.Default().Block(jen.Return(jen.Nil(), unknownEventType(jen.Id("eventType")))))
	f.Add(goCommentItem("Decode decodes data as an event of eventType and validates it: the\n" +
		"payload the contract describes (for an envelope contract, the whole\n" +
		"envelope). It returns a pointer to the event's type; the error lists\n" +
		"every violation with its JSON pointer, or wraps ErrUnknownEventType."))
	f.Func().Id("Decode").Params(jen.Id("eventType").String(), jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Switch(jen.Id("eventType")).Block(cases...),
	)
	g.genStored(f)
}

// firstEvents lists the events in type order, the first of each event type
// only: two messages with one event type (lint's versioning rules report
// it) decode as the first.
func (g *gen) firstEvents() []*ir.Event {
	var out []*ir.Event
	seen := map[string]bool{}
	for _, ev := range g.set.Events {
		if !seen[ev.Type] {
			seen[ev.Type] = true
			out = append(out, ev)
		}
	}
	return out
}

// unknownEventType is fmt.Errorf("%w: %q", ErrUnknownEventType, eventType).
func unknownEventType(eventType jen.Code) jen.Code {
	return jen.Qual("fmt", "Errorf").Call(jen.Lit("%w: %q"), jen.Id("ErrUnknownEventType"), eventType)
}
