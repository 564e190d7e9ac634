package lower

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/source"
)

// TestDraft7JSON checks that the bytes the oracle compiles decode to the
// same value as draft7Value, on hand-written cases and every shipped file.
func TestDraft7JSON(t *testing.T) {
	cases := map[string]string{
		"nullable.yaml": `
a: {type: string, nullable: true, enum: [x, y]}
b: {type: [string, integer], nullable: true, enum: [1, null]}
c: {type: [string, "null"], nullable: true, enum: []}
d: {type: "null", nullable: true}
e: {type: [], nullable: true}
f: {nullable: false, type: string, enum: [a]}
g: {nullable: true, type: 3}
h: {nullable: "true", type: string}
i: {nested: [{type: string, nullable: true}], s: "quote \" back \\ tab \t é \u2028 <&>"}
`,
	}
	var paths []string
	for _, root := range []string{"../../testdata", "../../contracts"} {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".json")) {
				paths = append(paths, p)
			}
			return nil
		})
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cases[p] = string(data)
	}
	checked := 0
	for name, text := range cases {
		f, _ := source.Parse(name, []byte(text), 0)
		if f.Root == nil {
			continue
		}
		want, err := json.Marshal(draft7Value(f.Root))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := appendDraft7JSON(nil, f.Root)
		if !reflect.DeepEqual(decode(t, name, want), decode(t, name, got)) {
			t.Errorf("%s: appendDraft7JSON differs from draft7Value:\n got %s\nwant %s", name, got, want)
		}
		checked++
	}
	if checked < 10 {
		t.Fatalf("only %d files checked", checked)
	}
}

func decode(t *testing.T, name string, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%s: %v in %s", name, err, b)
	}
	return v
}
