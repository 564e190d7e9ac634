package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/config"
)

const createVerbsContract = `asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  order.placed:
    subscribe: {message: {payload: {type: object, properties: {order_id: {type: string}}}}}
  order.shipped:
    subscribe: {message: {payload: {type: object, properties: {order_id: {type: string}}}}}
  order.opened:
    subscribe:
      message:
        x-projection: {action: update}
        payload: {type: object, properties: {order_id: {type: string}}}
`

// TestCreateVerbs: sql.create_verbs decides which events insert their
// row (x-projection action wins), and lint warns when no event of a
// projection creates its rows.
func TestCreateVerbs(t *testing.T) {
	root := t.TempDir()
	cfg := config.Default(root)
	if err := os.MkdirAll(cfg.Contracts, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfg.Contracts, "orders.yaml"), []byte(createVerbsContract), 0o644); err != nil {
		t.Fatal(err)
	}
	actions := func() (string, string) {
		t.Helper()
		res, err := Lint(Options{Config: cfg, Cwd: root})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, es := range res.IR.Streams[0].SQL.Events {
			got = append(got, es.Event.Type+"="+es.Action)
		}
		var rules []string
		for _, d := range res.Diagnostics {
			rules = append(rules, d.Rule)
		}
		return strings.Join(got, " "), strings.Join(rules, " ")
	}
	if got, diags := actions(); got != "order.opened=update order.placed=insert order.shipped=touch" || diags != "" {
		t.Errorf("default verbs: %s; findings %q", got, diags)
	}
	cfg.SQL.CreateVerbs = []string{"shipped"}
	if got, diags := actions(); got != "order.opened=update order.placed=touch order.shipped=insert" || diags != "" {
		t.Errorf("create_verbs [shipped]: %s; findings %q", got, diags)
	}
	cfg.SQL.CreateVerbs = []string{}
	if got, diags := actions(); got != "order.opened=update order.placed=touch order.shipped=touch" || diags != "conventions/projection-never-created" {
		t.Errorf("create_verbs []: %s; findings %q, want conventions/projection-never-created", got, diags)
	}
}
