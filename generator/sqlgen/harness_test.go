package sqlgen_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// A harness drives contract examples through the generated SQL on a test
// database and checks, event by event, what the handlers did.

func newHarness(t *testing.T, conn *pgx.Conn, set *ir.Set, o sqlgen.Options) *harness {
	h := &harness{t: t, conn: conn, set: set, o: o, versions: map[string]int{}, created: map[string]bool{}}
	h.store = h.table(o.EventStore)
	return h
}

type harness struct {
	t    *testing.T
	conn *pgx.Conn
	set  *ir.Set
	o    sqlgen.Options
	// store is the quoted, qualified event store.
	store    string
	versions map[string]int
	// created records table/key pairs a creating event inserted.
	created map[string]bool
	// stored lists the example events in insertion order.
	stored []*event
	// orphans counts the example events that change a row no example
	// created: they must fail with P9002 and leave no trace.
	orphans int
}

// event is one row for the event store, built from a contract example.
type event struct {
	stream   *ir.Stream
	es       *ir.EventSQL
	example  string
	streamID string
	data     map[string]any
	rawData  any
	metadata any
	id       string
}

var ctx = context.Background()

// examples builds one event per example of every event, ordered so that a
// stream's creating events come first and deleting ones last.
func (h *harness) examples() []*event {
	rank := map[string]int{"insert": 0, "update": 1, "touch": 2, "none": 3, "delete": 4}
	var out []*event
	for _, st := range h.set.Streams {
		for _, es := range st.SQL.Events {
			for _, ex := range es.Event.Examples {
				out = append(out, newEvent(st, es, ex.Name, ex.Value))
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].es.Action] < rank[out[j].es.Action] })
	return out
}

func newEvent(st *ir.Stream, es *ir.EventSQL, name string, value any) *event {
	e := &event{stream: st, es: es, example: name, rawData: value, metadata: map[string]any{"user_id": systemUser}}
	if m, ok := value.(map[string]any); ok && es.Event.Envelope {
		e.rawData = m["event_data"]
		if md, ok := m["event_metadata"]; ok {
			e.metadata = md
		}
		if id, ok := m["stream_id"].(string); ok {
			e.streamID = id
		}
	}
	e.data, _ = e.rawData.(map[string]any)
	if e.streamID == "" {
		for _, k := range []string{es.KeyProperty, st.Name + "_id"} {
			if id, ok := e.data[k].(string); ok && k != "" {
				e.streamID = id
				break
			}
		}
	}
	if e.streamID == "" {
		sum := sha256.Sum256([]byte(es.Event.Type + "/" + name))
		e.streamID = fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
	}
	return e
}

// insert appends the event to the store with the stream's next version.
func (h *harness) insert(t *testing.T, e *event) {
	t.Helper()
	if err := h.tryInsert(e); err != nil {
		t.Fatalf("inserting %s (%s): %v", e.es.Event.Type, e.example, err)
	}
}

// tryInsert appends the event with the stream's next version (taken only
// when the INSERT succeeds).
func (h *harness) tryInsert(e *event) error {
	key := e.stream.Name + "/" + e.streamID
	data, _ := json.Marshal(e.rawData)
	md, _ := json.Marshal(e.metadata)
	err := h.conn.QueryRow(ctx, `INSERT INTO `+h.store+` (stream_id, stream_type, stream_version, event_type, event_data, event_metadata)
		VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb) RETURNING id::text`,
		e.streamID, e.stream.Name, h.versions[key]+1, e.es.Event.Type, string(data), string(md)).Scan(&e.id)
	if err == nil {
		h.versions[key]++
	}
	return err
}

// abort reports whether the SQL runs with sql.on_error: abort.
func (h *harness) abort() bool { return h.o.OnError == sqlgen.OnErrorAbort }

// insertFailing inserts an event whose handler must fail with SQLSTATE
// code: with on_error record the event is stored unprocessed with the
// error recorded, with abort the INSERT fails with that error and nothing
// is stored.
func (h *harness) insertFailing(t *testing.T, e *event, code string) {
	t.Helper()
	err := h.tryInsert(e)
	if !h.abort() {
		if err != nil {
			t.Fatalf("inserting %s (%s) must not fail with on_error record: %v", e.es.Event.Type, e.example, err)
		}
		h.failed(t, e, code)
		return
	}
	if got := pgCode(err); got != code {
		t.Errorf("inserting %s (%s) with on_error abort: error %v (SQLSTATE %q), want SQLSTATE %s", e.es.Event.Type, e.example, err, got, code)
	}
	e.id = ""
}

// processed fails unless the trigger applied the event without error.
func (h *harness) processed(t *testing.T, e *event) {
	t.Helper()
	done, perr := h.status(t, e)
	if !done || perr != nil {
		t.Errorf("%s (%s) was not processed: processing_error = %v", e.es.Event.Type, e.example, deref(perr))
	}
}

// failed fails unless the trigger recorded an error of SQLSTATE code for
// the event and left it unprocessed.
func (h *harness) failed(t *testing.T, e *event, code string) {
	t.Helper()
	done, perr := h.status(t, e)
	if done || perr == nil || !strings.HasPrefix(*perr, code+": ") {
		t.Errorf("%s (%s): processed = %v, processing_error = %v; want a %s error", e.es.Event.Type, e.example, done, deref(perr), code)
	}
}

// status reads an event's processed_at (set or not) and processing_error.
func (h *harness) status(t *testing.T, e *event) (bool, *string) {
	t.Helper()
	var done bool
	var perr *string
	if err := h.conn.QueryRow(ctx, `SELECT processed_at IS NOT NULL, processing_error FROM `+h.store+` WHERE id = $1`, e.id).Scan(&done, &perr); err != nil {
		t.Fatal(err)
	}
	return done, perr
}

// orphan reports whether the event changes a row that no event created.
func (h *harness) orphan(e *event) bool {
	es := e.es
	return es.Table != nil && es.Action != "insert" && !h.created[es.Table.Name+"/"+e.key()]
}

// duplicate reports whether the event would create a row that another
// event created: it must fail with P9004 and leave the row as it was.
func (h *harness) duplicate(e *event) bool {
	es := e.es
	return es.Table != nil && es.Action == "insert" && h.created[es.Table.Name+"/"+e.key()]
}

// insertDuplicate inserts a creating event for a row that exists, which
// must fail with P9004 and leave that row exactly as it was.
func (h *harness) insertDuplicate(t *testing.T, e *event) {
	t.Helper()
	before := h.row(t, e)
	h.insertFailing(t, e, "P9004")
	if after := h.row(t, e); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("%s (%s) for an existing row changed it:\nbefore %v\nafter  %v", e.es.Event.Type, e.example, before, after)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// keyOf is the projection key of the event's row.
func (e *event) key() string {
	if e.es.KeyProperty != "" {
		return fmt.Sprint(e.data[e.es.KeyProperty])
	}
	return e.streamID
}

func (h *harness) table(name string) string { return pgx.Identifier{h.o.Schema, name}.Sanitize() }

// row returns the projection row of the event as a JSON object, or nil.
func (h *harness) row(t *testing.T, e *event) map[string]any {
	t.Helper()
	tb := e.es.Table
	q := fmt.Sprintf(`SELECT to_jsonb(t)::text FROM %s t WHERE %s::text = $1`, h.table(tb.Name), pgx.Identifier{tb.Key.Name}.Sanitize())
	var text string
	if err := h.conn.QueryRow(ctx, q, e.key()).Scan(&text); err == pgx.ErrNoRows {
		return nil
	} else if err != nil {
		t.Fatal(err)
	}
	return decode(t, text).(map[string]any)
}

func decode(t *testing.T, text string) any {
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// insertExamples inserts every example event and checks, event by event,
// that its handler did what its action says with the example's values.
func (h *harness) insertExamples(t *testing.T) {
	for _, e := range h.examples() {
		if h.orphan(e) {
			// No silent success: the row is missing, the event says so.
			h.orphans++
			h.insertFailing(t, e, "P9002")
			continue
		}
		if h.duplicate(e) {
			// Nor silent loss: another example created the row.
			h.insertDuplicate(t, e)
			continue
		}
		h.insert(t, e)
		h.stored = append(h.stored, e)
		h.processed(t, e)
		h.checkApplied(t, e)
	}
	// Every creating event made exactly one row; nothing else made rows.
	want := map[string]int{}
	for k := range h.created {
		want[strings.SplitN(k, "/", 2)[0]]++
	}
	for _, st := range h.set.Streams {
		for _, tb := range st.SQL.Tables {
			var n int
			if err := h.conn.QueryRow(ctx, "SELECT count(*) FROM "+h.table(tb.Name)).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != want[tb.Name] {
				t.Errorf("%s has %d rows, want %d (one per created key)", tb.Name, n, want[tb.Name])
			}
		}
	}
	if len(h.created) == 0 {
		t.Fatal("no example created a projection row")
	}
}

func (h *harness) checkApplied(t *testing.T, e *event) {
	t.Helper()
	es := e.es
	if es.Table == nil {
		return
	}
	what := fmt.Sprintf("%s (%s)", es.Event.Type, e.example)
	row := h.row(t, e)
	ck := es.Table.Name + "/" + e.key()
	if es.Action == "insert" && !h.created[ck] {
		h.created[ck] = true
		if row == nil {
			t.Errorf("%s: no row in %s for key %s", what, es.Table.Name, e.key())
			return
		}
		for _, f := range es.Fields {
			v, present := e.data[f.Property]
			switch {
			case present:
			case f.HasDefault && !strings.HasSuffix(f.Column.Type, "[]"):
				v = f.Default
			default:
				v = nil
			}
			typ := f.Column.Type
			if f.Column.Name == h.o.TenantColumn {
				typ = "uuid"
			}
			if !sameValue(typ, v, row[f.Column.Name]) {
				t.Errorf("%s: %s.%s = %v, want %v", what, es.Table.Name, f.Column.Name, row[f.Column.Name], v)
			}
		}
		if es.CreatedAt != "" && e.data[es.CreatedAt] != nil && !sameValue("timestamptz", e.data[es.CreatedAt], row["created_at"]) {
			t.Errorf("%s: created_at = %v, want the event's %v", what, row["created_at"], e.data[es.CreatedAt])
		}
	} else if row == nil {
		t.Errorf("%s: processed, but no row in %s for key %s", what, es.Table.Name, e.key())
		return
	} else if es.Action == "update" {
		for _, f := range es.Fields {
			if v, present := e.data[f.Property]; present && f.Column.Name != h.o.TenantColumn && !sameValue(f.Column.Type, v, row[f.Column.Name]) {
				t.Errorf("%s: %s.%s = %v, want %v", what, es.Table.Name, f.Column.Name, row[f.Column.Name], v)
			}
		}
	}
	if row == nil {
		return
	}
	for _, s := range es.Set {
		if !sameValue(s.Column.Type, s.Value, row[s.Column.Name]) {
			t.Errorf("%s: %s.%s = %v, want x-projection value %v", what, es.Table.Name, s.Column.Name, row[s.Column.Name], s.Value)
		}
	}
	if row["last_event_id"] != e.id {
		t.Errorf("%s: last_event_id = %v, want %s", what, row["last_event_id"], e.id)
	}
	if es.Action == "delete" {
		if row["deleted_at"] == nil {
			t.Errorf("%s: deleted_at is NULL after a delete event", what)
		} else if es.DeletedAt != "" && !sameValue("timestamptz", e.data[es.DeletedAt], row["deleted_at"]) {
			t.Errorf("%s: deleted_at = %v, want %v", what, row["deleted_at"], e.data[es.DeletedAt])
		}
	}
}

// sameValue compares an example value with a to_jsonb column value of type typ.
func sameValue(typ string, want, got any) bool {
	if want == nil || got == nil {
		return want == nil && got == nil
	}
	switch {
	case typ == "timestamptz":
		w, err1 := time.Parse(time.RFC3339Nano, fmt.Sprint(want))
		g, err2 := time.Parse(time.RFC3339Nano, fmt.Sprint(got))
		return err1 == nil && err2 == nil && w.Equal(g)
	case typ == "bigint" || typ == "numeric":
		w, ok1 := new(big.Rat).SetString(fmt.Sprint(want))
		g, ok2 := new(big.Rat).SetString(fmt.Sprint(got))
		return ok1 && ok2 && w.Cmp(g) == 0
	case strings.HasSuffix(typ, "[]"):
		w, ok1 := want.([]any)
		g, ok2 := got.([]any)
		if !ok1 || !ok2 || len(w) != len(g) {
			return false
		}
		for i := range w {
			if !sameValue(strings.TrimSuffix(typ, "[]"), w[i], g[i]) {
				return false
			}
		}
		return true
	case typ == "jsonb":
		a, _ := json.Marshal(want)
		b, _ := json.Marshal(got)
		return bytes.Equal(a, b)
	}
	return fmt.Sprint(want) == fmt.Sprint(got)
}

// snapshot returns every projection table as JSON, without the columns in drop.
func (h *harness) snapshot(t *testing.T, drop ...string) string {
	t.Helper()
	var b strings.Builder
	for _, st := range h.set.Streams {
		for _, tb := range st.SQL.Tables {
			expr := "to_jsonb(t)"
			for _, d := range drop {
				expr += " - '" + d + "'"
			}
			var text string
			q := fmt.Sprintf(`SELECT coalesce(jsonb_agg(%s ORDER BY %s), '[]')::text FROM %s t`, expr, pgx.Identifier{tb.Key.Name}.Sanitize(), h.table(tb.Name))
			if err := h.conn.QueryRow(ctx, q).Scan(&text); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s: %s\n", tb.Name, text)
		}
	}
	return b.String()
}

func (h *harness) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := h.conn.QueryRow(ctx, q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func (h *harness) find(t *testing.T, eventType string) (*ir.Stream, *ir.EventSQL) {
	t.Helper()
	for _, st := range h.set.Streams {
		for _, es := range st.SQL.Events {
			if es.Event.Type == eventType {
				return st, es
			}
		}
	}
	t.Fatalf("no event %s in the shipped contracts", eventType)
	return nil, nil
}
