// Package formats is the one list of the JSON Schema formats asyncgen
// checks, shared by lint (which warns about the others), the Go generator
// (whose runtime checks them), diff (which treats them as assertions) and
// every jsonschema/v5 compiler asyncgen runs as an oracle, so that the
// oracle checks exactly what generated code checks: in draft-07 a format
// is an annotation a validator may ignore, and asyncgen ignores the same
// ones everywhere.
//
// The generated runtime (gogen/internal/rtsrc) cannot import this package
// (it is standard library only, copied into every generated package); its
// tests hold it to the checkers here.
package formats

import (
	"encoding/json"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// strings are the checked formats of string values.
var stringFormats = []string{
	"date", "date-time", "duration", "email", "hostname", "idn-email", "idn-hostname",
	"ipv4", "ipv6", "iri", "iri-reference", "json-pointer", "regex",
	"relative-json-pointer", "time", "uri", "uri-reference", "uri-template", "uuid",
	// OpenAPI: standard base64 (RFC 4648 §4, padded)
	"byte",
}

// numberFormats are OpenAPI's numeric formats: the value's range (and, for
// the integer ones, that it is an integer).
var numberFormats = []string{"int32", "int64", "float", "double"}

// plainFormats are OpenAPI string formats that constrain nothing: binary
// data and passwords are strings like any other.
var plainFormats = []string{"binary", "password"}

var checked, known = func() (map[string]bool, map[string]bool) {
	c, k := map[string]bool{}, map[string]bool{}
	for _, f := range append(append([]string(nil), stringFormats...), numberFormats...) {
		c[f], k[f] = true, true
	}
	for _, f := range plainFormats {
		k[f] = true
	}
	return c, k
}()

// Checked reports whether generated validators check format f.
func Checked(f string) bool { return checked[f] }

// Known reports whether f is checked or one of the plain OpenAPI formats
// (binary, password) that need no check; any other format is unchecked.
func Known(f string) bool { return known[f] }

// Number reports whether f is a numeric format (applies to numbers only).
func Number(f string) bool {
	switch f {
	case "int32", "int64", "float", "double":
		return true
	}
	return false
}

// Names lists the checked formats, sorted.
func Names() []string {
	out := append(append([]string(nil), stringFormats...), numberFormats...)
	sort.Strings(out)
	return out
}

// ForJSONSchema returns the Formats of a jsonschema/v5 compiler that
// checks exactly the checked formats: v5's own checkers where it has one,
// asyncgen's for the rest, and nothing for the formats v5 knows but
// asyncgen does not check (duration-like "period", the draft-03 aliases
// "ip-address" and "uriref"), which it would otherwise assert.
func ForJSONSchema() map[string]func(any) bool {
	out := map[string]func(any) bool{}
	for f := range jsonschema.Formats {
		out[f] = func(any) bool { return true }
	}
	for _, f := range stringFormats {
		if fn, ok := jsonschema.Formats[f]; ok {
			out[f] = fn
		}
	}
	out["byte"] = onString(IsBase64)
	out["idn-email"] = onString(IsIDNEmail)
	out["idn-hostname"] = onString(IsIDNHostname)
	out["int32"] = onNumber(IsInt32)
	out["int64"] = onNumber(IsInt64)
	out["float"] = onNumber(IsFloat)
	out["double"] = onNumber(IsDouble)
	return out
}

// onString applies a string check to strings; other values pass.
func onString(check func(string) bool) func(any) bool {
	return func(v any) bool {
		s, ok := v.(string)
		return !ok || check(s)
	}
}

// onNumber applies a check of a JSON number's text to numbers (as
// json.Number, float64 or an integer); other values pass.
func onNumber(check func(string) bool) func(any) bool {
	return func(v any) bool {
		switch n := v.(type) {
		case json.Number:
			return check(string(n))
		case float64:
			return check(strconv.FormatFloat(n, 'g', -1, 64))
		case float32:
			return check(strconv.FormatFloat(float64(n), 'g', -1, 32))
		case int:
			return check(strconv.Itoa(n))
		case int64:
			return check(strconv.FormatInt(n, 10))
		case *big.Rat:
			return check(n.RatString())
		case *big.Int:
			return check(n.String())
		}
		return true
	}
}

// integer returns a JSON number as an integer, or false when it has a
// fractional part (1.0 and 1e2 are integers in JSON Schema) or lies far
// outside int64 (so that 1e999999999 costs nothing).
func integer(s string) (*big.Int, bool) {
	mant, exp, _ := strings.Cut(strings.ToLower(s), "e")
	e, err := strconv.Atoi(exp)
	if exp == "" {
		e, err = 0, nil
	}
	if err != nil {
		return nil, false
	}
	intPart, frac, _ := strings.Cut(strings.TrimLeft(mant, "-"), ".")
	digits := strings.TrimLeft(intPart+frac, "0")
	switch {
	case digits == "":
		return new(big.Int), true // zero
	case e > 40 || e-len(frac)+len(digits) > 40:
		return nil, false // at least 1e40: beyond int64
	case e < -len(frac)-len(intPart)-40:
		return nil, false // a non-zero value below 1e-40: a fraction
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || !r.IsInt() {
		return nil, false
	}
	return r.Num(), true
}

// IsInt32 reports whether a JSON number is an integer within int32.
func IsInt32(s string) bool {
	i, ok := integer(s)
	return ok && i.IsInt64() && i.Int64() >= math.MinInt32 && i.Int64() <= math.MaxInt32
}

// IsInt64 reports whether a JSON number is an integer within int64.
func IsInt64(s string) bool {
	i, ok := integer(s)
	return ok && i.IsInt64()
}

// IsFloat reports whether a JSON number fits a float32 (rounding to the
// nearest float32 does not overflow).
func IsFloat(s string) bool {
	_, err := strconv.ParseFloat(s, 32)
	return err == nil
}

// IsDouble reports whether a JSON number fits a float64.
func IsDouble(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// IsBase64 reports whether s is standard, padded base64 (RFC 4648 §4):
// groups of four characters of A–Z a–z 0–9 + /, the last group ending in
// at most two '='.
func IsBase64(s string) bool {
	if len(s)%4 != 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '/':
		case c == '=' && (i == len(s)-1 || i == len(s)-2 && s[len(s)-1] == '='):
		default:
			return false
		}
	}
	return true
}

// IsIDNEmail reports whether s is an internationalized email address
// (RFC 6531): a local part without spaces or specials and an IDN host.
func IsIDNEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || !utf8.ValidString(s) {
		return false
	}
	local := s[:at]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") || strings.ContainsAny(local, " \"(),:;<>[\\]") {
		return false
	}
	return IsIDNHostname(s[at+1:])
}

// IsIDNHostname reports whether s is an internationalized host name:
// dot-separated labels of at most 63 bytes, not starting or ending with
// '-', whose ASCII characters are letters, digits or '-'.
func IsIDNHostname(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if r < 0x80 && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}
