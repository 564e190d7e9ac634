package sqlgen_test

import (
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// The sql-options case sets every sql option away from its default:
// tenant: none, on_error: abort, check_data: true, create_verbs: [placed].
const optionsCase = "../../testdata/gen/sql-options"

// optionsDB applies the sql-options case, with on_error as given, to a
// fresh database.
func optionsDB(t *testing.T, onError string) (*pgx.Conn, *ir.Set, sqlgen.Options) {
	t.Helper()
	set, diags, opts := loadCase(t, optionsCase)
	if diags.HasErrors() {
		t.Fatalf("%s does not lint:\n%v", optionsCase, diags)
	}
	if !opts.NoTenant || opts.OnError != sqlgen.OnErrorAbort || !opts.CheckData {
		t.Fatalf("%s/asyncgen.yaml was not read: %+v", optionsCase, opts)
	}
	opts.OnError = onError
	out, err := sqlgen.Generate(set, opts)
	if err != nil {
		t.Fatal(err)
	}
	conn := testDB(t)
	applyAll(t, conn, out)
	return conn, set, opts
}

const placeOrder = `INSERT INTO public.domain_events (stream_id, stream_type, stream_version, event_type, event_data)
	VALUES ($1, 'order', 1, 'order.placed', $2::jsonb) RETURNING id::text`

// TestNoTenancyOnPostgres: with sql.tenant: none the projection has no
// tenant column and no policy, and a role that is not its owner sees
// every row without any JWT claim.
func TestNoTenancyOnPostgres(t *testing.T) {
	conn, _, _ := optionsDB(t, sqlgen.OnErrorAbort)
	for _, id := range []string{"00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000a2"} {
		exec(t, conn, placeOrder, id, `{"order_id": "`+id+`", "customer_id": "`+id+`", "total_cents": 1, "currency": "EUR"}`)
	}
	var columns, policies int
	var rls bool
	if err := conn.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM information_schema.columns WHERE table_name = 'order_projection' AND column_name = 'org_id'),
		(SELECT count(*) FROM pg_policies WHERE tablename = 'order_projection'),
		(SELECT relrowsecurity FROM pg_class WHERE oid = 'public.order_projection'::regclass)`).Scan(&columns, &policies, &rls); err != nil {
		t.Fatal(err)
	}
	if columns != 0 || policies != 0 || rls {
		t.Errorf("tenant: none: %d tenant columns, %d policies, row-level security %v; want none", columns, policies, rls)
	}
	exec(t, conn, `GRANT USAGE ON SCHEMA public TO authenticated; GRANT SELECT ON public.order_projection TO authenticated`)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SET LOCAL ROLE authenticated`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM public.order_projection`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("a non-owner role without claims sees %d orders, want 2", n)
	}
}

// badOrders are order.placed data that check_data refuses, with the
// problem it names.
var badOrders = []struct{ data, problem string }{
	{`{"order_id": "00000000-0000-4000-8000-0000000000b1", "customer_id": "00000000-0000-4000-8000-0000000000c1", "total_cents": "abc", "currency": "EUR"}`,
		`property "total_cents" is a string, want integer`},
	{`{"order_id": "00000000-0000-4000-8000-0000000000b2", "customer_id": "00000000-0000-4000-8000-0000000000c1", "total_cents": 1.5, "currency": "EUR"}`,
		`property "total_cents" is a number with a fraction, want integer`},
	{`{"order_id": "00000000-0000-4000-8000-0000000000b3", "total_cents": 1, "currency": "EUR"}`,
		`required key "customer_id" is missing`},
	{`["not", "an", "object"]`, `event_data is a array, want an object`},
	{`{"order_id": "00000000-0000-4000-8000-0000000000b4", "customer_id": "00000000-0000-4000-8000-0000000000c1", "total_cents": 1, "currency": "EUR", "express": "yes"}`,
		`property "express" is a string, want boolean`},
}

// TestCheckDataAbortOnPostgres: with check_data and on_error abort, a
// direct SQL insert whose event_data has the wrong structure fails with
// P9003 naming the problem, and nothing is stored.
func TestCheckDataAbortOnPostgres(t *testing.T) {
	conn, _, _ := optionsDB(t, sqlgen.OnErrorAbort)
	for i, c := range badOrders {
		_, err := conn.Exec(ctx, placeOrder, "00000000-0000-4000-8000-0000000000b"+string(rune('1'+i)), c.data)
		if pgCode(err) != "P9003" || !strings.Contains(err.Error(), c.problem) {
			t.Errorf("%s: error %v, want P9003 saying %s", c.data, err, c.problem)
		}
	}
	if n := count(t, conn, `SELECT (SELECT count(*) FROM public.domain_events) + (SELECT count(*) FROM public.order_projection)`); n != 0 {
		t.Errorf("%d rows stored after refused events, want 0", n)
	}
	// A nullable property may be null, an absent optional one is fine.
	exec(t, conn, placeOrder, "00000000-0000-4000-8000-0000000000d1", `{"order_id": "00000000-0000-4000-8000-0000000000d1", "customer_id": "00000000-0000-4000-8000-0000000000c1", "total_cents": 10, "currency": "EUR"}`)
	exec(t, conn, `INSERT INTO public.domain_events (stream_id, stream_type, stream_version, event_type, event_data)
		VALUES ('00000000-0000-4000-8000-0000000000d1', 'order', 2, 'order.updated', '{"order_id": "00000000-0000-4000-8000-0000000000d1", "note": null, "total_cents": 2e1}')`)
	if n := count(t, conn, `SELECT total_cents FROM public.order_projection`); n != 20 {
		t.Errorf("total_cents = %d after the update, want 20", n)
	}
}

// TestAbortOnPostgres: with on_error abort a failing handler fails its
// INSERT statement as a whole: an INSERT of two events whose second
// updates a missing row stores neither, and leaves no projection row.
func TestAbortOnPostgres(t *testing.T) {
	conn, _, _ := optionsDB(t, sqlgen.OnErrorAbort)
	_, err := conn.Exec(ctx, `INSERT INTO public.domain_events (stream_id, stream_type, stream_version, event_type, event_data) VALUES
		('00000000-0000-4000-8000-0000000000e1', 'order', 1, 'order.placed', '{"order_id": "00000000-0000-4000-8000-0000000000e1", "customer_id": "00000000-0000-4000-8000-0000000000c1", "total_cents": 1, "currency": "EUR"}'),
		('00000000-0000-4000-8000-0000000000e2', 'order', 1, 'order.paid', '{"order_id": "00000000-0000-4000-8000-0000000000e2", "paid_at": "2026-05-01T10:05:00Z"}')`)
	if pgCode(err) != "P9002" || !strings.Contains(err.Error(), "projection row for stream order 00000000-0000-4000-8000-0000000000e2 not found") {
		t.Errorf("error %v, want P9002 naming the missing row", err)
	}
	if n := count(t, conn, `SELECT (SELECT count(*) FROM public.domain_events) + (SELECT count(*) FROM public.order_projection)`); n != 0 {
		t.Errorf("%d rows stored after a failed INSERT, want 0", n)
	}
}

// TestCheckDataRecordOnPostgres: with check_data and on_error record, an
// event with the wrong structure is stored unprocessed with its P9003
// error, and writes no projection row.
func TestCheckDataRecordOnPostgres(t *testing.T) {
	conn, _, _ := optionsDB(t, sqlgen.OnErrorRecord)
	for i, c := range badOrders {
		var id string
		if err := conn.QueryRow(ctx, placeOrder, "00000000-0000-4000-8000-0000000000b"+string(rune('1'+i)), c.data).Scan(&id); err != nil {
			t.Fatalf("%s: %v", c.data, err)
		}
		var perr *string
		var done bool
		if err := conn.QueryRow(ctx, `SELECT processing_error, processed_at IS NOT NULL FROM public.domain_events WHERE id = $1`, id).Scan(&perr, &done); err != nil {
			t.Fatal(err)
		}
		want := "P9003: event_data of order.placed does not match its schema: " + c.problem
		if perr == nil || *perr != want || done {
			t.Errorf("%s: processing_error %q, processed %v; want %q, false", c.data, deref(perr), done, want)
		}
	}
	if n := count(t, conn, `SELECT count(*) FROM public.order_projection`); n != 0 {
		t.Errorf("%d projection rows from refused events, want 0", n)
	}
}

func count(t *testing.T, conn *pgx.Conn, q string, args ...any) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(ctx, q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}
