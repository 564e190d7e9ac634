package gogen

import (
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// TestGenerateRefusesNonIdentifiers: a name that is not a Go identifier
// (lower never decides one) stops generation instead of becoming source.
func TestGenerateRefusesNonIdentifiers(t *testing.T) {
	f, p := false, "X int }; func init() { println(1) }; type Y struct {"
	s := &ir.Schema{Types: []string{"object"}, GoName: p, Properties: []*ir.Property{{Name: "a", GoName: "A", Schema: &ir.Schema{Types: []string{"string"}}}}, AdditionalProperties: &ir.Schema{Bool: &f}}
	ev := &ir.Event{Type: "a.b", GoName: "AB", Stream: "a", Payload: s}
	set := &ir.Set{Contracts: []*ir.Contract{{File: "a.yaml", Events: []*ir.Event{ev}}}, Events: []*ir.Event{ev}, Schemas: []*ir.Schema{s}}
	ev.Contract = set.Contracts[0]
	if _, err := Generate(set, Options{Dir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "not identifiers") {
		t.Fatalf("Generate = %v, want an error about identifiers", err)
	}
}
