package main

import (
	"strings"
	"testing"
)

// TestListShowsIgnores: lint --list prints the config's ignore: entries
// after the rule table, with where each is written.
func TestListShowsIgnores(t *testing.T) {
	withIgnores, clean := lintCase(t, "ignore"), lintCase(t, "clean")
	stdout, stderr, code := runIn(t, withIgnores, "lint", "--list")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, ignored, ok := strings.Cut(stdout, "\nIGNORED (asyncgen.yaml; paths relative to contracts/)\n")
	if !ok {
		t.Fatalf("no IGNORED section:\n%s", stdout)
	}
	lines := strings.Split(strings.TrimSpace(ignored), "\n")
	want := [][]string{
		{"RULE", "PATTERN", "AT"},
		{"naming/property", "domains/invitation.yaml#/components/schemas/*", "asyncgen.yaml:5:7"},
		{"naming/property", "domains/old-*.yaml", "asyncgen.yaml:6:7"},
		{"naming/property", "domains/user.yaml#/components/schemas/Profile", "asyncgen.yaml:7:7"},
		{"spec/unused-component", "domains/**", "asyncgen.yaml:9:7"},
	}
	if len(lines) != len(want) {
		t.Fatalf("IGNORED section:\n%s", ignored)
	}
	for i, w := range want {
		if got := strings.Fields(lines[i]); strings.Join(got, " ") != strings.Join(w, " ") {
			t.Errorf("line %d: %q, want %q", i, lines[i], strings.Join(w, "  "))
		}
	}
	// Without ignores, the table stands alone.
	stdout, _, _ = runIn(t, clean, "lint", "--list")
	if strings.Contains(stdout, "IGNORED") {
		t.Error("an IGNORED section without ignores")
	}
}
