package diff

import (
	"sort"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

// Side is one version of the contracts as the diff sees them: the events
// with their resolved schemas, and the document-level facts (channels,
// operations, message attributes) that the document rows compare.
type Side struct {
	// Label names the side in messages: "new", "git:main", "registry v3".
	Label     string
	Contracts []*Contract
	// Events sorted by event type.
	Events []*Event
	// SchemasOnly is set when only the events' schemas are known (the
	// registry): document-level rows are not checked against such a side.
	SchemasOnly bool
	// Stored is set on a side read back from PostgreSQL (the registry),
	// which holds a NUL as the text \x00 (ir.Storable): the contracts are
	// compared with it in that form.
	Stored bool
	// Resources are the JSON documents the schemas come from, by URL, for
	// keywords the IR does not type (x-*, $id, $comment).
	Resources map[string]any
	// FileLabel rewrites display paths of positions (git baselines show
	// "main:contracts/x.yaml"); nil keeps them.
	FileLabel func(string) string

	byType map[string]*Event
}

// Contract is one AsyncAPI document of a side.
type Contract struct {
	File, URL  string
	Title      string
	Version    string
	AsyncAPI   string
	Pos        location.Pos
	VersionPos location.Pos
	// Attrs holds the document's other top-level fields (info without
	// version, defaultContentType, tags, externalDocs, id, servers, x-*).
	Attrs    map[string]any
	At       func(ptr string) location.Pos
	Channels []*Channel
}

// Channel is one channel of a contract.
type Channel struct {
	Name string
	Pos  location.Pos
	// Attrs holds the channel's fields other than its operations.
	Attrs      map[string]any
	At         func(ptr string) location.Pos
	Operations []*Operation
	// Events lists the event types the channel carries, sorted.
	Events []string
}

// Operation is a channel's publish or subscribe operation.
type Operation struct {
	Kind   string
	Pos    location.Pos
	Attrs  map[string]any
	At     func(ptr string) location.Pos
	Events []string
}

// Event is one event type of a side.
type Event struct {
	Type     string
	Stream   string
	Channel  string
	Key      string // components.messages key, if any
	Contract *Contract
	Pos      location.Pos
	// Attrs holds the message's fields (traits merged, $refs inlined) other
	// than payload, headers, examples and traits.
	Attrs map[string]any
	At    func(ptr string) location.Pos
	// Payload is the resolved payload schema; nil when only Data and
	// Metadata are known (event_types rows registered without history).
	Payload  *ir.Schema
	Headers  *ir.Schema
	Envelope bool
	Data     *ir.Schema
	Metadata *ir.Schema
	// Version labels a registered version ("v3"); empty for files.
	Version string
}

// Event returns the event of the given type, or nil.
func (s *Side) Event(typ string) *Event {
	if s.byType == nil {
		s.byType = make(map[string]*Event, len(s.Events))
		for _, e := range s.Events {
			if _, dup := s.byType[e.Type]; !dup {
				s.byType[e.Type] = e
			}
		}
	}
	return s.byType[typ]
}

// Finish sorts a side built by hand (snapshots, registry).
func (s *Side) Finish() {
	sort.SliceStable(s.Events, func(i, j int) bool { return s.Events[i].Type < s.Events[j].Type })
	s.byType = nil
	for _, c := range s.Contracts {
		sort.Slice(c.Channels, func(i, j int) bool { return c.Channels[i].Name < c.Channels[j].Name })
	}
}

func (s *Side) pos(p location.Pos) location.Pos {
	if s.FileLabel != nil && p.File != "" {
		p.File = s.FileLabel(p.File)
	}
	return p
}

// raw returns the JSON object a schema was read from, if known.
func (s *Side) raw(sc *ir.Schema) map[string]any {
	if sc == nil || s.Resources == nil {
		return nil
	}
	doc, ok := s.Resources[sc.URL]
	if !ok {
		return nil
	}
	v, ok := lookup(doc, sc.Pointer)
	if !ok {
		return nil
	}
	m, _ := v.(map[string]any)
	return m
}

// NewSchemaReader decodes JSON Schemas held as JSON values (by document
// URL) into ir.Schema values; locate may be nil.
func NewSchemaReader(docs map[string]any, locate func(url, ptr string) location.Pos) *SchemaReader {
	return &SchemaReader{d: newDecoder(resources(docs), locate)}
}

// SchemaReader is the decoder for snapshots and registry rows.
type SchemaReader struct{ d *decoder }

// Schema decodes the schema at url#ptr; nil when there is none.
func (r *SchemaReader) Schema(url, ptr string) *ir.Schema {
	doc, ok := r.d.res[url]
	if !ok {
		return nil
	}
	v, ok := lookup(doc, ptr)
	if !ok || v == nil {
		return nil
	}
	return r.d.schema(url, ptr, v)
}
