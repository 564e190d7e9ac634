package diag

import (
	"bytes"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/location"
)

// TestInfoSeverity: info findings are printed as such in every format and
// never count as errors.
func TestInfoSeverity(t *testing.T) {
	if s, ok := ParseSeverity("info"); !ok || s != Info || s.String() != "info" {
		t.Fatalf("ParseSeverity(info) = %v, %v", s, ok)
	}
	l := List{{Pos: location.Pos{File: "a.yaml", Line: 3, Col: 5}, Severity: Info, Rule: "spec/unused-component", Message: "unused"}}
	if l.HasErrors() {
		t.Error("an info finding counts as an error")
	}
	for format, want := range map[string]string{
		"text":   "a.yaml:3:5: info: unused [spec/unused-component]",
		"json":   `"severity": "info"`,
		"github": "::notice file=a.yaml,line=3,col=5",
		"sarif":  `"level": "note"`,
	} {
		var b bytes.Buffer
		if err := Write(&b, format, l, []RuleInfo{{ID: "spec/unused-component", Doc: "d"}}, "test"); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s output lacks %q:\n%s", format, want, b.String())
		}
	}
}
