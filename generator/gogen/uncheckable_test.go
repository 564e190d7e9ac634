package gogen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// uncheckableProgram decodes payloads of testdata/gen/go-uncheckable-pattern
// (patterns Go's regexp cannot compile, codegen category off) and prints
// each outcome; importing the package at all proves it does not panic.
const uncheckableProgram = `package main

import (
	"fmt"

	"uncheckable/events"
)

func main() {
	for _, payload := range []string{
		` + "`" + `{"username":"ada"}` + "`" + `,
		` + "`" + `{"username":"ada","nickname":"bo","aliases":["cy"]}` + "`" + `,
		` + "`" + `{"username":"ada","labels":{"aa":"x","l_b":"y"}}` + "`" + `,
		` + "`" + `{"username":"ada","labels":{}}` + "`" + `,
		` + "`" + `{"username":"ada","flags":{"bb":true}}` + "`" + `,
		` + "`" + `{"username":"ada","tags":{"x1":1}}` + "`" + `,
		` + "`" + `{"username":"ada","handle":"bob"}` + "`" + `,
		` + "`" + `{"username":"ada","handle":7}` + "`" + `,
		` + "`" + `{"username":"ada","code":"12"}` + "`" + `,
		` + "`" + `{"username":"ada","code":5}` + "`" + `,
		` + "`" + `{"username":"ada","contact":{"email":"a@b"}}` + "`" + `,
		` + "`" + `{"username":"ada","contact":{"phone":"1"}}` + "`" + `,
		` + "`" + `{}` + "`" + `,
	} {
		_, err := events.Decode(events.EventTypeAccountOpened, []byte(payload))
		fmt.Printf("%s\n%v\n", payload, err)
	}
	fmt.Printf("Validate\n%v\n", events.AccountOpened{Username: "ada"}.Validate())
}
`

// TestUncheckablePatterns: with codegen/pattern off, generate writes a
// package that compiles, imports without panicking (no regexp.MustCompile
// of a pattern RE2 refuses) and fails closed: every value such a pattern
// governs is rejected, saying why, including under not, oneOf and a typed
// union, while values no such pattern governs are judged as usual.
func TestUncheckablePatterns(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles and runs a program")
	}
	dir := filepath.Join(repoRoot(t), "testdata", "gen", "go-uncheckable-pattern")
	res := lintCase(t, dir)
	if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
		t.Fatalf("lint with codegen off: %v", errs)
	}
	if len(res.IR.PatternErrors) == 0 {
		t.Fatal("lower recorded no uncompilable pattern")
	}
	mod := newModule(t, "uncheckable")
	generateInto(t, res.IR, mod, "events")
	main := filepath.Join(mod, "cmd")
	if err := os.MkdirAll(main, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(main, "main.go"), []byte(uncheckableProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := goCmd(t, mod, "vet", "./..."); err != nil {
		t.Fatalf("go vet: %v\n%s", err, out)
	}
	got := runProgram(t, main)
	lookahead := "cannot be checked by Go's regexp engine (RE2): invalid or unsupported Perl syntax: "
	backref := "cannot be checked by Go's regexp engine (RE2): invalid escape sequence: `\\1`"
	want := strings.Join([]string{
		`{"username":"ada"}`,
		"/username: pattern \"^(?!admin$)[a-z]+$\" " + lookahead + "`(?!`",
		`{"username":"ada","nickname":"bo","aliases":["cy"]}`,
		"/aliases/0: pattern \"^(?!x)[a-z]+$\" " + lookahead + "`(?!`",
		"/nickname: pattern \"^(?!root$)[a-z]+$\" " + lookahead + "`(?!`",
		"/username: pattern \"^(?!admin$)[a-z]+$\" " + lookahead + "`(?!`",
		`{"username":"ada","labels":{"aa":"x","l_b":"y"}}`,
		"/labels/aa: pattern \"^(a)\\\\1$\" " + backref,
		"/labels/l_b: pattern \"^(a)\\\\1$\" " + backref,
		// No key: nothing a pattern governs.
		`{"username":"ada","labels":{}}`,
		"/username: pattern \"^(?!admin$)[a-z]+$\" " + lookahead + "`(?!`",
		`{"username":"ada","flags":{"bb":true}}`,
		"/flags/bb: pattern \"^(b)\\\\1$\" " + backref,
		`{"username":"ada","tags":{"x1":1}}`,
		"/tags/x1: pattern \"^(?!x)\" " + lookahead + "`(?!`",
		// not: undecided, so reported rather than passed.
		`{"username":"ada","handle":"bob"}`,
		"/handle: pattern \"^(?=.*admin)\" " + lookahead + "`(?=`",
		// The pattern does not apply to a number, which matches not's schema.
		`{"username":"ada","handle":7}`,
		"/handle: must be string",
		"/handle: must not match the schema of not",
		// One branch matches, the other is undecided: it might match too.
		`{"username":"ada","code":"12"}`,
		"/code: pattern \"^(?!0)[0-9]+$\" " + lookahead + "`(?!`",
		// Both branches fail whatever the pattern says.
		`{"username":"ada","code":5}`,
		"/code: must match exactly one schema of oneOf",
		`{"username":"ada","contact":{"email":"a@b"}}`,
		"/contact/email: pattern \"^(?!.*\\\\.\\\\.)[^@]+@[^@]+$\" " + lookahead + "`(?!`",
		// The other branch of the typed union decides.
		`{"username":"ada","contact":{"phone":"1"}}`,
		"/username: pattern \"^(?!admin$)[a-z]+$\" " + lookahead + "`(?!`",
		`{}`,
		"/username: is required",
		"Validate",
		"/username: pattern \"^(?!admin$)[a-z]+$\" " + lookahead + "`(?!`",
	}, "\n") + "\n"
	if got != want {
		t.Errorf("outcomes differ:\n%s", lineDiff(want, got))
	}
}
