package gogen

import (
	"fmt"
	"testing"

	"github.com/dave/jennifer/jen"
)

// TestFloatLitWritesOnlyNumbers: a number's text is written as source, so
// anything that is not a JSON number must stay a string literal.
func TestFloatLitWritesOnlyNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"1":                     "1.0",
		"-2.5e3":                "-2.5e3",
		"1); func init() {} //": `"1); func init() {} //"`,
		"0x1F":                  `"0x1F"`,
	} {
		if got := fmt.Sprintf("%#v", jen.Add(floatLit(in))); got != want {
			t.Errorf("floatLit(%q) = %s, want %s", in, got, want)
		}
	}
}
