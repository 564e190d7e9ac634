package gogen

import (
	"github.com/dave/jennifer/jen"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// The event store side of the registry: an event type is stored as a
// domain_events row whose event_data column holds the data (for an
// envelope contract, the envelope's event_data) and whose event_metadata
// column holds the envelope's event_metadata ({} for a plain contract).

// defaultEventStore is the table Append writes when Options.EventStore is empty.
const defaultEventStore = "public.domain_events"

// genStoredColumns emits the method StoredRow reads an event's columns with:
//
//	func (x UserRegistered) storedColumns() (streamID string, data, metadata []byte, err error) {
//		b, err := json.Marshal(x); …; return rtSplitEnvelope(b)
//	}
func (g *gen) genStoredColumns(ev *ir.Event, name string) jen.Code {
	body := []jen.Code{
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual(jsonPkg, "Marshal").Call(jen.Id("x")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Lit(""), jen.Nil(), jen.Nil(), jen.Err())),
	}
	text := "storedColumns returns the event_data and event_metadata columns of x."
	if ev.Envelope {
		text = "storedColumns returns the event_data and event_metadata columns of x and\nthe stream id the envelope carries."
		body = append(body, jen.Return(jen.Id("rtSplitEnvelope").Call(jen.Id("b"))))
	} else {
		body = append(body, jen.Return(jen.Lit(""), jen.Id("b"), jen.Index().Byte().Call(jen.Lit("{}")), jen.Nil()))
	}
	return goComment(text).
		Func().Params(jen.Id("x").Id(name)).Id("storedColumns").Params().
		Params(jen.Id("streamID").String(), jen.List(jen.Id("data"), jen.Id("metadata")).Index().Byte(), jen.Err().Error()).Block(body...)
}

// genStored emits DecodeStored, StoredRow, Execer and Append:
//
//	func DecodeStored(eventType string, data, metadata []byte) (Event, error)
//	func StoredRow(ev Event) (streamType, eventType string, data, metadata []byte, err error)
//	type Execer interface { ExecContext(…) (sql.Result, error) }
//	func Append(ctx context.Context, db Execer, streamID string, version int64, ev Event) error
func (g *gen) genStored(f *jen.File) {
	var cases []jen.Code
	for _, ev := range g.firstEvents() {
		if !ev.Envelope {
			continue
		}
		if fn := g.storedDecoder(ev); fn != "" {
			cases = append(cases, jen.Case(jen.Id(g.names.eventConst[ev])).Block(jen.Return(jen.Id(fn).Call(jen.Id("data"), jen.Id("metadata")))))
		} else {
			stream := "" // rtEnvelope writes stream_type only for an envelope that has it
			if g.payload[ev].Property("stream_type") != nil {
				stream = ev.Stream
			}
			meta := 0 // rtEnvelope: no event_metadata property; 1 optional; 2 required
			if mp := g.payload[ev].Property("event_metadata"); mp != nil {
				meta = 1
				if mp.Required {
					meta = 2
				}
			}
			cases = append(cases, jen.Case(jen.Id(g.names.eventConst[ev])).Block(
				jen.Return(jen.Id("Decode").Call(jen.Id("eventType"), jen.Id("rtEnvelope").Call(jen.Id("eventType"), jen.Lit(stream), jen.Id("data"), jen.Id("metadata"), jen.Lit(meta))))))
		}
	}
	body := []jen.Code{}
	if len(cases) > 0 {
		body = append(body, jen.Switch(jen.Id("eventType")).Block(cases...))
	}
	// Decode first: an unknown event type is ErrUnknownEventType whatever the metadata.
	body = append(body,
		jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("Decode").Call(jen.Id("eventType"), jen.Id("data")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.If(jen.Err().Op(":=").Id("rtMetadataObject").Call(jen.Id("metadata")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("ev"), jen.Nil()))
	f.Add(goCommentItem("DecodeStored decodes the event_data and event_metadata columns of a stored\n" +
		"row (what StoredRow returns and Append writes) as an event of eventType and\n" +
		"validates them, for both contract layouts. For an envelope contract the\n" +
		"data and metadata fill the envelope's event_data and event_metadata, and\n" +
		"its const event_type and stream_type are implied; other members of the\n" +
		"envelope (stream_id …) are row columns: set them from the row. For a plain\n" +
		"contract the data is the event and metadata, which the contract does not\n" +
		"describe, must be empty or a JSON object. Errors are those of Decode."))
	f.Func().Id("DecodeStored").Params(jen.Id("eventType").String(), jen.List(jen.Id("data"), jen.Id("metadata")).Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(body...)

	f.Add(goCommentItem("storedEvent is implemented by every event type of this package."))
	f.Type().Id("storedEvent").Interface(jen.Id("storedColumns").Params().Params(jen.Id("streamID").String(), jen.List(jen.Id("data"), jen.Id("metadata")).Index().Byte(), jen.Err().Error()))
	notOurs := jen.Qual("fmt", "Errorf").Call(jen.Lit("%w: %T is not an event type of this package"), jen.Id("ErrUnknownEventType"), jen.Id("ev"))
	f.Add(goCommentItem("StoredRow validates ev and returns the columns of its row in the event\n" +
		"store: its stream type, event type, event_data and event_metadata (for a\n" +
		"plain contract {}). DecodeStored is its inverse."))
	f.Func().Id("StoredRow").Params(jen.Id("ev").Id("Event")).Params(jen.List(jen.Id("streamType"), jen.Id("eventType")).String(), jen.List(jen.Id("data"), jen.Id("metadata")).Index().Byte(), jen.Err().Error()).Block(
		jen.List(jen.Id("_"), jen.Id("data"), jen.Id("metadata"), jen.Err()).Op("=").Id("storedRow").Call(jen.Id("ev")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Lit(""), jen.Lit(""), jen.Nil(), jen.Nil(), jen.Err())),
		jen.Return(jen.Id("ev").Dot("StreamType").Call(), jen.Id("ev").Dot("EventType").Call(), jen.Id("data"), jen.Id("metadata"), jen.Nil()))
	f.Add(goCommentItem("storedRow is StoredRow with the stream id an envelope carries."))
	f.Func().Id("storedRow").Params(jen.Id("ev").Id("Event")).Params(jen.Id("streamID").String(), jen.List(jen.Id("data"), jen.Id("metadata")).Index().Byte(), jen.Err().Error()).Block(
		jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Id("ev").Op(".").Parens(jen.Id("storedEvent")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Lit(""), jen.Nil(), jen.Nil(), notOurs)),
		jen.If(jen.Err().Op(":=").Id("ev").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Lit(""), jen.Nil(), jen.Nil(), jen.Err())),
		jen.Return(jen.Id("s").Dot("storedColumns").Call()))

	f.Add(goCommentItem("Execer runs one statement: *sql.DB, *sql.Tx and *sql.Conn satisfy it, over\n" +
		"any database/sql driver (pgx's stdlib adapter included)."))
	f.Type().Id("Execer").Interface(
		jen.Id("ExecContext").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("query").String(), jen.Id("args").Op("...").Any()).Params(jen.Qual("database/sql", "Result"), jen.Error()))
	store := g.o.EventStore
	if store == "" {
		store = defaultEventStore
	}
	f.Add(goCommentItem("appendSQL inserts one event into the event store (sql.schema, sql.event_store)."))
	f.Const().Id("appendSQL").Op("=").Lit("INSERT INTO " + store + " (stream_id, stream_type, stream_version, event_type, event_data, event_metadata) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)")
	f.Add(goCommentItem("Append validates ev and inserts it into the event store as event number\n" +
		"version (from 1) of stream streamID. An envelope's stream_id, when set, must\n" +
		"be streamID. Errors from db are wrapped: errors.As finds the driver's own\n" +
		"(a unique violation means the stream already has that version)."))
	f.Func().Id("Append").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("db").Id("Execer"), jen.Id("streamID").String(), jen.Id("version").Int64(), jen.Id("ev").Id("Event")).Error().Block(
		jen.List(jen.Id("carried"), jen.Id("data"), jen.Id("metadata"), jen.Err()).Op(":=").Id("storedRow").Call(jen.Id("ev")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.If(jen.Id("carried").Op("!=").Lit("").Op("&&").Id("carried").Op("!=").Id("streamID")).Block(
			jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("appending %s: the event's stream_id %q is not stream %q"), jen.Id("ev").Dot("EventType").Call(), jen.Id("carried"), jen.Id("streamID")))),
		jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("db").Dot("ExecContext").Call(jen.Id("ctx"), jen.Id("appendSQL"), jen.Id("streamID"), jen.Id("ev").Dot("StreamType").Call(), jen.Id("version"), jen.Id("ev").Dot("EventType").Call(), jen.String().Call(jen.Id("data")), jen.String().Call(jen.Id("metadata"))), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("appending %s to stream %s: %w"), jen.Id("ev").Dot("EventType").Call(), jen.Id("streamID"), jen.Err()))),
		jen.Return(jen.Nil()))
}

// genDecodeStored emits, for an envelope event whose Go type is a struct,
// the decoder of its stored columns (next to the event's type):
//
//	func decodeStoredUserRegistered(data, metadata []byte) (Event, error) {
//		m, err := rtStoredColumns(data, metadata, false)
//		…
//		x.EventData = rtSub(m, "event_data", p, errs, convertUserRegisteredData)
//		…
//	}
func (g *gen) genDecodeStored(f *jen.File, ev *ir.Event) {
	fn := g.storedDecoder(ev)
	if fn == "" {
		return
	}
	sh := g.model.shape(g.model.target(g.payload[ev]))
	only := map[*field]bool{}
	var req []jen.Code
	var conv []jen.Code
	optionalMetadata := true
	fill := map[string]jen.Code{"event_type": jen.Id(g.names.eventConst[ev]), "stream_type": jen.Lit(ev.Stream)}
	for _, fd := range sh.fields {
		switch name := fd.prop.Name; {
		case name == "event_data" || name == "event_metadata":
			only[fd] = true
			if fd.required {
				req = append(req, jen.Lit(name))
				if name == "event_metadata" {
					optionalMetadata = false
				}
			}
			conv = append(conv, g.convField(fd)...)
		case fill[name] != nil && !fd.constant && g.model.shape(g.model.target(fd.prop.Schema)).kind == kString && !g.fieldPointer(fd):
			// a plain string member: the row's own value
			conv = append(conv, jen.Id("x").Dot(fd.name).Op("=").Add(fill[name]))
		}
	}
	body := []jen.Code{
		jen.List(jen.Id("m"), jen.Err()).Op(":=").Id("rtStoredColumns").Call(jen.Id("data"), jen.Id("metadata"), jen.Lit(optionalMetadata)),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Var().Id("p").Op("*").Id("rtPath"),
		jen.Var().Id("list").Index().Error(),
		jen.Id("errs").Op(":=").Op("&").Id("list"),
		jen.Id("x").Op(":=").New(jen.Id(g.names.eventType[ev])),
	}
	if len(req) > 0 {
		body = append(body, jen.Id("rtRequire").Call(append([]jen.Code{jen.Id("m"), jen.Id("p"), jen.Id("errs")}, req...)...))
	}
	body = append(body, conv...)
	if checks := g.fieldChecks(sh, only); len(checks) > 0 {
		body = append(body, jen.If(jen.Len(jen.Id("list")).Op("==").Lit(0)).Block(checks...))
	}
	body = append(body,
		jen.If(jen.Len(jen.Id("list")).Op(">").Lit(0)).Block(jen.Return(jen.Nil(), jen.Id("rtJoin").Call(jen.Id("list")))),
		jen.Return(jen.Id("x"), jen.Nil()))
	f.Add(goCommentItem(fn + " decodes the stored columns of a " + oneLine(ev.Type) + " row."))
	f.Func().Id(fn).Params(jen.List(jen.Id("data"), jen.Id("metadata")).Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(body...)
}

// storedDecoder names the stored-columns decoder of an envelope event whose
// Go type is a struct, or returns "" (DecodeStored then decodes a built
// envelope).
func (g *gen) storedDecoder(ev *ir.Event) string {
	if !ev.Envelope {
		return ""
	}
	sh := g.model.shape(g.model.target(g.payload[ev]))
	if sh.kind != kStruct || sh.nullOK {
		return ""
	}
	return "decodeStored" + g.names.eventType[ev]
}
