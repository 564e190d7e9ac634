package sqlgen_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// A second creating event for a row that exists is P9004, never a silent
// ON CONFLICT DO NOTHING; applying the event that created the row again
// (a replay) is not.

const (
	createdOrder = "00000000-0000-4000-8000-0000000000f1"
	// createdTwice is the P9004 message for createdOrder.
	createdTwice = "projection row for stream order " + createdOrder + " already exists (order_projection with id = " + createdOrder + ")"
)

// placeAgain is a second order.placed for createdOrder, with other data.
const placeAgain = `{"order_id": "` + createdOrder + `", "customer_id": "00000000-0000-4000-8000-0000000000c2", "total_cents": 999, "currency": "USD"}`

// placeCreatedOrder stores the order.placed that creates createdOrder's
// row and returns the event's id and the row.
func placeCreatedOrder(t *testing.T, conn *pgx.Conn) (id, row string) {
	t.Helper()
	if err := conn.QueryRow(ctx, placeOrder, createdOrder, `{"order_id": "`+createdOrder+`", "customer_id": "00000000-0000-4000-8000-0000000000c1", "total_cents": 10, "currency": "EUR"}`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id, orderRow(t, conn)
}

// orderRow is createdOrder's projection row as JSON.
func orderRow(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	var row string
	if err := conn.QueryRow(ctx, `SELECT to_jsonb(t)::text FROM public.order_projection t WHERE id = $1`, createdOrder).Scan(&row); err != nil {
		t.Fatal(err)
	}
	return row
}

// TestCreatedTwiceAbortOnPostgres: with on_error abort a second creating
// event for an existing row fails its INSERT with P9004, naming the row
// and the fix; nothing is stored and the row is unchanged.
func TestCreatedTwiceAbortOnPostgres(t *testing.T) {
	conn, _, _ := optionsDB(t, sqlgen.OnErrorAbort)
	_, row := placeCreatedOrder(t, conn)
	_, err := conn.Exec(ctx, `INSERT INTO public.domain_events (stream_id, stream_type, stream_version, event_type, event_data)
		VALUES ($1, 'order', 2, 'order.placed', $2::jsonb)`, createdOrder, placeAgain)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "P9004" || pgErr.Message != createdTwice {
		t.Fatalf("a second order.placed: error %v, want P9004 %q", err, createdTwice)
	}
	if !strings.Contains(pgErr.Hint, "x-projection: {action: update}") || !strings.Contains(pgErr.Hint, "sql.create_verbs") {
		t.Errorf("P9004 hint %q names neither fix", pgErr.Hint)
	}
	if n := count(t, conn, `SELECT count(*) FROM public.domain_events`); n != 1 {
		t.Errorf("%d events stored, want the first only", n)
	}
	if after := orderRow(t, conn); after != row {
		t.Errorf("a refused creating event changed the row\nbefore %s\nafter  %s", row, after)
	}
}

// TestCreatedTwiceRecordOnPostgres: with on_error record a second
// creating event is stored unprocessed with its P9004 error and leaves the
// row unchanged, and stays failed through a later update, a retry and a
// rebuild (which also fails it when older SQL had marked it processed);
// the creating event itself, applied again by its handler, by
// apply_domain_event after a later update, or by a rebuild, is a no-op.
func TestCreatedTwiceRecordOnPostgres(t *testing.T) {
	conn, _, _ := optionsDB(t, sqlgen.OnErrorRecord)
	first, row := placeCreatedOrder(t, conn)
	var second string
	if err := conn.QueryRow(ctx, `INSERT INTO public.domain_events (stream_id, stream_type, stream_version, event_type, event_data)
		VALUES ($1, 'order', 2, 'order.placed', $2::jsonb) RETURNING id::text`, createdOrder, placeAgain).Scan(&second); err != nil {
		t.Fatalf("a second order.placed must be stored with on_error record: %v", err)
	}
	failedTwice := func(when string) {
		t.Helper()
		var perr *string
		var done bool
		if err := conn.QueryRow(ctx, `SELECT processing_error, processed_at IS NOT NULL FROM public.domain_events WHERE id = $1`, second).Scan(&perr, &done); err != nil {
			t.Fatal(err)
		}
		if want := "P9004: " + createdTwice; perr == nil || *perr != want || done {
			t.Errorf("%s: the second order.placed has processing_error %q, processed %v; want %q, unprocessed", when, deref(perr), done, want)
		}
	}
	failedTwice("stored")
	if after := orderRow(t, conn); after != row {
		t.Errorf("a second creating event changed the row\nbefore %s\nafter  %s", row, after)
	}

	// The creating event again, as stored (processed) and as a fresh record
	// (not processed, but the row's last_event_id): no error, no change.
	exec(t, conn, `SELECT public.handle_order_placed(e) FROM public.domain_events e WHERE id = $1`, first)
	exec(t, conn, `SELECT public.handle_order_placed(e) FROM public.domain_events e WHERE id = $1`, first)
	exec(t, conn, `SELECT public.handle_order_placed(jsonb_populate_record(e, '{"processed_at": null}')) FROM public.domain_events e WHERE id = $1`, first)
	if after := orderRow(t, conn); after != row {
		t.Errorf("applying the creating event again changed the row\nbefore %s\nafter  %s", row, after)
	}

	// A later event writes the row; the creating event replayed after it
	// is still a no-op, the second creating event still fails.
	exec(t, conn, `INSERT INTO public.domain_events (stream_id, stream_type, stream_version, event_type, event_data)
		VALUES ($1, 'order', 3, 'order.updated', $2::jsonb)`, createdOrder, `{"order_id": "`+createdOrder+`", "total_cents": 20}`)
	row = orderRow(t, conn)
	exec(t, conn, `SELECT public.apply_domain_event(e) FROM public.domain_events e WHERE id = $1`, first)
	if after := orderRow(t, conn); after != row {
		t.Errorf("replaying the creating event after an update changed the row\nbefore %s\nafter  %s", row, after)
	}
	if n := count(t, conn, `SELECT public.retry_failed_events()`); n != 0 {
		t.Errorf("retry_failed_events() = %d, want 0", n)
	}
	failedTwice("after retry_failed_events()")
	if n := count(t, conn, `SELECT public.rebuild_projections()`); n != 2 {
		t.Errorf("rebuild_projections() applied %d events, want 2", n)
	}
	failedTwice("after rebuild_projections()")
	if after := orderRow(t, conn); after != row {
		t.Errorf("rebuild_projections() changed the row\nbefore %s\nafter  %s", row, after)
	}
	// As SQL before P9004 (ON CONFLICT DO NOTHING) left it: the second
	// creation marked processed. A rebuild brings the lost event to light.
	exec(t, conn, `UPDATE public.domain_events SET processed_at = now(), processing_error = NULL WHERE id = $1`, second)
	if n := count(t, conn, `SELECT public.rebuild_projections()`); n != 2 {
		t.Errorf("rebuild_projections() over a second creation marked processed applied %d events, want 2", n)
	}
	failedTwice("after rebuild_projections() over a second creation marked processed")
}
