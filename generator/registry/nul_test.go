package registry_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/registry"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// nulContract holds NULs (written \0 in YAML) in its event type, stream
// type, descriptions, an enum value, a property name and an example: lint
// accepts it with the naming and codegen categories off.
const nulContract = `asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      message:
        name: "order.pla\0ced"
        description: "Placed\0 by the shop."
        x-stream-type: "ord\0er"
        payload:
          type: object
          description: "The\0 order."
          required: [status]
          properties:
            status:
              type: string
              enum: [open, "clo\0sed"]
            "no\0te":
              type: string
        examples:
          - payload: {status: "clo\0sed"}
`

// TestRegisterNUL: PostgreSQL cannot store a NUL, so the generated
// registration and register both store it as the text \x00
// (ir.Storable), and a contract compares equal to what registering it
// wrote: the generated SQL's row is found unchanged by register,
// registering twice changes nothing, and diff against the registry finds
// nothing.
func TestRegisterNUL(t *testing.T) {
	dsn := testDB(t)
	set := load(t, nulContract, "naming", "codegen")
	if len(set.Events) != 1 || !strings.Contains(set.Events[0].Type, "\x00") {
		t.Fatalf("want one event whose type holds a NUL, got %d events", len(set.Events))
	}

	// The generated SQL registers the event first.
	// Lint left event types unchecked (naming is off), so the SQL does too.
	sqlOpts := sqlgen.Options{Schema: "public", NoEventTypeCheck: true}
	out, err := sqlgen.Generate(set, sqlOpts)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for _, f := range out {
		if _, err := c.Exec(ctx, string(f.Content)); err != nil {
			t.Fatalf("applying %s: %v", filepath.Base(f.Path), err)
		}
	}
	var typ, stream, desc, enum string
	if err := c.QueryRow(ctx, `SELECT event_type, stream_type, description, event_schema #>> '{properties,status,enum,1}' FROM event_types`).Scan(&typ, &stream, &desc, &enum); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join([]string{typ, stream, desc, enum}, "|"), `order.pla\x00ced|ord\x00er|Placed\x00 by the shop.|clo\x00sed`; got != want {
		t.Errorf("generated registration stored %s, want %s", got, want)
	}

	o := options(dsn)
	o.SQL = sqlOpts
	before := ""
	for i := 1; i <= 2; i++ {
		r := register(t, set, o)
		if !r.Applied || r.Refused != "" || len(r.Report.Findings) != 0 {
			t.Fatalf("register #%d: applied=%v refused=%q findings=%v", i, r.Applied, r.Refused, r.Report.Findings)
		}
		if got, want := steps(r), `order.pla\x00ced:unchanged:1`; got != want {
			t.Errorf("register #%d plan: %s, want %s", i, got, want)
		}
		if after := registryState(t, dsn); i > 1 && after != before {
			t.Errorf("register #%d changed the registry:\n%s\n→\n%s", i, before, after)
		} else {
			before = after
		}
	}

	sides, err := registry.Versions(ctx, dsn, "public", registry.Timeouts{})
	if err != nil {
		t.Fatal(err)
	}
	if rep := diff.Compare(sides, diff.NewSide(set, "new"), diff.Options{Mode: diff.DefaultMode}); len(rep.Findings) != 0 {
		t.Errorf("diff against the registry: %v", rep.Findings)
	}

	// A new version is recorded in the same form.
	v2 := load(t, strings.Replace(strings.Replace(nulContract, "1.0.0", "1.1.0", 1), "              type: string\n        examples", "              type: string\n            extra:\n              type: string\n        examples", 1), "naming", "codegen")
	if r := register(t, v2, o); !r.Applied || steps(r) != `order.pla\x00ced:new-version:2` {
		t.Fatalf("v2: applied=%v refused=%q plan=%s findings=%v", r.Applied, r.Refused, steps(r), r.Report.Findings)
	}
	var hist string
	if err := c.QueryRow(ctx, `SELECT event_type || '|' || stream_type || '|' || (event_schema #>> '{properties,status,enum,1}') FROM event_type_versions`).Scan(&hist); err != nil {
		t.Fatal(err)
	}
	if want := `order.pla\x00ced|ord\x00er|clo\x00sed`; hist != want {
		t.Errorf("history row: %s, want %s", hist, want)
	}
}
