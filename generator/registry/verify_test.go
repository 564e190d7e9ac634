package registry_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/registry"
)

// eventStore creates a domain_events table shaped like the generated one
// and stores three order.placed events.
func eventStore(t *testing.T, dsn string) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `CREATE TABLE domain_events (
		id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
		sequence_number bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
		stream_id uuid NOT NULL,
		stream_type text NOT NULL,
		stream_version bigint NOT NULL,
		event_type text NOT NULL,
		event_data jsonb NOT NULL,
		event_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
		created_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		t.Fatal(err)
	}
	for i, status := range []string{"placed", "paid", "cancelled"} {
		id := "00000000-0000-4000-8000-00000000000" + string(rune('1'+i))
		if _, err := c.Exec(ctx, `INSERT INTO domain_events (id, stream_id, stream_type, stream_version, event_type, event_data, event_metadata)
			VALUES ($1, $2, 'order', 1, 'order.placed', $3::jsonb, '{"user_id": "7c94fedd-a5bc-4777-97c4-abdab7a51570"}')`,
			id, "11111111-1111-4111-8111-11111111111"+string(rune('1'+i)),
			`{"order_id": "22222222-2222-4222-8222-222222222222", "status": "`+status+`"}`); err != nil {
			t.Fatal(err)
		}
	}
}

// TestVerifyEvents: stored events are the ground truth. Removing an enum
// value a stored event holds is rejected with that event's id; removing
// one no stored event holds is proven safe (verified, minor, producers
// first); a sample is evidence, not proof.
func TestVerifyEvents(t *testing.T) {
	dsn := testDB(t)
	eventStore(t, dsn)
	old := diff.NewSide(load(t, contracts("1.0.0", "placed, paid, cancelled, refunded", "")), "old")
	vo := registry.VerifyOptions{DSN: dsn}

	// "cancelled" is stored: event ...0003 fails.
	cur := diff.NewSide(load(t, contracts("2.0.0", "placed, paid, refunded", "")), "new")
	report := diff.Compare([]*diff.Side{old}, cur, diff.Options{Mode: diff.DefaultMode})
	if got := strings.Join(report.ChangedEvents(), ","); got != "order.placed" {
		t.Fatalf("changed events: %s", got)
	}
	res, err := registry.Verify(context.Background(), vo, cur, report.ChangedEvents())
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Stored != 3 || res[0].Checked != 3 || len(res[0].Failures) != 1 ||
		res[0].Failures[0].ID != "00000000-0000-4000-8000-000000000003" || !strings.Contains(res[0].Failures[0].Error, "/event_data/status") {
		t.Fatalf("verification: %+v", res[0])
	}
	report.ApplyVerification(res, diff.Options{Mode: diff.DefaultMode})
	rejected := false
	for _, f := range report.Findings {
		if f.Rule == "stored-events-rejected" {
			// A breaking verdict needs a major bump; the line must not say "bump none".
			rejected = f.Severity == diff.Error && strings.Contains(f.Message, "00000000-0000-4000-8000-000000000003") &&
				f.Bump == diff.BumpMajor && strings.Contains(f.Line(), "bump major")
		}
	}
	if !rejected {
		t.Errorf("no stored-events-rejected error naming the failing id: %v", report.Findings)
	}

	// "refunded" was never stored: the removal is proven safe.
	cur = diff.NewSide(load(t, contracts("1.1.0", "placed, paid, cancelled", "")), "new")
	report = diff.Compare([]*diff.Side{old}, cur, diff.Options{Mode: diff.DefaultMode})
	if report.Count(diff.Error) == 0 {
		t.Fatal("removing an enum value is not an error before verification")
	}
	res, err = registry.Verify(context.Background(), vo, cur, report.ChangedEvents())
	if err != nil {
		t.Fatal(err)
	}
	report.ApplyVerification(res, diff.Options{Mode: diff.DefaultMode})
	if n := report.Count(diff.Warning); n != 0 {
		t.Errorf("after a complete pass: %d errors/warnings: %v", n, report.Findings)
	}
	f := report.Findings[0]
	if f.Rule != "payload-enum-value-removed" || f.Verified == "" || f.Bump != diff.BumpMinor || report.Deploy != diff.ProducersFirst {
		t.Errorf("verified finding: %+v, report deploy %s", f, report.Deploy)
	}

	// A sample is not proof: the error stays.
	vo.Sample = 2
	res, err = registry.Verify(context.Background(), vo, cur, []string{"order.placed"})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Checked != 2 || res[0].Complete() {
		t.Errorf("sample: %+v", res[0])
	}
}

// TestVerifyEventsECMAPattern: a pattern written with an ECMA-262 escape
// RE2 spells otherwise (\u0061) is judged on stored events as generated
// code judges it, not refused as a schema jsonschema/v5 cannot compile.
func TestVerifyEventsECMAPattern(t *testing.T) {
	dsn := testDB(t)
	eventStore(t, dsn)
	// The second letter must be "a": paid and cancelled pass, placed fails.
	doc := strings.Replace(contracts("1.1.0", "X", ""), "enum: [X]", `pattern: '^[a-z]\u0061[a-z]*$'`, 1)
	cur := diff.NewSide(load(t, doc), "new")
	res, err := registry.Verify(context.Background(), registry.VerifyOptions{DSN: dsn}, cur, []string{"order.placed"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Checked != 3 || len(res[0].Failures) != 1 ||
		res[0].Failures[0].ID != "00000000-0000-4000-8000-000000000001" || !strings.Contains(res[0].Failures[0].Error, "/event_data/status") {
		t.Fatalf("verification: %+v", res)
	}
}
