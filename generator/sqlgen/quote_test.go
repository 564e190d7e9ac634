package sqlgen

import (
	"strings"
	"testing"
)

func TestLiteral(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "''"},
		{"plain text", "'plain text'"},
		{"it's", "'it''s'"},
		{"'); DROP TABLE x; --", "'''); DROP TABLE x; --'"},
		{"$$", `E'\x24\x24'`},
		{"$function$", `E'\x24function\x24'`},
		{`back\slash`, `E'back\\slash'`},
		{"two\nlines\r\tand\x01", `E'two\nlines\r\tand\x01'`},
		{"ünïcødé ✓", "'ünïcødé ✓'"},
		{"bad \xff utf8", "'bad \uFFFD utf8'"},
		// PostgreSQL text cannot hold NUL: it is written as ir.NULEscape.
		{"nul\x00byte", `E'nul\\x00byte'`},
	} {
		got, err := literal(c.in)
		if err != nil || got != c.want {
			t.Errorf("literal(%q) = %s, %v; want %s", c.in, got, err, c.want)
		}
		if strings.ContainsAny(got, "$\n\r") {
			t.Errorf("literal(%q) = %s contains $ or a line break", c.in, got)
		}
	}
}

// TestJSONValueNUL: jsonb refuses the escape \u0000, so a NUL in any
// string or key is written as ir.NULEscape; the text backslash-u0000 is
// ordinary text (it once made generate refuse a plain description).
func TestJSONValueNUL(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
	}{
		{map[string]any{"k\x00": []any{"a\x00b"}}, `E'{"k\\\\x00":["a\\\\x00b"]}'::jsonb`},
		{`see \u0000`, `E'"see \\\\u0000"'::jsonb`},
	} {
		got, err := jsonValue(c.in)
		if err != nil || got != c.want {
			t.Errorf("jsonValue(%q) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
}

func TestIdent(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"organization_projection", "organization_projection"},
		{"select", `"select"`},
		{"position", `"position"`}, // column-name keyword: quoted to be safe everywhere
		{"loop", `"loop"`},         // PL/pgSQL reserved word
		{"Mixed", `"Mixed"`},
		{`na"me`, `"na""me"`},
		{"semi;colon", `"semi;colon"`},
		{"1abc", `"1abc"`},
	} {
		if got := ident(c.in); got != c.want {
			t.Errorf("ident(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"", "a$b", "line\nbreak", "nul\x00", strings.Repeat("x", 64)} {
		if err := checkIdent("name", bad); err == nil {
			t.Errorf("checkIdent accepted %q", bad)
		}
	}
}

func TestOneLine(t *testing.T) {
	if got := oneLine("a\nDROP TABLE x;\r-- b\u2028c"); strings.ContainsAny(got, "\n\r\u2028") {
		t.Errorf("oneLine kept a line break: %q", got)
	}
}
