package ir

import (
	"encoding/json"
	"regexp"
	"testing"
)

// TestRE2Pattern: ECMA-262 escapes RE2 refuses are respelled with their
// meaning; everything else, escaped backslashes included, stays.
func TestRE2Pattern(t *testing.T) {
	for _, c := range []struct {
		in, want string
		match    []string
		reject   []string
	}{
		{in: `^[\u00C0-\u017F]+$`, want: `^[\x{C0}-\x{17F}]+$`, match: []string{"éŸ"}, reject: []string{"e"}},
		{in: `^\u0041$`, want: `^\x{41}$`, match: []string{"A"}},
		{in: `^\uD83D\uDE00$`, want: `^\x{1F600}$`, match: []string{"😀"}},
		{in: `^\u{1F641}$`, want: `^\x{1F641}$`, match: []string{"🙁"}},
		{in: `^a\cJb$`, want: `^a\x{A}b$`, match: []string{"a\nb"}},
		{in: `^[^\cj]$`, want: `^[^\x{A}]$`, match: []string{"x"}, reject: []string{"\n"}},
		// An escaped backslash before u is a backslash and a letter u.
		{in: `^\\u0041$`, want: `^\\u0041$`, match: []string{`\u0041`}},
		{in: `^\\\u0041$`, want: `^\\\x{41}$`, match: []string{`\A`}},
		// Not an escape RE2Pattern knows: left for RE2 to judge.
		{in: `^\u12$`, want: `^\u12$`},
		{in: `^\u{110000}$`, want: `^\u{110000}$`},
		{in: `^\uD83D$`, want: `^\uD83D$`},
		{in: `^\c1$`, want: `^\c1$`},
		{in: `^\u+123$`, want: `^\u+123$`},
		{in: `^[a-z]+\d$`, want: `^[a-z]+\d$`},
		{in: `trailing\`, want: `trailing\`},
	} {
		got, changed := RE2Pattern(c.in)
		if got != c.want || changed != (c.in != c.want) {
			t.Errorf("RE2Pattern(%q) = %q, %v; want %q", c.in, got, changed, c.want)
			continue
		}
		if len(c.match)+len(c.reject) == 0 {
			continue
		}
		re, err := regexp.Compile(got)
		if err != nil {
			t.Errorf("%q: %v", got, err)
			continue
		}
		for _, s := range c.match {
			if !re.MatchString(s) {
				t.Errorf("%q does not match %q", c.in, s)
			}
		}
		for _, s := range c.reject {
			if re.MatchString(s) {
				t.Errorf("%q matches %q", c.in, s)
			}
		}
	}
}

// TestRE2PatternKeepsWhatRE2Compiles: a pattern RE2 compiles as written
// is never respelled, so no pattern that worked changes meaning.
func TestRE2PatternKeepsWhatRE2Compiles(t *testing.T) {
	for _, p := range []string{`^[a-z]+$`, `\x41`, `\\u`, `\\c`, `[\\]u0041`, `\p{L}`, `(?<n>a)`, `\0`, `a{,3}`, `\\\\u0041`} {
		if _, err := regexp.Compile(p); err != nil {
			t.Fatalf("%q: %v", p, err)
		}
		if got, changed := RE2Pattern(p); changed || got != p {
			t.Errorf("RE2Pattern(%q) = %q, %v", p, got, changed)
		}
	}
}

// TestRE2SchemaJSON: patterns are respelled wherever a subschema can be,
// and values that merely look like schemas (enum, const, examples) stay.
func TestRE2SchemaJSON(t *testing.T) {
	in := map[string]any{
		"pattern": `\u0041`,
		"properties": map[string]any{
			"pattern": map[string]any{"type": "string", "pattern": `\u0042`},
		},
		"patternProperties": map[string]any{`^\u0043$`: map[string]any{"pattern": `\cJ`}},
		"items":             []any{map[string]any{"pattern": `\u0044`}},
		"not":               map[string]any{"pattern": `\u0045`},
		"dependencies":      map[string]any{"a": []any{"b"}, "c": map[string]any{"pattern": `\u0046`}},
		"enum":              []any{map[string]any{"pattern": `\u0047`}},
		"const":             map[string]any{"pattern": `\u0048`},
		"examples":          []any{map[string]any{"pattern": `\u0049`}},
	}
	got, _ := json.Marshal(RE2SchemaJSON(in))
	want := `{"const":{"pattern":"\\u0048"},"dependencies":{"a":["b"],"c":{"pattern":"\\x{46}"}},"enum":[{"pattern":"\\u0047"}],"examples":[{"pattern":"\\u0049"}],"items":[{"pattern":"\\x{44}"}],"not":{"pattern":"\\x{45}"},"pattern":"\\x{41}","patternProperties":{"^\\x{43}$":{"pattern":"\\x{A}"}},"properties":{"pattern":{"pattern":"\\x{42}","type":"string"}}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
