package gogen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ecmaPatternProgram decodes payloads of testdata/gen/go-ecma-pattern,
// whose patterns use ECMA-262 escapes RE2 spells otherwise.
const ecmaPatternProgram = `package main

import (
	"fmt"

	"ecmapattern/events"
)

func main() {
	for _, payload := range []string{
		"{\"person_id\":\"0d5cc3b2-52a4-4b2e-9d0e-5b4a8f0c9e11\",\"family_name\":\"Noël Brontë\"}",
		"{\"person_id\":\"0d5cc3b2-52a4-4b2e-9d0e-5b4a8f0c9e11\",\"family_name\":\"R2D2\"}",
		"{\"person_id\":\"0d5cc3b2-52a4-4b2e-9d0e-5b4a8f0c9e11\",\"family_name\":\"Ŀ\",\"mood\":\"🙁\"}",
		"{\"person_id\":\"0d5cc3b2-52a4-4b2e-9d0e-5b4a8f0c9e11\",\"family_name\":\"Ŀ\",\"mood\":\"\\ud83d\"}",
		"{\"person_id\":\"0d5cc3b2-52a4-4b2e-9d0e-5b4a8f0c9e11\",\"family_name\":\"Ŀ\",\"signature\":\"a\\nb\"}",
		"{\"person_id\":\"0d5cc3b2-52a4-4b2e-9d0e-5b4a8f0c9e11\",\"family_name\":\"Ŀ\",\"labels\":{\"x-a\":\"1\",\"y-a\":\"2\"}}",
	} {
		_, err := events.Decode(events.EventTypePersonRegistered, []byte(payload))
		fmt.Printf("%v\n", err)
	}
}
`

// TestECMAPatternEscapes: \uXXXX, a surrogate pair, \u{…} and \cX in
// patterns are enforced with their ECMA-262 meaning (lint passes them, the
// package compiles and imports, and each decode is judged by the pattern).
func TestECMAPatternEscapes(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles and runs a program")
	}
	dir := filepath.Join(repoRoot(t), "testdata", "gen", "go-ecma-pattern")
	res := lintCase(t, dir)
	if len(res.Diagnostics) > 0 {
		t.Fatalf("lint: %v", res.Diagnostics)
	}
	if len(res.IR.RE2Patterns) != 4 || len(res.IR.PatternErrors) != 0 {
		t.Fatalf("respelled %v, refused %v; want 4 respelled, none refused", res.IR.RE2Patterns, res.IR.PatternErrors)
	}
	mod := newModule(t, "ecmapattern")
	generateInto(t, res.IR, mod, "events")
	main := filepath.Join(mod, "cmd")
	if err := os.MkdirAll(main, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(main, "main.go"), []byte(ecmaPatternProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	got := runProgram(t, main)
	want := strings.Join([]string{
		"<nil>",
		"/family_name: must match ^[A-Za-z\\u00C0-\\u017F ']+$",
		"<nil>",
		"/mood: must match ^(\\uD83D\\uDE00|\\u{1F641})$",
		"/signature: must match ^[^\\cJ\\cM]*$",
		"/labels/y-a: is not allowed (additionalProperties)",
	}, "\n") + "\n"
	if got != want {
		t.Errorf("outcomes differ:\n%s", lineDiff(want, got))
	}
}
