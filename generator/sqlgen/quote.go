package sqlgen

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// literal is the one escaping function for SQL string literals. Its output
// never contains a raw newline, backslash-sensitive text or a dollar sign,
// so it is safe inside dollar-quoted function bodies and in every setting
// of standard_conforming_strings: plain text becomes 'text' with quotes
// doubled; anything else becomes an E'...' literal with \\, \x24 for $ and
// escapes for control characters. PostgreSQL text cannot hold NUL, so a NUL
// is written as the four characters \x00 (ir.Storable), as in Go comments
// and in every other output that PostgreSQL stores. (The error result is
// kept for callers; no text is refused today.)
func literal(s string) (string, error) {
	s = ir.Storable(s)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == '$' || c < 0x20 || c == 0x7f {
			plain = false
			break
		}
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	if plain {
		b.WriteByte('\'')
		writeDoubled(&b, s)
		b.WriteByte('\'')
		return b.String(), nil
	}
	b.WriteString("E'")
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch {
		case c == '\'':
			esc = "''"
		case c == '\\':
			esc = `\\`
		case c == '$':
			esc = `\x24`
		case c == '\n':
			esc = `\n`
		case c == '\r':
			esc = `\r`
		case c == '\t':
			esc = `\t`
		case c < 0x20 || c == 0x7f:
			esc = `\x` + string(hexUpper[c>>4]) + string(hexUpper[c&0xF])
		default:
			continue // multi-byte UTF-8 is copied through
		}
		b.WriteString(s[start:i])
		b.WriteString(esc)
		start = i + 1
	}
	b.WriteString(s[start:])
	b.WriteByte('\'')
	return b.String(), nil
}

const hexUpper = "0123456789ABCDEF"

// writeDoubled writes s with every single quote doubled.
func writeDoubled(b *strings.Builder, s string) {
	for {
		i := strings.IndexByte(s, '\'')
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i+1])
		b.WriteByte('\'')
		s = s[i+1:]
	}
}

func shorten(s string) string { return truncate(s, 40) }

// truncate cuts s to at most n bytes (on a rune boundary), marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// jsonLiteral encodes v as JSON (map keys sorted) in a jsonb literal.
func jsonLiteral(v any) (string, error) { return jsonValue(v) }

// jsonText is JSON text as a jsonb literal. jsonb cannot store a NUL
// (the escape \u0000), which writeJSON never writes: it spells a NUL in a
// string as ir.Storable does. A backslash followed by "u0000" is text that
// jsonb stores like any other.
func jsonText(s string) (string, error) {
	l, err := literal(s)
	if err != nil {
		return "", err
	}
	return l + "::jsonb", nil
}

// ident writes an identifier: as is when it is a plain, non-keyword name,
// else double-quoted with embedded quotes doubled. checkIdent must have
// accepted it.
func ident(name string) string {
	if !ir.SQLNeedsQuotes(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// checkIdent refuses names that no quoting makes safe or faithful: empty,
// longer than 63 bytes (PostgreSQL truncates silently), containing $
// (which could end a dollar-quoted function body) or a control character
// (NUL cannot be stored; a line break could end a -- comment).
func checkIdent(what, name string) error {
	switch {
	case name == "":
		return fmt.Errorf("%s is empty", what)
	case len(name) > ir.MaxSQLIdentifier:
		return fmt.Errorf("%s %q is longer than %d bytes", what, shorten(name), ir.MaxSQLIdentifier)
	case strings.ContainsAny(name, "$") || strings.IndexFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0:
		return fmt.Errorf("%s %q contains $ or a control character, which generated SQL refuses in identifiers", what, shorten(name))
	case !utf8.ValidString(name):
		return fmt.Errorf("%s %q is not valid UTF-8", what, shorten(name))
	}
	return nil
}

// oneLine makes contract text safe for a -- comment (which ends at a line
// break) and keeps it short. A NUL is shown as in every other text
// (ir.Storable); other control characters and line breaks become spaces.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' || r == '\u0085' {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(ir.Storable(s), "\uFFFD"))
	return truncate(strings.TrimSpace(s), 160)
}
