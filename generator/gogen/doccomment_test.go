package gogen_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/gogen"
	"github.com/asyncgen/asyncgen/generator/source"
)

// TestDocCommentsAreGofmtFixedPoints generates one contract whose schemas
// and fields carry every description, summary and title of the shared
// corpus (real Markdown written by others) and the Markdown seeds (lists,
// nested and numbered lists, code blocks, headings, tables, tabs, CRLF,
// trailing spaces, very long lines, */, non-ASCII) and checks that gofmt
// (go/format, which reformats doc comments with go/doc/comment) leaves
// every generated file unchanged.
func TestDocCommentsAreGofmtFixedPoints(t *testing.T) {
	texts := append([]string(nil), gogen.MarkdownComments...)
	texts = append(texts, corpusTexts(t)...)
	if len(texts) < 200 {
		t.Fatalf("only %d descriptions; the corpus is missing?", len(texts))
	}
	t.Logf("%d descriptions", len(texts))
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "docs.json"), docContract(texts), 0o644); err != nil {
		t.Fatal(err)
	}
	res := lintDir(t, dir, "naming", "conventions", "versioning", "examples")
	if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
		t.Fatalf("lint errors: %v", errs)
	}
	out, err := gogen.Generate(res.IR, gogen.Options{Dir: dir, Package: "events"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range out {
		formatted, err := format.Source(f.Content)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(f.Path), err)
		}
		if !bytes.Equal(formatted, f.Content) {
			t.Errorf("gofmt changes %s:\n%s", filepath.Base(f.Path), lineDiff(string(f.Content), string(formatted)))
		}
	}
}

// docContract is a JSON contract with one event whose payload has a
// property per text, each a schema of its own (a named type, so the text
// is a top-level doc comment, the kind gofmt reformats) that also carries
// the text on its one field.
func docContract(texts []string) []byte {
	props := map[string]any{}
	schemas := map[string]any{}
	for i, text := range texts {
		name := fmt.Sprintf("Doc%04d", i)
		props[fmt.Sprintf("p%04d", i)] = map[string]any{"$ref": "#/components/schemas/" + name}
		schemas[name] = map[string]any{
			"type": "object", "description": text,
			"properties": map[string]any{"v": map[string]any{"type": "string", "description": text}},
		}
	}
	doc := map[string]any{
		"asyncapi": "2.6.0",
		"info":     map[string]any{"title": "Docs", "version": "1.0.0"},
		"channels": map[string]any{"docs.written": map[string]any{"subscribe": map[string]any{"message": map[string]any{
			"name": "docs.written", "description": texts[0],
			"payload": map[string]any{"type": "object", "properties": props},
		}}}},
		"components": map[string]any{"schemas": schemas},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err)
	}
	return b
}

// corpusTexts returns every distinct description, summary and title in
// the shared corpus that holds no NUL or byte order mark (lint refuses
// those).
func corpusTexts(t *testing.T) []string {
	root := filepath.Join(sharedDir(t), "corpus")
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".yaml", ".yml", ".json":
		default:
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, _ := source.Parse(p, b, 0)
		if f == nil || f.Root == nil {
			return nil
		}
		collectTexts(f.Root, seen)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for s := range seen {
		if !strings.ContainsAny(s, "\x00\uFEFF") {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func collectTexts(n *source.Node, seen map[string]bool) {
	for _, f := range n.Fields {
		switch f.Key {
		case "description", "summary", "title":
			if f.Value.Kind == source.String && strings.TrimSpace(f.Value.Str) != "" {
				seen[f.Value.Str] = true
			}
		}
		collectTexts(f.Value, seen)
	}
	for _, it := range n.Items {
		collectTexts(it, seen)
	}
}
