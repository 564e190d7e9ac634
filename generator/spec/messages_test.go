package spec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/diag"
)

// TestChannelsAndInfoByRef: a document whose channels map and info object
// are $refs into a fragment still yields its events, and the fragment,
// although it holds info and channels, is not mistaken for a document that
// lacks its asyncapi key.
func TestChannelsAndInfoByRef(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("api.yaml", "asyncapi: 2.6.0\ninfo:\n  $ref: './parts.yaml#/info'\nchannels:\n  $ref: './parts.yaml#/channels'\n")
	write("parts.yaml", "info:\n  title: Parts\n  version: 1.0.0\nchannels:\n  user.registered:\n    subscribe:\n      message:\n        payload: {type: object}\n")
	l := NewLoader(dir, dir)
	files, err := ContractFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	set := Load(l, files)
	for _, d := range l.Diags {
		if d.Severity == diag.Error {
			t.Errorf("unexpected error: %s %s [%s]", d.Pos, d.Message, d.Rule)
		}
	}
	if len(set.Documents) != 1 {
		t.Fatalf("documents: %d", len(set.Documents))
	}
	uses := l.Messages(set.Documents[0])
	if len(uses) != 1 || uses[0].Channel != "user.registered" {
		t.Fatalf("messages through the channels $ref: %+v", uses)
	}
}

// TestLookalikeWithoutVersionIsReported: the same shape, referenced by
// nothing, is a document that forgot its asyncapi key.
func TestLookalikeWithoutVersionIsReported(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "api.yaml"), []byte("info:\n  title: X\n  version: 1.0.0\nchannels: {}\n"), 0o644)
	l := NewLoader(dir, dir)
	files, _ := ContractFiles([]string{dir})
	Load(l, files)
	if len(l.Diags) != 1 || l.Diags[0].Rule != RuleAsyncAPIVersion || l.Diags[0].Pos.Line != 1 {
		t.Fatalf("want one %s at line 1, got %v", RuleAsyncAPIVersion, l.Diags)
	}
}

// TestMessageOneOfThatReachesItself: a message oneOf that lists itself (or
// a oneOf that lists the oneOf holding it) expands to its real members once
// and ends, whatever the structure walk says about it.
func TestMessageOneOfThatReachesItself(t *testing.T) {
	dir := t.TempDir()
	body := `asyncapi: 2.6.0
info: {title: Loop, version: 1.0.0}
channels:
  events:
    publish:
      message:
        $ref: '#/components/messages/All'
    subscribe:
      message:
        oneOf:
          - $ref: '#/components/messages/All'
          - $ref: '#/components/messages/Pong'
components:
  messages:
    All:
      oneOf:
        - $ref: '#/components/messages/All'
        - $ref: '#/components/messages/Ping'
        - $ref: '#/components/messages/Inner'
    Inner:
      oneOf:
        - $ref: '#/components/messages/All'
        - $ref: '#/components/messages/Ping'
    Ping: {name: ping, payload: {type: object}}
    Pong: {name: pong, payload: {type: object}}
`
	if err := os.WriteFile(filepath.Join(dir, "api.yaml"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	l := NewLoader(dir, dir)
	files, err := ContractFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	set := Load(l, files)
	var got []string
	for _, u := range l.Messages(set.Documents[0]) {
		name, _ := u.Node.Get("name").StringValue()
		got = append(got, u.Operation+" "+name)
	}
	if want := []string{"subscribe ping", "subscribe pong"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("messages = %q, want %q", got, want)
	}
}
