package gogen

import (
	"fmt"
	"go/doc/comment"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// Every comment gogen renders goes through this file, and a test
// (TestCommentsGoThroughOneFile) keeps it so (runtime.gen.go is rtsrc's
// source under the constant header). Contract text (descriptions,
// summaries, titles, event types, property and file names) is input from
// people, and jennifer prints a comment that starts with "//" or "/*" as
// raw source, and one that holds a newline as a /* */ block that the text
// itself could close: "x\n/**/ func init() {…} //" became code. Here text
// only ever becomes whole "//" lines: line breaks of every kind start a
// new "//" line, characters Go source cannot hold or that hide what a
// reader sees are written as visible escapes, and the lines are the
// canonical form of go/doc/comment (what gofmt rewrites a doc comment to),
// so that gofmt leaves every generated comment as it is.

// docWidth is where long paragraph lines of contract text are wrapped.
const docWidth = 100

// fixedPointRounds bounds the go/doc/comment reformatting loop; one round
// suffices for every input seen, the bound only guarantees termination.
const fixedPointRounds = 8

// goComment renders text as "//" comment lines, each followed by a line
// break: the form that precedes a declaration, a struct field or a spec.
// Empty text renders nothing.
func goComment(text string) *jen.Statement {
	out := jen.Null()
	for _, l := range commentLines(text) {
		out = out.Comment(l).Line()
	}
	return out
}

// goCommentItem renders text as "//" comment lines without a final line
// break: an item of its own in a jennifer group (interface methods, struct
// fields, const specs), which puts the break itself.
func goCommentItem(text string) *jen.Statement {
	out := jen.Null()
	for i, l := range commentLines(text) {
		if i > 0 {
			out = out.Line()
		}
		out = out.Comment(l)
	}
	return out
}

// header sets the generated-file header, the one comment before the
// package clause (Header is a constant, never contract text).
func header(f *jen.File) { f.HeaderComment(Header) }

// commentLines returns text as complete comment lines, each starting with
// "//": jennifer prints such a comment as it is, so no text can choose
// another comment form.
func commentLines(text string) []string {
	canon := canonicalDoc(text)
	if canon == "" {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(canon, "\n"), "\n")
	for i, l := range lines {
		// The prefixes go/printer's doc comment formatting writes, so
		// that it reads back exactly this text.
		switch {
		case l == "":
			lines[i] = "//"
		case l[0] == '\t':
			lines[i] = "//" + l
		default:
			lines[i] = "// " + l
		}
	}
	return lines
}

// canonicalDoc makes text safe and canonical comment text: plain lines
// (safeText), long paragraph lines wrapped, trailing spaces dropped
// (go/printer drops them), then reformatted by go/doc/comment until the
// result no longer changes, so gofmt's own reformatting of a doc comment
// is a no-op. No line reads as a "+build" constraint (defuseBuild). The
// result is "" or ends in a newline.
func canonicalDoc(text string) string {
	lines := strings.Split(safeText(text), "\n")
	var wrapped []string
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if l != "" && l[0] != ' ' && l[0] != '\t' && l[0] != '|' {
			// Paragraph text; indented lines are code or lists and table
			// rows keep their shape.
			wrapped = append(wrapped, wrap(l, docWidth)...)
			continue
		}
		wrapped = append(wrapped, l)
	}
	doc := strings.TrimLeft(strings.Join(wrapped, "\n"), "\n")
	if strings.TrimSpace(doc) == "" {
		return ""
	}
	if canon, ok := settle(doc); ok {
		return canon
	}
	// Not reached for any input seen: fall back to one plain line, and
	// to no comment at all should even that not settle.
	canon, _ := settle(flatDoc(doc))
	return canon
}

// settle reformats doc until it no longer changes; ok is false (and the
// result "") when that takes more than fixedPointRounds rounds.
func settle(doc string) (string, bool) {
	for range fixedPointRounds {
		next := defuseBuild(reformat(doc))
		if next == doc {
			return doc, true
		}
		doc = next
	}
	return "", false
}

// reformat is one round of gofmt's doc comment formatting
// (go/printer.formatDocComment), plus the trimming go/printer applies to
// every comment line.
func reformat(doc string) string {
	var p comment.Parser
	var pr comment.Printer
	out := string(pr.Comment(p.Parse(doc)))
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.Join(lines, "\n")
}

// defuseBuild escapes the "+build" that starts a line as "\+build".
// gofmt takes any "// +build" comment line, wherever it stands (inside a
// struct too), for a build constraint and moves it above the package
// clause: the description line "+build ignore" would take the whole file
// out of the build.
func defuseBuild(doc string) string {
	if !strings.Contains(doc, "+build") {
		return doc
	}
	lines := strings.Split(doc, "\n")
	for i, l := range lines {
		if t := strings.TrimLeftFunc(l, unicode.IsSpace); strings.HasPrefix(t, "+build") {
			lines[i] = l[:len(l)-len(t)] + `\` + t
		}
	}
	return strings.Join(lines, "\n")
}

// flatDoc is the fallback form of a text: one paragraph line without
// square brackets (which could make links or link definitions), which
// go/doc/comment prints as it is.
func flatDoc(text string) string {
	return strings.NewReplacer("[", "(", "]", ")").Replace(oneLine(text)) + "\n"
}

// safeText makes contract text plain comment text. Every kind of line
// break (CR LF, CR, NEL, U+2028, U+2029) becomes "\n"; invalid UTF-8
// becomes U+FFFD; characters Go source refuses (NUL, a byte order mark),
// other control characters and the invisible bidirectional controls that
// can make a comment read differently from what it is ("Trojan Source")
// become visible escapes such as \x00 and \u202e. Tabs stay.
func safeText(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(unicode.ReplacementChar)
		case r == '\r':
			b.WriteByte('\n')
			if i < len(text) && text[i] == '\n' {
				i++
			}
		case r == '\n' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte('\t')
		case hidden(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hidden reports whether r is written as an escape: control characters,
// the byte order mark and bidirectional formatting characters.
func hidden(r rune) bool {
	switch {
	case unicode.IsControl(r), r == '\uFEFF':
		return true
	case r == '\u061C', r == '\u200E', r == '\u200F',
		r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// oneLine is text for the middle of a sentence (a title, an event type, a
// file name): line breaks and runs of space become one space.
func oneLine(text string) string {
	return strings.Join(strings.Fields(safeText(text)), " ")
}

// wrap breaks text at spaces so no line exceeds width (long words stay whole).
func wrap(text string, width int) []string {
	if len(text) <= width {
		return []string{text}
	}
	var out []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(out, line)
}
