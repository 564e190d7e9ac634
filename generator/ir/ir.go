// Package ir is the boundary between reading contracts and everything that
// uses them (lint rules, Go and SQL generators, diff). Names, Go identifiers
// and versions are decided once, in lower, and carried here.
package ir

import (
	"github.com/asyncgen/asyncgen/generator/location"
)

// Set is one run's resolved contracts.
type Set struct {
	// SQL holds the SQL names that belong to no stream.
	SQL       SetSQL
	Contracts []*Contract
	// Events sorted by event type.
	Events []*Event
	// Streams sorted by name.
	Streams []*Stream
	// Schemas lists every resolved schema location once, in discovery order.
	Schemas []*Schema
	// ResourceURLs lists the file URL ("file:///abs/path.yaml") of every
	// loaded file, sorted.
	ResourceURLs []string
	// ResourceJSON returns a file's JSON (nil for an unknown url), with
	// nullable rewritten to draft-07, written straight from the source tree
	// for the JSON Schema oracle. Keys keep their source order.
	ResourceJSON func(url string) []byte
	// ResourceValues returns every file as a JSON value (map[string]any …),
	// keyed by URL, with the same rewrite; built on first use (lint and
	// generate never need it, diff does) and shared afterwards.
	ResourceValues func() map[string]any
	// SchemaJSON returns the draft-07 JSON of one schema's own object as
	// written (same nullable rewrite as ResourceJSON), with each subschema
	// written as {"$ref": ref(child)}: the oracle compiles each distinct
	// schema object once. ok is false when the object cannot be written
	// that way (a $ref with other siblings than annotations, $id,
	// definitions, a stand-in for an unresolved $ref); the oracle then
	// compiles the files themselves.
	SchemaJSON func(s *Schema, ref func(child *Schema) string) (b []byte, ok bool)
	// Locate maps a file URL plus JSON pointer to a source position.
	Locate func(url, pointer string) location.Pos
	// LocateIn maps a JSON pointer inside a schema's own object (such as
	// /examples/0/name) to a source position; it follows the schema's
	// source node, so it works where the schema's Pointer is not its place
	// in the file (a trait's headers merged into a message).
	LocateIn func(s *Schema, pointer string) location.Pos
	// Checked lists the message schemas lint validates beside event
	// payloads (checked.go). Every other schema lower found, referenced
	// or not, is in Schemas; emitters read neither.
	Checked []*Checked
	// PatternErrors maps every pattern of Schemas (pattern keywords,
	// patternProperties keys) that Go's regexp package (RE2) cannot
	// compile to the reason, decided once in lower: codegen/pattern
	// reports these, and generated validators fail closed on what they
	// govern (see PatternError). Keyed by the pattern's text, so schemas
	// merged from others (Flattener) find their pattern's verdict too.
	PatternErrors map[string]string
	// RE2Patterns maps each pattern whose ECMA-262 escapes RE2 spells
	// differently (\uXXXX, \cX) to the spelling Go compiles (RE2Pattern):
	// generated validators and lint's jsonschema/v5 compile that one.
	// Patterns RE2 compiles as written are not in it (see RE2).
	RE2Patterns map[string]string
}

// PatternError returns why Go's regexp package cannot compile the pattern
// p, or "" when it compiles (see PatternErrors).
func (s *Set) PatternError(p string) string {
	return s.PatternErrors[p]
}

// DropSource forgets the functions that read the source files (ResourceJSON,
// ResourceValues, SchemaJSON, Locate and each example's Locate), so that
// the parsed files they hold, about half of the heap after lint, can be
// collected. The generators read none of them; a stage that needs them
// must run before.
func (s *Set) DropSource() {
	s.ResourceJSON, s.ResourceValues, s.SchemaJSON, s.Locate, s.LocateIn = nil, nil, nil, nil, nil
	for _, ev := range s.Events {
		for i := range ev.Examples {
			ev.Examples[i].Locate = nil
		}
	}
	for _, c := range s.Checked {
		for i := range c.Examples {
			c.Examples[i].Locate = nil
		}
	}
}

// Contract is one AsyncAPI document.
type Contract struct {
	File       string // display path
	URL        string // file:///abs
	Pos        location.Pos
	Title      string
	Version    string // info.version as written
	VersionPos location.Pos
	AsyncAPI   string // "2.6.0"
	Events     []*Event
}

// Stream is an aggregate type: the events that share a stream_type.
type Stream struct {
	Name   string
	Events []*Event
	// SQL carries the SQL identifiers decided in lower.
	SQL StreamSQL
}

// Event is one message reachable from a channel.
type Event struct {
	// Type is the event type ("organization.created").
	Type    string
	TypePos location.Pos
	// TypeFrom says where Type came from: "name" or "channel".
	TypeFrom  string
	Stream    string
	StreamPos location.Pos
	// GoName is the Go identifier of the event ("OrganizationCreated").
	GoName string
	// PayloadGoName is set when the payload schema is named like the event:
	// the name its Go type takes when the event needs a type of its own
	// (a nullable, shared or aliased payload gets a thin event type named
	// GoName). Decided in lower, unique among the run's Go names.
	PayloadGoName               string
	Key                         string // components.messages key, if any
	KeyPos                      location.Pos
	Contract                    *Contract
	Channel                     string
	Pos                         location.Pos // the message object
	Title, Summary, Description string
	Deprecated                  bool
	// Envelope is true when the payload has event_type and event_data.
	Envelope bool
	Payload  *Schema
	Data     *Schema
	Metadata *Schema // envelope event_metadata, or nil
	// EventTypeConst is the payload's event_type const, if any.
	EventTypeConst    string
	EventTypeConstPos location.Pos
	Examples          []Example
	Projection        *Projection
	// SQLName is the message's x-sql-name: the name its SQL functions take
	// instead of one derived from the stream and event type.
	SQLName    string
	SQLNamePos location.Pos
}

// Example is one message example payload.
type Example struct {
	Name    string
	Pos     location.Pos
	URL     string // file URL
	Pointer string // JSON pointer of the payload in its file
	Value   any    // JSON-shaped value (json.Number for numbers)
	// Locate maps a JSON pointer inside Value to its source position.
	Locate func(pointer string) location.Pos
}

// Projection is the x-projection extension of a message.
type Projection struct {
	Pos      location.Pos
	Table    string
	TablePos location.Pos
	Key      string
	Action   string
	Set      map[string]any
	// Tenant names the data property whose value is the row's tenant, for
	// streams whose data has no tenant-column property (an organization is
	// its own tenant: tenant: organization_id).
	Tenant string
}

// ReservedGoNames are the exported identifiers of the generated package's
// registry; a schema or event must not take one (EventType<Event> constants
// and <Enum>Values lists are reserved too).
var ReservedGoNames = []string{"Append", "Decode", "DecodeStored", "ErrUnknownEventType", "Event", "EventInfo", "EventTypes", "Execer", "StoredRow", "ValidationError"}
