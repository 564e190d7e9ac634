// Package sharedtest finds the external test corpora that live beside the
// repository, in ../shared (README "Test corpora" says how to get them):
// the AsyncAPI 2.6.0 specification's examples, the real-world corpus and
// the draft-07 JSON-Schema-Test-Suite.
//
// A test that needs one calls Dir. Outside CI a missing corpus skips the
// test with one line naming what it needs, so that `make test` passes on a
// fresh clone alone; under CI=true it fails, because a corpus that quietly
// went missing must never turn into a green run.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Corpora below ../shared.
const (
	// SpecExamples are the examples of the AsyncAPI 2.6.0 specification.
	SpecExamples = "corpus/asyncapi-spec-2.6.0/examples"
	// Corpus is every AsyncAPI document: the spec examples and RealWorld.
	Corpus = "corpus"
	// RealWorld are AsyncAPI 2.x documents from public repositories.
	RealWorld = "corpus/real-world"
	// Suite is the draft-07 JSON-Schema-Test-Suite.
	Suite = "jsonschema-suite/tests/draft7"
)

// EnvDir names a shared directory elsewhere than ../shared.
const EnvDir = "ASYNCGEN_SHARED"

// Dir returns the absolute path of rel (one of the constants) below the
// shared directory, or skips (fails under CI) the test when it is missing.
func Dir(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(Root(), filepath.FromSlash(rel))
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		return p
	}
	msg := "needs " + p + " (external test corpus; README \"Test corpora\" says how to get it)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Root is the shared directory: $ASYNCGEN_SHARED, else ../shared beside the
// module root (the nearest directory above the working directory that holds
// go.mod).
func Root() string {
	if d := os.Getenv(EnvDir); d != "" {
		abs, _ := filepath.Abs(d)
		return abs
	}
	wd, _ := os.Getwd()
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(d), "shared")
		}
		if filepath.Dir(d) == d {
			return filepath.Join(filepath.Dir(wd), "shared")
		}
	}
}
