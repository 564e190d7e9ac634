package generator_test

import (
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/scanner"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/files"
)

// What generated code is, with the contract's text taken out: the tests
// compare these shapes of a hostile contract's output with a plain one's.

// goShapes parses every generated Go file with go/parser and returns its
// tokens (go/scanner, comments skipped), one statement per line, with
// string literals written "?" and typed constants (enum constants, whose
// names come from the enum values) renamed <Type>#<n>. Equal shapes mean
// the same declarations, struct fields and statements; the comments above
// the package clause (the header, build constraints) are part of the
// shape. It also fails on any comment line gofmt would take for a build
// constraint, wherever it stands.
func goShapes(t testing.TB, out []files.File) map[string]string {
	t.Helper()
	shapes := map[string]string{}
	for _, f := range out {
		name := filepath.Base(f.Path)
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, name, f.Content, parser.ParseComments)
		if err != nil {
			t.Fatalf("%s does not parse: %v", name, err)
		}
		if !ast.IsGenerated(file) {
			t.Errorf("%s lacks the generated header", name)
		}
		var b strings.Builder
		for _, g := range file.Comments {
			if g.Pos() < file.Package {
				// Build constraints and the header: part of the shape.
				b.WriteString(g.Text() + "\n")
			}
			for _, c := range g.List {
				if constraint.IsGoBuild(c.Text) || constraint.IsPlusBuild(c.Text) {
					t.Errorf("%s: %q is a build constraint", name, c.Text)
				}
			}
		}
		renames := map[string]string{}
		count := map[string]int{}
		for _, d := range file.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				typ, ok := vs.Type.(*ast.Ident)
				if !ok {
					continue
				}
				for _, n := range vs.Names {
					renames[n.Name] = fmt.Sprintf("%s#%d", typ.Name, count[typ.Name])
					count[typ.Name]++
				}
			}
		}
		var s scanner.Scanner
		s.Init(fset.AddFile(name, -1, len(f.Content)), f.Content, nil, 0)
		for {
			_, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			switch {
			case tok == token.SEMICOLON:
				b.WriteString(";\n")
				continue
			case tok == token.STRING || tok == token.CHAR:
				lit = `"?"`
			case tok == token.IDENT && renames[lit] != "":
				lit = renames[lit]
			case lit == "":
				lit = tok.String()
			}
			b.WriteString(lit + " ")
		}
		shapes[name] = b.String()
	}
	return shapes
}

// sqlFile is one generated SQL file's statements, with string literals
// (and NULL, which stands where a text is absent) written '?', casts of
// literals dropped, comments dropped and dollar-quoted bodies tokenised
// too. COMMENT ON statements are apart: a blank text has none.
type sqlFile struct {
	statements []string
	comments   []string
}

// sqlShapes splits every generated SQL file into statements.
func sqlShapes(t testing.TB, out []files.File) map[string]sqlFile {
	t.Helper()
	shapes := map[string]sqlFile{}
	for _, f := range out {
		name := filepath.Base(f.Path)
		toks, err := sqlTokens(string(f.Content))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var sf sqlFile
		var stmt []string
		for _, tok := range toks {
			if tok != ";" {
				stmt = append(stmt, tok)
				continue
			}
			text := strings.Join(stmt, " ")
			if len(stmt) > 1 && strings.EqualFold(stmt[0], "COMMENT") && strings.EqualFold(stmt[1], "ON") {
				sf.comments = append(sf.comments, text)
			} else {
				sf.statements = append(sf.statements, text)
			}
			stmt = nil
		}
		if len(stmt) > 0 {
			t.Errorf("%s ends in an unterminated statement: %s", name, strings.Join(stmt, " "))
		}
		shapes[name] = sf
	}
	return shapes
}

// compareSQL: the same statements, file by file, and only COMMENT ON
// statements the plain contract has too.
func compareSQL(t testing.TB, text string, got, want map[string]sqlFile) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%q: %s is not generated", text, name)
			continue
		}
		if a, b := strings.Join(w.statements, "\n"), strings.Join(g.statements, "\n"); a != b {
			t.Errorf("%q: %s holds other statements than with plain text:\n%s", text, name, firstDiff(a, b))
		}
		left := map[string]int{}
		for _, c := range w.comments {
			left[c]++
		}
		for _, c := range g.comments {
			if left[c] == 0 {
				t.Errorf("%q: %s: unexpected %s", text, name, c)
			}
			left[c]--
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%q: %s is generated only with this text", text, name)
		}
	}
}

var dollarTag = regexp.MustCompile(`^\$([A-Za-z_][A-Za-z0-9_]*)?\$`)

// sqlTokens splits PostgreSQL source into tokens the way the server's
// lexer does for what asyncgen writes: -- and nested /* */ comments are
// dropped, '…' and E'…' literals and NULL become '?', a cast right after
// one is dropped, "quoted" identifiers stay whole and a dollar-quoted
// body becomes one token holding its own tokens.
func sqlTokens(src string) ([]string, error) {
	var out []string
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case strings.HasPrefix(src[i:], "--"):
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				j = len(src) - i
			}
			i += j
		case strings.HasPrefix(src[i:], "/*"):
			depth := 0
			j := i
			for ; j < len(src); j++ {
				if strings.HasPrefix(src[j:], "/*") {
					depth++
					j++
				} else if strings.HasPrefix(src[j:], "*/") {
					depth--
					j++
					if depth == 0 {
						break
					}
				}
			}
			if depth != 0 {
				return nil, fmt.Errorf("unterminated /* comment at byte %d", i)
			}
			i = j + 1
		case c == '\'' || (c == 'E' || c == 'e') && i+1 < len(src) && src[i+1] == '\'' && (i == 0 || !identByte(src[i-1])):
			start := i
			escapes := c != '\''
			if escapes {
				i++
			}
			j, err := quoteEnd(src, i, escapes)
			if err != nil {
				return nil, fmt.Errorf("%w at byte %d", err, start)
			}
			out = append(out, "'?'")
			i = j
		case c == '"':
			j := i + 1
			for ; j < len(src); j++ {
				if src[j] == '"' {
					if j+1 < len(src) && src[j+1] == '"' {
						j++
						continue
					}
					break
				}
			}
			if j >= len(src) {
				return nil, fmt.Errorf("unterminated quoted identifier at byte %d", i)
			}
			out = append(out, src[i:j+1])
			i = j + 1
		case c == '$' && dollarTag.MatchString(src[i:]):
			tag := dollarTag.FindString(src[i:])
			end := strings.Index(src[i+len(tag):], tag)
			if end < 0 {
				return nil, fmt.Errorf("unterminated %s body at byte %d", tag, i)
			}
			inner, err := sqlTokens(src[i+len(tag) : i+len(tag)+end])
			if err != nil {
				return nil, err
			}
			out = append(out, tag+"( "+strings.Join(inner, " ")+" )"+tag)
			i += len(tag) + end + len(tag)
		case identByte(c):
			j := i
			for j < len(src) && (identByte(src[j]) || src[j] == '$') {
				j++
			}
			word := src[i:j]
			if strings.EqualFold(word, "NULL") {
				word = "'?'"
			}
			out = append(out, word)
			i = j
		default:
			out = append(out, string(c))
			i++
		}
	}
	return dropLiteralCasts(out), nil
}

// quoteEnd returns the index after the literal that starts with the quote
// at i; escapes says backslash escapes apply (E'…').
func quoteEnd(src string, i int, escapes bool) (int, error) {
	for j := i + 1; j < len(src); j++ {
		switch {
		case escapes && src[j] == '\\':
			j++
		case src[j] == '\'':
			if j+1 < len(src) && src[j+1] == '\'' {
				j++
				continue
			}
			return j + 1, nil
		}
	}
	return 0, fmt.Errorf("unterminated string literal")
}

// dropLiteralCasts removes ":: type" and ":: type []" after a '?'.
func dropLiteralCasts(toks []string) []string {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		out = append(out, toks[i])
		if toks[i] != "'?'" {
			continue
		}
		for i+3 < len(toks) && toks[i+1] == ":" && toks[i+2] == ":" {
			i += 3 // the type name
			if i+2 < len(toks) && toks[i+1] == "[" && toks[i+2] == "]" {
				i += 2
			}
		}
	}
	return out
}

// identByte reports whether c may be part of an identifier or keyword
// (bytes of multi-byte UTF-8 included).
func identByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
