package gogen

import (
	"sort"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/formats"
)

// TestFormatsChecked: generated code checks exactly formats.Names(), the
// list lint, diff and the oracles share.
func TestFormatsChecked(t *testing.T) {
	var got []string
	for f := range formatFuncs {
		got = append(got, f)
	}
	for f := range numberFormatFuncs {
		got = append(got, f)
	}
	sort.Strings(got)
	if want := formats.Names(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("generated checks: %v\nformats.Names:    %v", got, want)
	}
}
