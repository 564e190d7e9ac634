package source

import (
	"bytes"
	"testing"
)

// TestLeadingByteOrderMark: a UTF-8 byte order mark before the first
// character of a YAML or JSON (tab-indented, as .NET tools write it) file
// is no content: the tree and every position are those of the file without
// it, and a BOM inside a value is kept as text.
func TestLeadingByteOrderMark(t *testing.T) {
	for name, doc := range map[string]string{
		"yaml": "asyncapi: 2.6.0\ninfo:\n  title: \"t\ufeff\"\n",
		"json": "{\n\t\"asyncapi\": \"2.6.0\",\n\t\"info\": {\n\t\t\"title\": \"t\ufeff\"\n\t}\n}\n",
	} {
		for _, fast := range []bool{true, false} {
			plain, ds := parse("a", []byte(doc), Limits{}, fast)
			if ds.HasErrors() || plain.Root == nil {
				t.Fatalf("%s: %v", name, ds)
			}
			marked, ds := parse("a", append([]byte("\ufeff"), doc...), Limits{}, fast)
			if ds.HasErrors() || marked.Root == nil {
				t.Fatalf("%s with a BOM (fast %v): %v", name, fast, ds)
			}
			a, _ := plain.Root.MarshalJSON()
			b, _ := marked.Root.MarshalJSON()
			if !bytes.Equal(a, b) || marked.Root.Get("asyncapi").Pos != plain.Root.Get("asyncapi").Pos {
				t.Errorf("%s (fast %v): %s at %v, want %s at %v", name, fast, b, marked.Root.Get("asyncapi").Pos, a, plain.Root.Get("asyncapi").Pos)
			}
			if got := marked.Root.Get("info").Get("title").Str; got != "t\ufeff" {
				t.Errorf("%s: title %q lost its inner BOM", name, got)
			}
		}
	}
}
