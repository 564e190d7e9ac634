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
	for _, s := range []string{ev.Summary, ev.Description} {
		if s = strings.TrimSpace(s); s != "" {
			text += " " + s
		}
	}
	if ev.Deprecated {
		text += "\n\nDeprecated: the contract marks this event deprecated."
	}
	return text
}

// genEventType gives an event its Go type. When the payload's named type
// serves this event alone it only gains EventType; otherwise a thin named
// type carries the event:
//
//	type UserRegistered UserPayload      // a shared or unnamed payload type
//	type Ping struct{ Value any }        // a payload without a Go type of its own
//	func (*UserRegistered) EventType() string { return EventTypeUserRegistered }
func (g *gen) genEventType(f *jen.File, ev *ir.Event) {
	name := g.names.eventType[ev]
	p := g.payload[ev]
	recv := jen.Id("x").Op("*").Id(name)
	eventType := goComment("EventType returns " + g.names.eventConst[ev] + ".").
		Func().Params(jen.Op("*").Id(name)).Id("EventType").Params().String().Block(jen.Return(jen.Id(g.names.eventConst[ev])))
	if g.reusesPayload(ev) {
		f.Add(eventType).Line()
		return
	}
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
	f.Add(eventType).Line()
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
	body := []jen.Code{jen.Return(jen.Nil())}
	if len(checks) > 0 {
		body = append([]jen.Code{jen.Var().Id("list").Index().Error(), jen.Id("errs").Op(":=").Op("&").Id("list")}, checks...)
		body = append(body, jen.Return(jen.Id("rtJoin").Call(jen.Id("list"))))
	}
	f.Add(goComment("Validate reports every violation of the contract, each with its JSON pointer.")).
		Func().Params(recv.Clone()).Id("Validate").Params().Error().Block(body...)
}

// genRegistry emits the event registry:
//
//	const EventTypeUserRegistered = "user.registered"
//	type Event interface { EventType() string; Validate() error }
//	var EventTypes = []EventInfo{{Type: …, Stream: …}}
//	func Decode(eventType string, data []byte) (Event, error)
func (g *gen) genRegistry(f *jen.File) {
	f.Add(goCommentItem("Event types, the Event interface and Decode for every contract."))
	var consts []jen.Code
	for _, ev := range g.set.Events {
		consts = append(consts, goCommentItem(g.names.eventConst[ev]+" is the event type of "+g.names.eventType[ev]+"."), jen.Id(g.names.eventConst[ev]).Op("=").Lit(ev.Type))
	}
	if len(consts) > 0 {
		f.Add(goCommentItem("Event types."))
		f.Const().Defs(consts...)
	}
	f.Add(goCommentItem("Event is implemented by every generated event type."))
	f.Type().Id("Event").Interface(
		goCommentItem("EventType returns the event type, such as \"organization.created\"."),
		jen.Id("EventType").Params().String(),
		goCommentItem("Validate reports every violation of the contract."),
		jen.Id("Validate").Params().Error(),
	)
	f.Add(goCommentItem("EventInfo describes one event type."))
	f.Type().Id("EventInfo").Struct(
		goCommentItem("Type is the event type; Stream the stream (aggregate) type."),
		jen.Id("Type").String(),
		jen.Id("Stream").String(),
		goCommentItem("New returns a zero event of the Go type."),
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
	var cases []jen.Code
	seen := map[string]bool{}
	for _, ev := range g.set.Events {
		// Two messages with one event type (lint's versioning rules report
		// it): Decode uses the first.
		if seen[ev.Type] {
			continue
		}
		seen[ev.Type] = true
		cases = append(cases, jen.Case(jen.Id(g.names.eventConst[ev])).Block(
			jen.Id("x").Op(":=").New(jen.Id(g.names.eventType[ev])),
			jen.If(jen.Err().Op(":=").Id("x").Dot("UnmarshalJSON").Call(jen.Id("data")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("x"), jen.Nil())))
	}
	cases = append(cases, jen.Default().Block(jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit("unknown event type: ").Op("+").Qual("strconv", "Quote").Call(jen.Id("eventType"))))))
	f.Add(goCommentItem("Decode decodes data as an event of eventType and validates it; the error\nlists every violation with its JSON pointer."))
	f.Func().Id("Decode").Params(jen.Id("eventType").String(), jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Switch(jen.Id("eventType")).Block(cases...),
	)
}
