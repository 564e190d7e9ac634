// Package snapshot writes and reads asyncgen snapshots: the canonical,
// deterministic JSON of every event (type, stream, resolved schemas,
// version) and of the document facts the diff compares, usable as a diff
// baseline (`asyncgen diff --against snapshot.json`).
package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

// FormatVersion is the snapshot format; readers refuse newer ones.
const FormatVersion = 1

// File is a snapshot.
type File struct {
	Format    int        `json:"asyncgen_snapshot"`
	Contracts []Contract `json:"contracts"`
	Events    []Event    `json:"events"`
}

// Contract is one AsyncAPI document.
type Contract struct {
	File     string         `json:"file"`
	Title    string         `json:"title,omitempty"`
	Version  string         `json:"version"`
	AsyncAPI string         `json:"asyncapi"`
	Document map[string]any `json:"document,omitempty"` // other top-level fields
	Channels []Channel      `json:"channels,omitempty"`
}

// Channel is one channel with its operations.
type Channel struct {
	Name       string         `json:"name"`
	Fields     map[string]any `json:"fields,omitempty"`
	Operations []Operation    `json:"operations,omitempty"`
	Events     []string       `json:"events,omitempty"`
}

// Operation is a publish or subscribe operation.
type Operation struct {
	Kind   string         `json:"kind"`
	Fields map[string]any `json:"fields,omitempty"`
	Events []string       `json:"events,omitempty"`
}

// Event is one event type with its resolved schemas.
type Event struct {
	Type     string `json:"event_type"`
	Stream   string `json:"stream_type"`
	Channel  string `json:"channel,omitempty"`
	Contract string `json:"contract,omitempty"`
	// Version is the contract's info.version.
	Version    string         `json:"version,omitempty"`
	MessageKey string         `json:"message_key,omitempty"`
	Envelope   bool           `json:"envelope"`
	Message    map[string]any `json:"message,omitempty"` // message fields but payload and headers
	Payload    any            `json:"payload"`
	Headers    any            `json:"headers,omitempty"`
}

// Build takes the snapshot of a loaded contract set.
func Build(set *ir.Set) *File {
	side := diff.NewSide(set, "")
	f := &File{Format: FormatVersion, Contracts: []Contract{}, Events: []Event{}}
	for _, c := range side.Contracts {
		sc := Contract{File: c.File, Title: c.Title, Version: c.Version, AsyncAPI: c.AsyncAPI, Document: nilIfEmpty(c.Attrs)}
		for _, ch := range c.Channels {
			sch := Channel{Name: ch.Name, Fields: nilIfEmpty(ch.Attrs), Events: ch.Events}
			for _, op := range ch.Operations {
				sch.Operations = append(sch.Operations, Operation{Kind: op.Kind, Fields: nilIfEmpty(op.Attrs), Events: op.Events})
			}
			sc.Channels = append(sc.Channels, sch)
		}
		f.Contracts = append(f.Contracts, sc)
	}
	sort.Slice(f.Contracts, func(i, j int) bool { return f.Contracts[i].File < f.Contracts[j].File })
	for _, e := range side.Events {
		se := Event{Type: e.Type, Stream: e.Stream, Channel: e.Channel, MessageKey: e.Key, Envelope: e.Envelope, Message: nilIfEmpty(e.Attrs)}
		if e.Contract != nil {
			se.Contract, se.Version = e.Contract.File, e.Contract.Version
		}
		if e.Payload != nil {
			se.Payload = ir.Canonical(e.Payload)
		}
		if e.Headers != nil {
			se.Headers = ir.Canonical(e.Headers)
		}
		f.Events = append(f.Events, se)
	}
	return f
}

func nilIfEmpty(m map[string]any) map[string]any {
	if len(m) == 0 {
		return nil
	}
	return m
}

// Encode writes the snapshot as indented JSON with sorted keys: the same
// contracts always give the same bytes.
func (f *File) Encode() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		panic(err) // only JSON values are stored
	}
	return b.Bytes()
}

// IsSnapshot reports whether data looks like a snapshot file.
func IsSnapshot(data []byte) bool {
	var head struct {
		Format *int `json:"asyncgen_snapshot"`
	}
	return json.Unmarshal(data, &head) == nil && head.Format != nil
}

// Read decodes a snapshot into a diff side; file is the display path used
// in positions.
func Read(data []byte, file, label string) (*diff.Side, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: not an asyncgen snapshot: %v", file, err)
	}
	if f.Format < 1 || f.Format > FormatVersion {
		return nil, fmt.Errorf("%s: snapshot format %d is not supported (this asyncgen reads format %d)", file, f.Format, FormatVersion)
	}
	pos := location.Pos{File: file}
	side := &diff.Side{Label: label, Resources: map[string]any{}}
	contracts := map[string]*diff.Contract{}
	for _, c := range f.Contracts {
		dc := &diff.Contract{File: c.File, URL: "snapshot:" + c.File, Title: c.Title, Version: c.Version, AsyncAPI: c.AsyncAPI, Attrs: orEmpty(c.Document), Pos: pos, VersionPos: pos}
		for _, ch := range c.Channels {
			dch := &diff.Channel{Name: ch.Name, Pos: pos, Attrs: orEmpty(ch.Fields), Events: ch.Events}
			for _, op := range ch.Operations {
				dch.Operations = append(dch.Operations, &diff.Operation{Kind: op.Kind, Pos: pos, Attrs: orEmpty(op.Fields), Events: op.Events})
			}
			dc.Channels = append(dc.Channels, dch)
		}
		contracts[c.File] = dc
		side.Contracts = append(side.Contracts, dc)
	}
	for i, e := range f.Events {
		de := &diff.Event{Type: e.Type, Stream: e.Stream, Channel: e.Channel, Key: e.MessageKey, Contract: contracts[e.Contract], Pos: pos, Attrs: e.Message, Envelope: e.Envelope}
		base := "snapshot:" + file + "#/events/" + strconv.Itoa(i)
		de.Payload = Schema(side.Resources, base+"/payload", e.Payload, file)
		de.Headers = Schema(side.Resources, base+"/headers", e.Headers, file)
		SplitEnvelope(de)
		side.Events = append(side.Events, de)
	}
	side.Finish()
	return side, nil
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// Schema decodes one canonical schema held as a JSON value, registering it
// as its own resource (its "#/definitions/…" refs are relative to itself).
func Schema(resources map[string]any, url string, v any, file string) *ir.Schema {
	if v == nil {
		return nil
	}
	resources[url] = v
	r := diff.NewSchemaReader(resources, func(string, string) location.Pos { return location.Pos{File: file} })
	return r.Schema(url, "")
}

// SplitEnvelope sets an event's data and metadata schemas from its payload.
func SplitEnvelope(e *diff.Event) {
	e.Data = e.Payload
	if e.Payload == nil {
		return
	}
	if e.Envelope {
		if p := e.Payload.Property("event_data"); p != nil {
			e.Data = p.Schema
		}
		if p := e.Payload.Property("event_metadata"); p != nil {
			e.Metadata = p.Schema
		}
	}
}
