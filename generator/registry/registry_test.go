package registry_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/registry"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// contracts renders a small envelope contract: order.placed and
// order.cancelled, with the status enum and extra properties given.
func contracts(version, statuses, extraProps string) string {
	return `asyncapi: 2.6.0
info:
  title: Orders
  version: ` + version + `
channels:
  domain_events:
    subscribe:
      message:
        oneOf:
          - $ref: '#/components/messages/OrderPlaced'
          - $ref: '#/components/messages/OrderCancelled'
components:
  messages:
    OrderPlaced:
      name: order.placed
      x-stream-type: order
      payload:
        $ref: '#/components/schemas/OrderPlacedEvent'
    OrderCancelled:
      name: order.cancelled
      x-stream-type: order
      payload:
        type: object
        required: [event_type, event_data, event_metadata]
        properties:
          event_type:
            const: order.cancelled
          event_data:
            type: object
            required: [order_id]
            properties:
              order_id:
                type: string
                format: uuid
          event_metadata:
            $ref: '#/components/schemas/Metadata'
  schemas:
    Metadata:
      type: object
      required: [user_id]
      properties:
        user_id:
          type: string
          format: uuid
    OrderPlacedEvent:
      type: object
      required: [event_type, event_data, event_metadata]
      properties:
        event_type:
          const: order.placed
        event_data:
          type: object
          required: [order_id, status]
          properties:
            order_id:
              type: string
              format: uuid
            status:
              type: string
              enum: [` + statuses + `]
` + extraProps + `        event_metadata:
          $ref: '#/components/schemas/Metadata'
`
}

// load lints doc (with the given categories off) and returns its IR.
func load(t *testing.T, doc string, disable ...string) *ir.Set {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "contracts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "contracts", "orders.yaml"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := generator.Lint(generator.Options{Config: config.Default(dir), Cwd: dir, Disable: disable})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("contracts do not lint: %v", res.Diagnostics)
	}
	return res.IR
}

func options(dsn string) registry.Options {
	return registry.Options{DSN: dsn, SQL: sqlgen.Options{Schema: "public"}, Diff: diff.Options{Mode: diff.DefaultMode}, FailOn: diff.Error}
}

func register(t *testing.T, set *ir.Set, o registry.Options) *registry.Result {
	t.Helper()
	res, err := registry.Register(context.Background(), set, o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// registryState summarizes the registry for before/after comparisons.
func registryState(t *testing.T, dsn string) string {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var s string
	if err := c.QueryRow(ctx, `SELECT coalesce(string_agg(event_type || ' v' || version || ' ' || fingerprint || ' ' || allow_breaking, E'\n' ORDER BY event_type, version), '')
		FROM event_type_versions`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	var et string
	if err := c.QueryRow(ctx, `SELECT coalesce(string_agg(event_type || ' ' || stream_type || ' ' || md5(event_schema::text) || ' ' || is_active, E'\n' ORDER BY event_type), '')
		FROM event_types`).Scan(&et); err != nil {
		t.Fatal(err)
	}
	return s + "\n--\n" + et
}

func steps(r *registry.Result) string {
	var out []string
	for _, s := range r.Plan {
		out = append(out, s.EventType+":"+s.Action+":"+itoa(s.Version))
	}
	return strings.Join(out, " ")
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// TestRegisterLifecycle: register v1, a compatible v2, refuse a breaking
// v3 (registry unchanged), accept it with --allow-breaking (recorded),
// and keep checking transitively against every registered version.
func TestRegisterLifecycle(t *testing.T) {
	dsn := testDB(t)
	o := options(dsn)

	v1 := load(t, contracts("1.0.0", "placed, paid, cancelled", ""))
	r := register(t, v1, o)
	if !r.Applied || r.Refused != "" || steps(r) != "order.cancelled:register:1 order.placed:register:1" {
		t.Fatalf("v1: applied=%v refused=%q plan=%s", r.Applied, r.Refused, steps(r))
	}
	// Registering the same contracts again changes nothing.
	before := registryState(t, dsn)
	r = register(t, v1, o)
	if !r.Applied || steps(r) != "order.cancelled:unchanged:1 order.placed:unchanged:1" || len(r.Report.Findings) != 0 {
		t.Fatalf("v1 again: plan=%s findings=%d", steps(r), len(r.Report.Findings))
	}
	if after := registryState(t, dsn); after != before {
		t.Errorf("re-registering changed the registry:\n%s\n→\n%s", before, after)
	}

	// v2: an optional property (compatible), minor bump.
	v2 := load(t, contracts("1.1.0", "placed, paid, cancelled", "            note:\n              type: string\n"))
	r = register(t, v2, o)
	if !r.Applied || steps(r) != "order.cancelled:unchanged:1 order.placed:new-version:2" {
		t.Fatalf("v2: applied=%v refused=%q plan=%s\n%v", r.Applied, r.Refused, steps(r), r.Report.Findings)
	}

	// v3 removes an enum value: refused, registry unchanged.
	before = registryState(t, dsn)
	v3 := load(t, contracts("2.0.0", "placed, paid", "            note:\n              type: string\n"))
	r = register(t, v3, o)
	if r.Applied || r.Refused == "" {
		t.Fatalf("v3 was not refused: %+v", r)
	}
	if len(r.Report.Findings) == 0 || r.Report.Findings[0].Rule != "payload-enum-value-removed" {
		t.Errorf("v3 findings: %v", r.Report.Findings)
	}
	if after := registryState(t, dsn); after != before {
		t.Errorf("a refused registration changed the registry:\n%s\n→\n%s", before, after)
	}

	// Dry run with --allow-breaking: the plan, nothing written.
	dry := o
	dry.AllowBreaking, dry.DryRun = true, true
	r = register(t, v3, dry)
	if r.Applied || steps(r) != "order.cancelled:unchanged:1 order.placed:new-version:3" {
		t.Errorf("dry run: applied=%v plan=%s", r.Applied, steps(r))
	}
	if after := registryState(t, dsn); after != before {
		t.Errorf("a dry run changed the registry")
	}

	// --allow-breaking registers v3 and records the override.
	ab := o
	ab.AllowBreaking = true
	r = register(t, v3, ab)
	if !r.Applied {
		t.Fatalf("v3 with --allow-breaking: %+v", r)
	}
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var allow bool
	var changes string
	if err := c.QueryRow(ctx, `SELECT allow_breaking, breaking_changes::text FROM event_type_versions WHERE event_type = 'order.placed' AND version = 3`).Scan(&allow, &changes); err != nil {
		t.Fatal(err)
	}
	if !allow || !strings.Contains(changes, "payload-enum-value-removed") {
		t.Errorf("v3 history: allow_breaking=%v breaking_changes=%s", allow, changes)
	}
	// The history is append-only.
	if _, err := c.Exec(ctx, `DELETE FROM event_type_versions`); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("deleting history: %v", err)
	}

	// Transitive: v4 (compatible with v3) still fails against v1 and v2,
	// whose stored events may hold "cancelled"; non-transitive passes.
	v4 := load(t, contracts("2.1.0", "placed, paid", "            note:\n              type: string\n            channel:\n              type: string\n"))
	r = register(t, v4, o)
	if r.Applied || r.Refused == "" {
		t.Fatalf("v4 under backward-transitive was not refused")
	}
	found := false
	for _, f := range r.Report.Findings {
		if f.Rule == "payload-enum-value-removed" && strings.HasPrefix(f.Baseline, "registry v") {
			found = true
		}
	}
	if !found {
		t.Errorf("v4: no finding against an earlier registered version: %v", r.Report.Findings)
	}
	nt := o
	nt.Diff.Mode, _ = diff.ParseMode("backward")
	r = register(t, v4, nt)
	if !r.Applied || steps(r) != "order.cancelled:unchanged:1 order.placed:new-version:4" {
		t.Errorf("v4 under backward: applied=%v refused=%q plan=%s", r.Applied, r.Refused, steps(r))
	}

	// Versions: one layer per earlier version, then the latest.
	sides, err := registry.Versions(ctx, dsn, "public", registry.Timeouts{})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, s := range sides {
		labels = append(labels, s.Label)
	}
	if got := strings.Join(labels, ","); got != "registry v1,registry v2,registry v3,registry" {
		t.Errorf("layers: %s", got)
	}

	// Removing an event type is breaking; with --allow-breaking it is
	// marked inactive, its versions stay.
	only := load(t, strings.Replace(contracts("3.0.0", "placed, paid", "            note:\n              type: string\n            channel:\n              type: string\n"),
		"          - $ref: '#/components/messages/OrderCancelled'\n", "", 1))
	r = register(t, only, nt)
	if r.Applied {
		t.Error("removing order.cancelled was not refused")
	}
	ab.Diff.Mode = nt.Diff.Mode
	r = register(t, only, ab)
	if !r.Applied || !strings.Contains(steps(r), "order.cancelled:deactivate:1") {
		t.Errorf("deactivation: %s", steps(r))
	}
	var active bool
	if err := c.QueryRow(ctx, `SELECT is_active FROM event_types WHERE event_type = 'order.cancelled'`).Scan(&active); err != nil || active {
		t.Errorf("order.cancelled is_active=%v err=%v", active, err)
	}
}

// TestRegisterConcurrent: registrations are serialized by the advisory
// lock: two at once both succeed, one registers, the other finds nothing
// to do, and nothing is registered twice.
func TestRegisterConcurrent(t *testing.T) {
	dsn := testDB(t)
	set := load(t, contracts("1.0.0", "placed, paid", ""))
	var wg sync.WaitGroup
	results := make([]*registry.Result, 4)
	errs := make([]error, 4)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i], errs[i] = registry.Register(context.Background(), set, options(dsn))
		}(i)
	}
	wg.Wait()
	registered := 0
	for i, r := range results {
		if errs[i] != nil {
			t.Fatalf("registration %d: %v", i, errs[i])
		}
		if !r.Applied {
			t.Fatalf("registration %d refused: %s", i, r.Refused)
		}
		if strings.Contains(steps(r), ":register:") {
			registered++
		}
	}
	if registered != 1 {
		t.Errorf("%d registrations registered v1, want exactly 1", registered)
	}
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var n int
	if err := c.QueryRow(ctx, `SELECT count(*) FROM event_type_versions`).Scan(&n); err != nil || n != 2 {
		t.Errorf("history rows: %d (%v), want 2", n, err)
	}
}
