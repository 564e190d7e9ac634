package sqlgen_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// shippedDB applies the SQL of the shipped contracts to a fresh database.
func shippedDB(t *testing.T) (*harness, *ir.Set) {
	t.Helper()
	set, diags, opts := loadCase(t, "../..")
	if diags.HasErrors() {
		t.Fatalf("shipped contracts do not lint:\n%v", diags)
	}
	out, err := sqlgen.Generate(set, opts)
	if err != nil {
		t.Fatal(err)
	}
	conn := testDB(t)
	applyAll(t, conn, out)
	return newHarness(t, conn, set, opts), set
}

// insertStored inserts events one INSERT statement each, in order.
func (h *harness) insertStored(t *testing.T, events []*storedEvent) {
	t.Helper()
	for _, e := range events {
		if _, err := h.conn.Exec(ctx, `INSERT INTO `+h.store+` (stream_id, stream_type, stream_version, event_type, event_data, event_metadata)
			VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`, e.streamID, e.streamType, e.version, e.eventType, string(e.data), string(e.metadata)); err != nil {
			t.Fatalf("inserting event %d (%s): %v", e.ord, e.eventType, err)
		}
	}
}

// TestRebuildOnPostgres: a few hundred mixed events, some failing with
// P9002, built event by event by the trigger; rebuild_projections() of
// everything and of each stream type gives the same rows, row for row,
// and the same event statuses, also after the projections were damaged.
func TestRebuildOnPostgres(t *testing.T) {
	h, set := shippedDB(t)
	events := mixedEvents(t, set, 400, 7, 42)
	h.insertStored(t, events)
	built := h.snapshot(t)
	statuses := h.eventStatuses(t)
	processed := h.count(t, `SELECT count(*) FROM `+h.store+` WHERE processed_at IS NOT NULL`)
	failed := h.count(t, `SELECT count(*) FROM `+h.store+` WHERE processing_error LIKE 'P9002: %'`)
	if failed == 0 || processed < 300 {
		t.Fatalf("%d events processed, %d failed with P9002: the mix needs both", processed, failed)
	}
	rebuild := h.table(set.SQL.Rebuild)
	// damage deletes rows of the streams' tables and overwrites the rest.
	damage := func(streams ...*ir.Stream) {
		for _, st := range streams {
			for _, tb := range st.SQL.Tables {
				exec(t, h.conn, `DELETE FROM `+h.table(tb.Name)+` WHERE ctid IN (SELECT ctid FROM `+h.table(tb.Name)+` LIMIT 2)`)
				exec(t, h.conn, `UPDATE `+h.table(tb.Name)+` SET created_at = '1999-01-01', updated_at = '1999-01-01', last_event_id = NULL`)
			}
		}
		if h.snapshot(t) == built {
			t.Fatal("damaging the projections changed nothing")
		}
	}
	check := func(what string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s applied %d events, want %d", what, got, want)
		}
		if after := h.snapshot(t); after != built {
			t.Errorf("after %s these projections differ from those built event by event: %s", what, differingLines(built, after))
		}
		if after := h.eventStatuses(t); after != statuses {
			t.Errorf("%s changed the events' processed_at or processing_error", what)
		}
	}
	damage(set.Streams...)
	check("rebuild_projections()", h.count(t, `SELECT `+rebuild+`()`), processed)
	for _, st := range set.Streams {
		if len(st.SQL.Tables) == 0 {
			continue
		}
		damage(st)
		want := h.count(t, `SELECT count(*) FROM `+h.store+` WHERE processed_at IS NOT NULL AND stream_type = $1`, st.Name)
		check(fmt.Sprintf("rebuild_projections(%q)", st.Name), h.count(t, `SELECT `+rebuild+`($1)`, st.Name), want)
	}
	if _, err := h.conn.Exec(ctx, `SELECT `+rebuild+`('nosuch')`); pgCode(err) != "P9001" {
		t.Errorf("rebuild_projections('nosuch'): %v, want SQLSTATE P9001", err)
	}
}

// TestRetryOnPostgres: an event stored before the event that creates its
// row fails with P9002; once the row exists, retry_failed_events()
// applies it and marks it processed, and leaves an event that still fails
// as it was.
func TestRetryOnPostgres(t *testing.T) {
	h, set := shippedDB(t)
	var create, follow *storedEvent
	for _, e := range mixedEvents(t, set, 200, 0, 7) {
		if e.version == 1 && create == nil {
			create = e
		} else if create != nil && e.streamID == create.streamID && e.version == 2 {
			follow = e
			break
		}
	}
	if follow == nil {
		t.Fatal("the mix has no stream with two events")
	}
	orphan := *follow
	orphan.streamID, orphan.version = "00000000-0000-4000-8000-00000000dead", 1
	orphan.data = []byte(`{}`)
	h.insertStored(t, []*storedEvent{follow, &orphan})
	if n := h.count(t, `SELECT count(*) FROM `+h.store+` WHERE processing_error LIKE 'P9002: %'`); n != 2 {
		t.Fatalf("%d events failed with P9002, want 2", n)
	}
	orphanError := h.count(t, `SELECT length(processing_error) FROM `+h.store+` WHERE stream_id = $1`, orphan.streamID)
	h.insertStored(t, []*storedEvent{create})
	retry := h.table(set.SQL.Retry)
	if n := h.count(t, `SELECT `+retry+`()`); n != 1 {
		t.Errorf("retry_failed_events() = %d, want 1", n)
	}
	var processed bool
	var perr *string
	if err := h.conn.QueryRow(ctx, `SELECT processed_at IS NOT NULL, processing_error FROM `+h.store+` WHERE stream_id = $1 AND stream_version = 2`, follow.streamID).Scan(&processed, &perr); err != nil {
		t.Fatal(err)
	}
	if !processed || perr != nil {
		t.Errorf("the retried event: processed %v, processing_error %q; want processed", processed, deref(perr))
	}
	if n := h.count(t, `SELECT length(processing_error) FROM `+h.store+` WHERE stream_id = $1 AND processed_at IS NULL`, orphan.streamID); n != orphanError {
		t.Errorf("the event that still fails changed its error")
	}
	if n := h.count(t, `SELECT `+retry+`()`); n != 0 {
		t.Errorf("retry_failed_events() again = %d, want 0", n)
	}
}

// TestOneWritePerEventOnPostgres: the BEFORE INSERT trigger writes
// processed_at and processing_error into the row being inserted, so the
// event store sees no UPDATE and no dead tuple; and an INSERT that
// violates the stream-version key leaves the projections as they were,
// although the trigger ran before the key was checked.
func TestOneWritePerEventOnPostgres(t *testing.T) {
	h, set := shippedDB(t)
	events := mixedEvents(t, set, 200, 5, 3)
	h.insertStored(t, events)
	if n := h.count(t, `SELECT count(*) FROM `+h.store+` WHERE processed_at IS NULL AND processing_error IS NULL`); n != 0 {
		t.Errorf("%d events have neither processed_at nor processing_error", n)
	}
	s := tableStats(t, h.conn, h.store)
	if s.updates != 0 || s.dead != 0 {
		t.Errorf("after %d events the event store had %d updates and %d dead tuples, want 0", len(events), s.updates, s.dead)
	}
	// An event that changes an existing row (its handler would write a new
	// last_event_id), stored again under a taken stream version.
	var dup *storedEvent
	for _, e := range events {
		if e.version > 1 && h.count(t, `SELECT count(*) FROM `+h.store+` WHERE stream_id = $1 AND stream_version = $2 AND processed_at IS NOT NULL`, e.streamID, e.version) == 1 {
			dup = e
		}
	}
	if dup == nil {
		t.Fatal("the mix has no processed follow-up event")
	}
	before := h.snapshot(t)
	_, err := h.conn.Exec(ctx, `INSERT INTO `+h.store+` (stream_id, stream_type, stream_version, event_type, event_data, event_metadata)
		VALUES ($1, $2, 1, $3, $4::jsonb, $5::jsonb)`, dup.streamID, dup.streamType, dup.eventType, string(dup.data), string(dup.metadata))
	if pgCode(err) != "23505" {
		t.Fatalf("a duplicate stream version: %v, want SQLSTATE 23505", err)
	}
	if after := h.snapshot(t); after != before {
		t.Errorf("a refused INSERT changed the projections")
	}
}

// differingLines names the lines (tables of a snapshot) that differ.
func differingLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := 0; i < max(len(al), len(bl)); i++ {
		if i >= len(al) || i >= len(bl) || al[i] != bl[i] {
			line := al[min(i, len(al)-1)]
			name, _, _ := strings.Cut(line, ":")
			out = append(out, name)
		}
	}
	return strings.Join(out, ", ")
}
