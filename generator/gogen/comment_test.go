package gogen

import (
	"bytes"
	"go/ast"
	"go/build/constraint"
	"go/format"
	"go/parser"
	"go/token"
	gotypes "go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// hostileComments are texts that tried, or could try, to leave a comment:
// the reproductions first, then every kind of line break, the
// characters Go source refuses and the invisible ones.
var hostileComments = []string{
	"x\n/**/ func init() { println(\"PWNED\") } //",
	"T\n*/\nfunc init(){ println(\"PWNED\") }\n/*",
	"/**/ Injected int",
	"y\n/**/ Injected int //",
	"*/ func init() {} /*",
	"/* open",
	"// already a comment\nfunc init() {}",
	"a\rfunc init() {}",
	"a\r\nfunc init() {}\r\n",
	"a\u2028func init() {}\u2029b",
	"a\u0085func init() {}",
	"nul\x00 and bom \ufeff inside",
	"\ufeffleading bom",
	"bell\a esc\x1b[31m del\x7f c1\u009b",
	"vt\vff\f",
	"bad utf8 \xff\xfe end",
	"trojan \u202eevil\u202c \u2066iso\u2069 \u200fmark",
	"go:generate rm -rf /\n//go:generate rm -rf /\n+build ignore\nline 1",
	"\tgo:build ignore",
	"  +build ignore\n\t+build linux\n+build",
	strings.Repeat("word ", 25) + "+build ignore",
	"trailing spaces   \n\t\n   ",
	"",
	"\n\n\n",
	"`backquote` \"quote\" \\ backslash",
}

// TestCommentLinesAreLineComments: whatever the text, every line is a
// complete // comment that holds no line break and no character Go
// source refuses or hides.
func TestCommentLinesAreLineComments(t *testing.T) {
	for _, text := range hostileComments {
		for _, l := range commentLines(text) {
			if !strings.HasPrefix(l, "//") {
				t.Errorf("%q: line %q is not a // comment", text, l)
			}
			if !utf8.ValidString(l) {
				t.Errorf("%q: line %q is not valid UTF-8", text, l)
			}
			for _, r := range l {
				if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085' || (hidden(r) && r != '\t') {
					t.Errorf("%q: line %q holds %U", text, l, r)
				}
			}
			if strings.HasPrefix(l, "//go:") || strings.HasPrefix(l, "//line ") || constraint.IsPlusBuild(l) || constraint.IsGoBuild(l) {
				t.Errorf("%q: line %q is a directive or build constraint", text, l)
			}
		}
	}
}

// TestSafeText pins what the reader sees for the characters that are
// escaped or turned into line breaks.
func TestSafeText(t *testing.T) {
	for in, want := range map[string]string{
		"a\r\nb\rc\u2028d\u2029e\u0085f": "a\nb\nc\nd\ne\nf",
		"nul\x00bom\ufeff":               `nul\x00bom\ufeff`,
		"rlo\u202e|\u2066|\u200f":        `rlo\u202e|\u2066|\u200f`,
		"esc\x1b del\x7f c1\u009b":       `esc\x1b del\x7f c1\x9b`,
		"bad\xffutf8":                    "bad\uFFFDutf8",
		"tab\tstays, é and 日本 too":       "tab\tstays, é and 日本 too",
	} {
		if got := safeText(in); got != want {
			t.Errorf("safeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzComment: any text becomes comment lines that (1) add no declaration
// and no struct field, whether the comment documents a type or a field,
// and (2) gofmt leaves unchanged (go/format applies go/doc/comment
// reformatting to doc comments).
func FuzzComment(f *testing.F) {
	for _, s := range hostileComments {
		f.Add(s)
	}
	for _, s := range markdownComments {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkCommentSource(t, text)
	})
}

// TestCommentSeeds runs FuzzComment's check on its seeds in every test run.
func TestCommentSeeds(t *testing.T) {
	for _, s := range append(append([]string(nil), hostileComments...), markdownComments...) {
		checkCommentSource(t, s)
	}
}

// markdownComments are descriptions as people write them in Markdown.
var markdownComments = []string{
	"The user registered.\n  - first item\n  - second item\nAfter the list.",
	"Intro:\n- a\n- b\n  - nested\n    - deeper\n- c\n\nEnd.",
	"Steps:\n1. one\n2. two\n   continued\n10. ten\n\n  1) paren\n  2) style",
	"# Heading\n\nText under it.\n\n## Sub heading\nno blank line\n\nSetext\n======",
	"Code:\n\n```go\nfunc main() {\n\tprintln(\"hi\")\n}\n```\n\nand indented:\n\n    x := 1\n      y := 2\n\nend",
	"| col | other |\n|-----|-------|\n| 1   | two   |\n| `x` | **b** |",
	"tabs\there\n\tand a tab-indented line\n \t mixed",
	"crlf line\r\nsecond\r\n\r\n  - item\r\n",
	"trailing   \nspaces \t\n",
	strings.Repeat("very long line with many words ", 20) + "end",
	strings.Repeat("x", 300),
	"close */ and open /* and **/glob/** paths",
	"Ünïcödé, 日本語, emoji 😀, RTL עברית, combining e\u0301",
	"> quoted\n> more\n\n* star list\n+ plus list",
	"[link](https://example.com) and [ref][1]\n\n[1]: https://example.com/ref\n[Name]: http://x",
	"Deprecated: use something else.",
	"  leading indentation\nthen text",
	"\n\n\nleading blank lines\n\n\n\ntrailing\n\n\n",
	"a\n\n\n\n\nb",
	"\u00a0nbsp lead\u00a0\nnbsp trail\u00a0\u3000",
	"- a\n\n      code inside list?\n- b",
	"text\n\t- tab list\n\t\t- nested tab",
	"1.\n2.\n-\n#\n##",
	"<b>html</b> &amp; <!-- comment -->",
}

// checkCommentSource renders text as the doc comment of a type and of a
// struct field and checks the declarations and gofmt.
func checkCommentSource(t *testing.T, text string) {
	t.Helper()
	f := jen.NewFile("p")
	header(f)
	f.Add(goComment(text)).Type().Id("T").Struct(jen.Add(goComment(text)).Id("A").Int())
	f.Add(goComment(text)).Func().Id("F").Params().Block()
	f.Add(goCommentItem(text))
	f.Var().Id("V").Op("=").Lit(1)
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	src := buf.Bytes()
	formatted, err := format.Source(src)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	if !bytes.Equal(formatted, src) {
		t.Fatalf("%q: gofmt changes the comment:\n%s\n---\n%s", text, src, formatted)
	}
	file, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	var decls []string
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			decls = append(decls, "func "+d.Name.Name)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					st, ok := s.Type.(*ast.StructType)
					if !ok || len(st.Fields.List) != 1 || len(st.Fields.List[0].Names) != 1 || st.Fields.List[0].Names[0].Name != "A" {
						t.Fatalf("%q: struct T changed:\n%s", text, src)
					}
					decls = append(decls, "type "+s.Name.Name)
				case *ast.ValueSpec:
					decls = append(decls, d.Tok.String()+" "+s.Names[0].Name)
				default:
					decls = append(decls, "other")
				}
			}
		}
	}
	if file.Doc != nil || len(file.Comments) > 0 && file.Comments[0].Pos() < file.Package {
		// Only the generated header may stand before the package clause.
		if len(file.Comments) == 0 || file.Comments[0].Text() != Header+"\n" || len(file.Comments) > 1 && file.Comments[1].Pos() < file.Package {
			t.Fatalf("%q: comments moved above the package clause (a build constraint?):\n%s", text, src)
		}
	}
	if got := strings.Join(decls, ", "); got != "type T, func F, var V" {
		t.Fatalf("%q: declarations are %s:\n%s", text, got, src)
	}
	if canon := canonicalDoc(text); canon != "" && reformat(canon) != canon {
		t.Fatalf("%q: canonical text is not a fixed point: %q", text, canon)
	}
	// The fallback for a text whose reformatting would not settle.
	if _, ok := settle(flatDoc(text)); !ok {
		t.Fatalf("%q: flatDoc does not settle: %q", text, flatDoc(text))
	}
}

// TestCommentsGoThroughOneFile keeps every comment of the generated Go on
// the one path that makes contract text safe: outside comment.go, no
// gogen source calls jennifer's comment functions (Comment, Commentf,
// HeaderComment, PackageComment, and CanonicalPath, which writes an import
// comment), so no text can reach a comment unsanitised.
func TestCommentsGoThroughOneFile(t *testing.T) {
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	raw := map[string]bool{"Comment": true, "Commentf": true, "HeaderComment": true, "PackageComment": true, "CanonicalPath": true}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") || name == "comment.go" {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		ast.Inspect(file, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && raw[sel.Sel.Name] {
				t.Errorf("%s: %s is called outside comment.go; use goComment or goCommentItem", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
	if checked < 5 {
		t.Fatalf("checked only %d files", checked)
	}
}

// TestOpWritesOnlyOperators: jennifer's Op prints its argument as source,
// like a comment that starts with //. Outside intLit and floatLit (which
// write only numbers), it takes a string literal or an operator parameter
// named op, never text from the contract.
func TestOpWritesOnlyOperators(t *testing.T) {
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	calls := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Name.Name == "intLit" || fn.Name.Name == "floatLit" {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Op" || len(call.Args) != 1 {
					return true
				}
				calls++
				switch a := call.Args[0].(type) {
				case *ast.BasicLit:
					return true
				case *ast.Ident:
					if a.Name == "op" {
						return true
					}
				}
				t.Errorf("%s: Op is called with %s, which is not a literal operator", fset.Position(call.Pos()), gotypes.ExprString(call.Args[0]))
				return true
			})
		}
	}
	if calls < 50 {
		t.Fatalf("found only %d Op calls", calls)
	}
}
