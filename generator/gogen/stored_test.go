package gogen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// storedContract has the envelope shapes the shipped contracts lack: an
// envelope whose event_type and stream_type are plain string fields the
// row fills, with optional metadata, and one the typed layer carries as a
// generic value (DecodeStored builds the envelope for it).
const storedContract = `asyncapi: 2.6.0
info: {title: Notes, version: 1.0.0}
channels:
  note.added:
    subscribe:
      message:
        name: note.added
        payload:
          type: object
          additionalProperties: false
          required: [stream_id, event_type, stream_type, event_data]
          properties:
            stream_id: {type: string}
            event_type: {type: string}
            stream_type: {type: string}
            event_data:
              type: object
              required: [text]
              properties:
                text: {type: string, minLength: 1}
            event_metadata:
              type: object
              properties:
                user_id: {type: string}
  note.flagged:
    subscribe:
      message:
        name: note.flagged
        payload:
          type: object
          required: [event_type, event_data]
          not: {required: [nope]}
          properties:
            event_type: {const: note.flagged}
            event_data: {type: object}
`

const storedProgram = `package main

import (
	"fmt"
	"reflect"

	"example.com/stored/events"
)

func main() {
	added := events.NoteAdded{StreamID: "s1", EventTypeField: "note.added", StreamTypeField: "note", EventData: events.NoteAddedEventData{Text: "hi"}}
	st, et, data, md, err := events.StoredRow(added)
	fmt.Println("row:", st, et, string(data), string(md), err)
	got, err := events.DecodeStored(et, data, md)
	if err != nil {
		fmt.Println("DecodeStored:", err)
		return
	}
	back := *got.(*events.NoteAdded)
	back.StreamID = "s1"
	fmt.Println("added equal:", reflect.DeepEqual(back, added))
	_, err = events.DecodeStored(et, data, []byte("[]"))
	fmt.Println("array metadata:", err)
	_, err = events.DecodeStored(et, []byte("{}"), md)
	fmt.Println("empty data:", err)

	flagged, err := events.Decode("note.flagged", []byte(` + "`" + `{"event_type":"note.flagged","event_data":{"n":1}}` + "`" + `))
	if err != nil {
		fmt.Println("Decode:", err)
		return
	}
	st, et, data, md, err = events.StoredRow(flagged)
	fmt.Println("row:", st, et, string(data), string(md), err)
	got, err = events.DecodeStored(et, data, md)
	fmt.Println("flagged equal:", err == nil && reflect.DeepEqual(got, flagged))
}
`

// TestStoredEnvelopes: StoredRow and DecodeStored are inverses for both
// envelope shapes, and the columns are checked with their own pointers.
func TestStoredEnvelopes(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.yaml"), []byte(storedContract), 0o644); err != nil {
		t.Fatal(err)
	}
	res := lintDir(t, dir, "naming", "conventions", "examples")
	if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
		t.Fatalf("lint errors: %v", errs)
	}
	mod := newModule(t, "example.com/stored")
	generateInto(t, res.IR, mod, "events")
	if err := os.WriteFile(filepath.Join(mod, "main.go"), []byte(storedProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	got := runProgram(t, mod)
	want := `row: note note.added {"text":"hi"} {} <nil>
added equal: true
array metadata: /event_metadata: must be object
empty data: /event_data/text: is required
row: note note.flagged {"n":1} {} <nil>
flagged equal: true
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(got, "DecodeStored:") {
		t.Fatal("DecodeStored failed")
	}
}
