package lower

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/spec"
)

// lowerDoc lowers one document and returns its schemas by pointer.
func lowerDoc(t *testing.T, doc string) map[string]*ir.Schema {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "doc.yaml")
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	l := spec.NewLoader(dir, dir)
	set, _ := Lower(spec.Load(l, []string{p}))
	out := map[string]*ir.Schema{}
	for _, s := range set.Schemas {
		out[s.Pointer] = s
	}
	return out
}

func jsonText(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExampleValuesFollowRefs: a $ref in an example or default is replaced
// by its target's value (keys next to it win), as the official parser
// dereferences a document; one that leads nowhere stays data, loops end.
func TestExampleValuesFollowRefs(t *testing.T) {
	schemas := lowerDoc(t, `asyncapi: 2.6.0
info: {title: t, version: '1'}
channels: {}
components:
  schemas:
    Base:
      type: object
      examples:
        - {id: 1, name: base}
    Child:
      type: object
      default: {$ref: '#/components/schemas/Base/examples/0', name: child}
      examples:
        - {$ref: '#/components/schemas/Base/examples/0'}
        - {$ref: '#/nowhere', kept: true}
        - {loop: {$ref: '#/components/schemas/Child/examples/2'}}
`)
	child := schemas["/components/schemas/Child"]
	if child == nil || len(child.Examples) != 3 {
		t.Fatalf("Child: %+v", child)
	}
	if got := jsonText(t, child.Default); got != `{"id":1,"name":"child"}` {
		t.Errorf("default = %s", got)
	}
	if got := jsonText(t, child.Examples[0]); got != `{"id":1,"name":"base"}` {
		t.Errorf("examples[0] = %s", got)
	}
	if got := jsonText(t, child.Examples[1]); got != `{"$ref":"#/nowhere","kept":true}` {
		t.Errorf("examples[1] = %s", got)
	}
	if got := jsonText(t, child.Examples[2]); strings.Count(got, "loop") != maxValueRefs+1 {
		t.Errorf("examples[2] does not stop after %d hops: %s", maxValueRefs, got)
	}
}

// TestExampleValuesBounded: examples that each refer to several others,
// level after level, expand to a bounded value instead of exponentially.
func TestExampleValuesBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("asyncapi: 2.6.0\ninfo: {title: t, version: '1'}\nchannels: {}\ncomponents:\n  schemas:\n")
	const levels = 12 // 10^12 nodes if nothing bounded the expansion
	for i := 0; i < levels; i++ {
		fmt.Fprintf(&b, "    L%d:\n      examples:\n        - [", i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			if i == levels-1 {
				b.WriteString("1")
			} else {
				fmt.Fprintf(&b, "{$ref: '#/components/schemas/L%d/examples/0'}", i+1)
			}
		}
		b.WriteString("]\n")
	}
	schemas := lowerDoc(t, b.String())
	top := schemas["/components/schemas/L0"]
	if top == nil || len(top.Examples) != 1 {
		t.Fatalf("L0: %+v", top)
	}
	if n := len(jsonText(t, top.Examples[0])); n > 50*maxValueNodes {
		t.Errorf("the expanded example is %d bytes", n)
	}
}
