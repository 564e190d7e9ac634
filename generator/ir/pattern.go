package ir

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// JSON Schema patterns are ECMA-262 regular expressions; Go's regexp
// package (RE2) spells some of ECMA-262's escapes differently and refuses
// them: \uXXXX (and \u{X…} of the u flag, which the official AsyncAPI
// parser uses), and \cX control escapes. RE2Pattern respells those so that
// a contract matching accented letters as [\u00C0-\u017F] is validated,
// not refused. Constructs RE2 lacks (lookaround, backreferences) stay as
// written: Set.PatternErrors records them.

// RE2Pattern returns the ECMA-262 pattern p with the escapes that RE2
// spells differently respelled, and whether anything changed. It never
// changes the meaning of a pattern RE2 already compiles: every escape it
// respells is one RE2 refuses.
func RE2Pattern(p string) (string, bool) {
	if !strings.Contains(p, `\u`) && !strings.Contains(p, `\c`) {
		return p, false
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '\\' || i+1 >= len(p) {
			b.WriteByte(c)
			continue
		}
		switch next := p[i+1]; next {
		case 'u':
			if r, n := ecmaUnicodeEscape(p[i:]); n > 0 {
				fmt.Fprintf(&b, `\x{%X}`, r)
				i += n - 1
				changed = true
				continue
			}
		case 'c':
			if i+2 < len(p) && isASCIILetter(p[i+2]) {
				fmt.Fprintf(&b, `\x{%X}`, p[i+2]%32)
				i += 2
				changed = true
				continue
			}
		}
		// Any other escape, kept whole so that an escaped backslash
		// never starts an escape of its own.
		b.WriteByte(c)
		b.WriteByte(p[i+1])
		i++
	}
	return b.String(), changed
}

// ecmaUnicodeEscape reads \uXXXX, a surrogate pair \uD8xx\uDCxx (one code
// point, as under the u flag) or \u{X…} at the start of s, returning the
// code point and the bytes read; n is 0 when s holds none of these.
func ecmaUnicodeEscape(s string) (r rune, n int) {
	if strings.HasPrefix(s, `\u{`) {
		end := strings.IndexByte(s, '}')
		if end < 4 || end > 3+6 {
			return 0, 0
		}
		v, err := strconv.ParseUint(s[3:end], 16, 32)
		if err != nil || v > 0x10FFFF {
			return 0, 0
		}
		return rune(v), end + 1
	}
	hi, ok := hex4(s)
	if !ok {
		return 0, 0
	}
	if hi >= 0xD800 && hi <= 0xDBFF {
		if lo, ok := hex4(s[6:]); ok && lo >= 0xDC00 && lo <= 0xDFFF {
			return 0x10000 + (hi-0xD800)<<10 + (lo - 0xDC00), 12
		}
	}
	if hi >= 0xD800 && hi <= 0xDFFF {
		return 0, 0 // a lone surrogate matches no UTF-8 text: left to RE2 to refuse
	}
	return hi, 6
}

// hex4 reads \uXXXX at the start of s.
func hex4(s string) (rune, bool) {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return 0, false
	}
	v, err := strconv.ParseUint(s[2:6], 16, 32)
	if err != nil || strings.ContainsAny(s[2:6], "+-_") {
		return 0, false
	}
	return rune(v), true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// RE2 returns the spelling of the pattern p that Go's regexp compiles
// (RE2Pattern, decided in lower), or p itself.
func (s *Set) RE2(p string) string {
	if r, ok := s.RE2Patterns[p]; ok {
		return r
	}
	return p
}

// RE2SchemaJSON respells, with RE2Pattern, every pattern of the draft-07
// schema v (decoded JSON, as CanonicalJSON writes it): pattern keywords
// and patternProperties keys, in subschemas at any depth, and nothing in
// enum, const, default or examples. For a jsonschema/v5 compile of a
// schema that is not read from the contracts (the registry's stored
// schemas), which must judge values as the generated validators do.
func RE2SchemaJSON(v any) any {
	obj, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := make(map[string]any, len(obj))
	for k, x := range obj {
		switch k {
		case "pattern":
			if p, ok := x.(string); ok {
				x, _ = RE2Pattern(p)
			}
		case "patternProperties", "properties", "definitions", "dependencies":
			if m, ok := x.(map[string]any); ok {
				n := make(map[string]any, len(m))
				for name, sub := range m {
					if k == "patternProperties" {
						name, _ = RE2Pattern(name)
					}
					n[name] = RE2SchemaJSON(sub)
				}
				x = n
			}
		case "items", "allOf", "anyOf", "oneOf":
			if list, ok := x.([]any); ok {
				n := make([]any, len(list))
				for i, sub := range list {
					n[i] = RE2SchemaJSON(sub)
				}
				x = n
			} else {
				x = RE2SchemaJSON(x)
			}
		case "additionalProperties", "additionalItems", "contains", "propertyNames", "not", "if", "then", "else":
			x = RE2SchemaJSON(x)
		}
		out[k] = x
	}
	return out
}

// RE2CanonicalJSON is CanonicalJSON(s) with every pattern respelled for
// RE2 (RE2SchemaJSON), numbers kept as written: the resolved schema as
// jsonschema/v5 must see it to judge values as generated code does.
func RE2CanonicalJSON(s *Schema) []byte {
	b := CanonicalJSON(s)
	if !bytes.Contains(b, []byte(`\\u`)) && !bytes.Contains(b, []byte(`\\c`)) {
		return b
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return b // CanonicalJSON writes JSON; kept as it is
	}
	out, err := json.Marshal(RE2SchemaJSON(v))
	if err != nil {
		return b
	}
	return out
}
