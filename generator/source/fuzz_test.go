package source_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/internal/fuzzkit"
	"github.com/asyncgen/asyncgen/generator/source"
)

// fuzzBudget is smaller than DefaultMaxNodes so that checking the expanded
// tree (MarshalJSON walks every alias) stays fast; the budget logic is the same.
const fuzzBudget = 20_000

// seedDirs hold real contracts, relative to this package's directory.
var seedDirs = []string{"../../contracts", "../../../shared/corpus"}

// trickySeeds are hand-written inputs aimed at the converter's corners.
var trickySeeds = []string{
	// aliases, anchors, merge keys
	"a: &x {b: 1}\nc: *x\n",
	"a: &x [1, 2]\nb: [*x, *x, *x]\n",
	"base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n",
	"a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: [*a, *b]\n  z: 3\n",
	"a: &a 1\nc:\n  <<: *a\n",
	"c:\n  <<: [1, 2]\n",
	"a: *nothing\n",
	"a: &x [*x]\n",
	"a: &x 1\nb: &x [*x, *x]\nc: *x\n",
	"&k key: v\nother: *k\n",
	"&k key: v\n*k : w\n",
	"? &k [a, b]\n: v\n",
	"? {a: 1}\n: v\n",
	"<<: {a: 1}\na: 2\n",
	"x: &a\n  - &b {c: *b}\n",
	// tags
	"a: !!str 123\nb: !!int '5'\nc: !custom x\nd: !!null\ne: !!map {a: 1}\nf: !!seq [1]\n",
	"a: !!binary aGVsbG8=\nb: !!float 1\nc: !!bool yes\n",
	"!!str key: !!str\n",
	"a: !!str |\n  text\nx: &x 010\nb: !!str *x\nc: !!str &y 1\nd: *y\n",
	"a: !\nb: !<tag:yaml.org,2002:str> x\n",
	"%YAML 1.2\n%TAG !e! tag:example.com,2000:\n---\na: !e!foo x\n",
	// flow and block mixes
	"a: {b: [1, {c: d}, [e, f]], g: h}\ni:\n  - {j: k}\n  - [l]\n  - m: n\n    o: p\n",
	"[a, b, {c: [d, {e: f}]}]\n",
	"{a: 1, a: 2}\n",
	"a: 1\na: 2\n",
	"a:\n  - b\n  -\n  - c: \n",
	"a: |\n  literal\n  text\nb: >-\n  folded\n  text\nc: |+\n\n",
	"? complex key\n: value\n",
	"- - - a\n    - b\n  - c\n",
	"a: 'it''s'\nb: \"esc \\u00e9 \\x41 \\t\"\nc: plain # comment\n",
	// tabs, BOM, whitespace
	"a:\tb\n",
	"\ta: b\n",
	"a:\n\t- b\n",
	"\xef\xbb\xbfasyncapi: 2.6.0\ninfo: {title: t, version: 1.0.0}\n",
	"\xef\xbb\xbf{\"a\": 1}",
	"",
	"   \n\n",
	"# only a comment\n",
	"\x00",
	"a: \"\xff\xfe\"\n",
	// multiple documents
	"a: 1\n---\nb: 2\n",
	"---\n...\n",
	"---\na: 1\n...\n---\n",
	"--- |\n  text\n",
	// numbers
	"n: 123456789012345678901234567890\n",
	"n: -9223372036854775809\nm: 9223372036854775808\n",
	"n: 0x7fffffffffffffffff\nm: 0o17\no: 010\np: 0b101\n",
	"n: 1.10\nm: 1e400\no: -0\np: 1_000\nq: +1\nr: .5\ns: 5.\n",
	"a: .inf\nb: -.inf\nc: .nan\nd: .Inf\ne: .NaN\n",
	"a: [.inf]\n",
	"a: yes\nb: no\nc: on\nd: ~\ne: Null\nf: TRUE\n",
	// JSON
	`{"asyncapi": "2.6.0", "channels": {"a/b": {"subscribe": {"message": {"$ref": "#/components/messages/M"}}}}}`,
	`{"a": [1, 2.5e10, -3, true, false, null, "x\ud83d\ude00"]}`,
	`{"a": "\ud800"}`,
	`{"a": 1,}`,
	// broken
	"a: [1, 2\n",
	"a: {b: c\n",
	"a: b: c\n",
	"- a\nb: c\n",
	"a: 'unterminated\n",
	"key: value\n  bad indent: x\n",
	"&anchor\n",
	"*alias\n",
	"!tag\n",
	":\n",
	"? \n",
	"[[[[[[[[[[",
	"}",
}

// nested returns a document nested n levels deep in flow and block style.
func nested(n int) []string {
	var block strings.Builder
	for i := 0; i < n; i++ {
		block.WriteString(strings.Repeat(" ", i))
		block.WriteString("a:\n")
	}
	return []string{
		strings.Repeat("[", n) + strings.Repeat("]", n),
		strings.Repeat("{a: ", n) + "1" + strings.Repeat("}", n),
		strings.Repeat("- ", n) + "x\n",
		block.String(),
	}
}

// wideMappings returns block and flow mappings of n keys, with and without
// a repeated key at the end: above 16 keys the fast path checks keys once
// per mapping instead of key by key.
func wideMappings(n int) (unique, repeated []string) {
	var block, flow strings.Builder
	flow.WriteString("{")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&block, "k%d: %d\n", i, i)
		fmt.Fprintf(&flow, "k%d: %d, ", i, i)
	}
	return []string{block.String(), flow.String() + "z: 0}\n"},
		[]string{block.String() + "k1: again\n", flow.String() + "k1: again}\n"}
}

// laughs returns a billion-laughs document with the given number of levels.
func laughs(levels int) string {
	var b strings.Builder
	b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < levels; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func FuzzParse(f *testing.F) {
	for _, b := range fuzzkit.Seeds(f, seedDirs...) {
		f.Add(b)
	}
	for _, s := range trickySeeds {
		f.Add([]byte(s))
	}
	for _, s := range nested(40) {
		f.Add([]byte(s))
	}
	for _, s := range nested(600) {
		f.Add([]byte(s))
	}
	for _, n := range []int{3, 40} {
		unique, repeated := wideMappings(n)
		for _, s := range append(unique, repeated...) {
			f.Add([]byte(s))
		}
	}
	f.Add([]byte(laughs(3)))
	f.Add([]byte(laughs(9)))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzkit.Within(t, fuzzDeadline, fmt.Sprintf("parsing %d bytes", len(data)), func() { checkParse(t, data) })
	})
}

// fuzzDeadline is far above any real parse (microseconds to milliseconds):
// reaching it means the input makes Parse hang or explode.
const fuzzDeadline = 10 * time.Second

// checkParse asserts the properties every Parse result must have.
func checkParse(t *testing.T, data []byte) {
	t.Helper()
	const path = "contracts/fuzz.yaml"
	f, ds := source.Parse(path, data, fuzzBudget)
	if f == nil {
		t.Fatal("Parse returned a nil file")
	}
	// The fast path must read every input exactly as goccy's parser does.
	slow, slowDiags := source.ParseGoccy(path, data, fuzzBudget)
	if got, want := dump(f.Root)+fmt.Sprint(ds), dump(slow.Root)+fmt.Sprint(slowDiags); got != want {
		t.Fatalf("fast path and goccy's parser disagree on %q:\nfast:  %s\ngoccy: %s", truncate(data), got, want)
	}
	// The pre-scans bound what goccy and the tree get, so that their limits
	// bound the cost: the byte scan goccy's tokens, the token scan the
	// tree's depth (aliases may deepen the tree: the converter's budget
	// bounds them instead).
	bound, tokens, depth := source.Prescan(data)
	if tokens > bound {
		t.Fatalf("the byte scan bounds the tokens of %q by %d, goccy makes %d", truncate(data), bound, tokens)
	}
	if f.Root != nil && !bytes.ContainsRune(data, '*') && source.Depth(f.Root) > depth+1 {
		t.Fatalf("the token scan finds depth %d in %q, the tree has %d", depth, truncate(data), source.Depth(f.Root))
	}
	for _, d := range ds {
		if d.Pos.File != path || d.Pos.Line < 1 || d.Pos.Col < 1 {
			t.Fatalf("diagnostic without a position: %+v", d)
		}
		if d.Rule == "" || d.Message == "" {
			t.Fatalf("diagnostic without a rule or message: %+v", d)
		}
	}
	if f.Root == nil {
		if !ds.HasErrors() {
			t.Fatalf("no tree and no error diagnostic: %+v", ds)
		}
		return
	}
	if got := f.Root.Size(); got < 1 || got > fuzzBudget {
		t.Fatalf("Root.Size() = %d, want 1..%d", got, fuzzBudget)
	}
	checkNodes(t, path, f.Root, map[*source.Node]bool{})
	b, err := f.Root.MarshalJSON()
	if err != nil {
		t.Fatalf("MarshalJSON: %v", err)
	}
	if !json.Valid(b) {
		t.Fatalf("MarshalJSON produced invalid JSON: %q", truncate(b))
	}
}

// checkNodes verifies positions and sizes of every distinct node.
func checkNodes(t *testing.T, path string, n *source.Node, seen map[*source.Node]bool) {
	t.Helper()
	if n == nil {
		t.Fatal("nil node in tree")
	}
	if seen[n] {
		return
	}
	seen[n] = true
	if n.Pos.File != path || n.Pos.Line < 1 || n.Pos.Col < 1 {
		t.Fatalf("%s node %q has no position: %+v", n.Kind, n.Text(), n.Pos)
	}
	size := 1
	for _, it := range n.Items {
		checkNodes(t, path, it, seen)
		size += it.Size()
	}
	for _, fl := range n.Fields {
		if fl.KeyPos.File != path || fl.KeyPos.Line < 1 || fl.KeyPos.Col < 1 {
			t.Fatalf("key %q has no position: %+v", fl.Key, fl.KeyPos)
		}
		checkNodes(t, path, fl.Value, seen)
		size += fl.Value.Size()
	}
	if n.Size() != size {
		t.Fatalf("%s node at %v: Size() = %d, want %d", n.Kind, n.Pos, n.Size(), size)
	}
	if n.Kind == source.Number && !json.Valid([]byte(n.Str)) {
		t.Fatalf("number node at %v holds %q, not a JSON number", n.Pos, n.Str)
	}
}

// dump writes a tree with every node's kind, position, value and flags.
func dump(n *source.Node) string {
	var b strings.Builder
	var walk func(*source.Node)
	walk = func(n *source.Node) {
		if n == nil {
			b.WriteString("<nil>")
			return
		}
		fmt.Fprintf(&b, "%s@%d:%d(%q,%v,%q,%d)", n.Kind, n.Pos.Line, n.Pos.Col, n.Str, n.Quoted, n.Plain, n.Size())
		switch n.Kind {
		case source.Array:
			b.WriteString("[")
			for _, it := range n.Items {
				walk(it)
				b.WriteString(",")
			}
			b.WriteString("]")
		case source.Object:
			b.WriteString("{")
			for _, f := range n.Fields {
				fmt.Fprintf(&b, "%q@%d:%d:", f.Key, f.KeyPos.Line, f.KeyPos.Col)
				walk(f.Value)
				b.WriteString(",")
			}
			b.WriteString("}")
		}
	}
	walk(n)
	return b.String()
}

// TestFastPathCoversContracts keeps the fast path useful: it must accept
// every shipped contract file (which use no anchors or empty values), and
// the differential check in checkParse then compares it with goccy's parser.
func TestFastPathCoversContracts(t *testing.T) {
	files := 0
	err := filepath.WalkDir("../../contracts", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".yaml" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		if !source.ParseFastOnly(p, b, 0) {
			t.Errorf("%s: the fast path declines a shipped contract", p)
		}
		checkParse(t, b)
		return nil
	})
	if err != nil || files == 0 {
		t.Fatalf("walking contracts: %d files, %v", files, err)
	}
}

// TestFastPathRepeatedKeys: the fast path reads mappings of every width,
// and declines one with a repeated key, which goccy's parser then reports.
func TestFastPathRepeatedKeys(t *testing.T) {
	for _, n := range []int{3, 40} {
		unique, repeated := wideMappings(n)
		for _, in := range unique {
			if !source.ParseFastOnly("wide.yaml", []byte(in), 0) {
				t.Errorf("%d keys: the fast path declines %q", n, truncate([]byte(in)))
			}
			checkParse(t, []byte(in))
		}
		for _, in := range repeated {
			if source.ParseFastOnly("wide.yaml", []byte(in), 0) {
				t.Errorf("%d keys: the fast path accepts a repeated key in %q", n, truncate([]byte(in)))
			}
			if _, ds := source.Parse("wide.yaml", []byte(in), 0); !hasRule(ds, source.RuleDuplicateKey) {
				t.Errorf("%d keys: no %s for %q: %v", n, source.RuleDuplicateKey, truncate([]byte(in)), ds)
			}
		}
	}
}

func truncate(b []byte) []byte {
	if len(b) > 200 {
		return b[:200]
	}
	return b
}

func hasRule(ds diag.List, rule string) bool {
	for _, d := range ds {
		if d.Rule == rule {
			return true
		}
	}
	return false
}
