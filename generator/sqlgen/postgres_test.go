package sqlgen_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

const (
	tenantA    = "7c94fedd-a5bc-4777-97c4-abdab7a51570" // the shipped examples' tenant
	tenantB    = "b0000000-0000-4000-8000-00000000000b"
	systemUser = "00000000-0000-4000-8000-000000000001"
)

// TestShippedContractsOnPostgres applies the SQL generated from contracts/
// to a real PostgreSQL 15 and drives every event of every example through
// the trigger, routers and handlers.
func TestShippedContractsOnPostgres(t *testing.T) {
	conn := testDB(t)
	set, diags, opts := loadCase(t, "../..")
	if diags.HasErrors() {
		t.Fatalf("shipped contracts do not lint:\n%v", diags)
	}
	out, err := sqlgen.Generate(set, opts)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, conn, set, opts)
	t.Run("applies twice", func(t *testing.T) {
		applyAll(t, conn, out)
		applyAll(t, conn, out)
	})
	t.Run("registration", func(t *testing.T) { h.checkRegistration(t, out) })
	t.Run("every example event", func(t *testing.T) { h.insertExamples(t) })
	t.Run("expected rows", func(t *testing.T) { h.checkKnownRows(t) })
	t.Run("replay", func(t *testing.T) { h.checkReplay(t) })
	t.Run("unknown event type", func(t *testing.T) { h.checkUnknown(t) })
	t.Run("handler error", func(t *testing.T) { h.checkHandlerError(t) })
	t.Run("workflow queue lifecycle", func(t *testing.T) { h.checkWorkflowLifecycle(t) })
	t.Run("row-level security", func(t *testing.T) { h.checkRLS(t) })
	t.Run("organization is its own tenant", func(t *testing.T) { h.checkOwnTenant(t) })
}

// checkOwnTenant: organization data carries no org_id; x-projection's
// tenant: organization_id makes the organization's own id the row's
// tenant, so the row is visible under that organization's claim only.
func (h *harness) checkOwnTenant(t *testing.T) {
	st, es := h.find(t, "organization.created")
	data := map[string]any{}
	for k, v := range es.Event.Examples[0].Value.(map[string]any) {
		data[k] = v
	}
	const org = "0a0a0a0a-0000-4000-8000-00000000000a"
	data["organization_id"] = org
	e := newEvent(st, es, "own_tenant", data)
	e.streamID = org
	h.insert(t, e)
	h.processed(t, e)
	schema := pgx.Identifier{h.o.Schema}.Sanitize()
	if _, err := h.conn.Exec(ctx, `GRANT USAGE ON SCHEMA `+schema+` TO authenticated; GRANT SELECT ON ALL TABLES IN SCHEMA `+schema+` TO authenticated`); err != nil {
		t.Fatal(err)
	}
	count := func(claimOrg string) int {
		tx, err := h.conn.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		claims, _ := json.Marshal(map[string]string{h.o.TenantClaim: claimOrg})
		if _, err := tx.Exec(ctx, `SET LOCAL ROLE authenticated`); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, `SELECT set_config('request.jwt.claims', $1, true)`, string(claims)); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM `+schema+`.organization_projection WHERE organization_id = $1`, org).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(org); n != 1 {
		t.Errorf("the organization sees %d rows of itself, want 1", n)
	}
	if n := count("0b0b0b0b-0000-4000-8000-00000000000b"); n != 0 {
		t.Errorf("another organization sees %d rows, want 0", n)
	}
}

// checkKnownRows spells out a few rows of the shipped examples by hand.
func (h *harness) checkKnownRows(t *testing.T) {
	for _, c := range []struct{ query, want string }{
		{`SELECT name || '|' || plan || '|' || website_url || '|' || (deleted_at IS NULL) FROM public.organization_projection WHERE id = '7c94fedd-a5bc-4777-97c4-abdab7a51570'`,
			"Acme Robotics|team|https://acme-robotics.example|true"},
		{`SELECT name || '|' || plan || '|' || deleted_at AT TIME ZONE 'UTC' FROM public.organization_projection WHERE id = '98ee63b9-3e52-486e-8692-6e7c7cda80a7'`,
			"Globex|free|2026-09-01 16:20:00"},
		{`SELECT status || '|' || worker_id || '|' || duration_ms || '|' || org_id FROM public.workflow_queue_projection WHERE request_id = '46891b49-ae31-49f4-8ced-e5e9b26e2a49'`,
			"completed|worker-eu-central-7f3a|41873|" + tenantA},
		{`SELECT status || '|' || error_code || '|' || retryable FROM public.workflow_queue_projection WHERE request_id = '036af5d7-8d5d-49c9-9225-b4725df73f65'`,
			"failed|UPSTREAM_TIMEOUT|false"},
	} {
		var got string
		if err := h.conn.QueryRow(ctx, c.query).Scan(&got); err != nil {
			t.Errorf("%s: %v", c.query, err)
		} else if got != c.want {
			t.Errorf("%s\n got %q\nwant %q", c.query, got, c.want)
		}
	}
}

// checkReplay: routing the processed events again in sequence order leaves
// every row exactly as it is (creating events included, although later
// events wrote their rows since); rebuild_projections() gives the same
// rows and event statuses; inserting every event again (new events, new
// stream versions) fails with P9004 for the creating ones and leaves the
// same state but for the bookkeeping of the last event.
func (h *harness) checkReplay(t *testing.T) {
	before := h.snapshot(t)
	rows, err := h.conn.Query(ctx, `SELECT id::text, stream_type FROM `+h.store+` WHERE processed_at IS NOT NULL ORDER BY sequence_number`)
	if err != nil {
		t.Fatal(err)
	}
	type ref struct{ id, stream string }
	var refs []ref
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.id, &r.stream); err != nil {
			t.Fatal(err)
		}
		refs = append(refs, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	routers := map[string]string{}
	for _, st := range h.set.Streams {
		routers[st.Name] = h.table(st.SQL.Router)
	}
	for _, r := range refs {
		if _, err := h.conn.Exec(ctx, fmt.Sprintf(`SELECT %s(e) FROM %s e WHERE id = $1`, routers[r.stream], h.store), r.id); err != nil {
			t.Fatalf("replaying %s: %v", r.id, err)
		}
	}
	if after := h.snapshot(t); after != before {
		t.Errorf("replaying the stored events changed the projections\nbefore:\n%s\nafter:\n%s", before, after)
	}
	h.checkRebuild(t, before, int64(len(refs)))

	before = h.snapshot(t, "last_event_id", "updated_at")
	for _, e := range h.examples() {
		again := *e
		if h.orphan(&again) {
			h.insertFailing(t, &again, "P9002")
			continue
		}
		if h.duplicate(&again) {
			// A new event, not a replay: its row exists.
			h.insertDuplicate(t, &again)
			continue
		}
		h.insert(t, &again)
		h.processed(t, &again)
	}
	if after := h.snapshot(t, "last_event_id", "updated_at"); after != before {
		t.Errorf("inserting the same events again changed the projections\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// checkRebuild: rebuild_projections() applies the processed events again
// (want of them), gives the projections of snapshot before and leaves the
// events' processed_at and processing_error as they were.
func (h *harness) checkRebuild(t *testing.T, before string, want int64) {
	t.Helper()
	statuses := h.eventStatuses(t)
	var n int64
	if err := h.conn.QueryRow(ctx, `SELECT `+h.table(h.set.SQL.Rebuild)+`()`).Scan(&n); err != nil {
		t.Fatalf("rebuild_projections(): %v", err)
	}
	if n != want {
		t.Errorf("rebuild_projections() applied %d events, want %d", n, want)
	}
	if after := h.snapshot(t); after != before {
		t.Errorf("rebuild_projections() changed the projections\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if after := h.eventStatuses(t); after != statuses {
		t.Errorf("rebuild_projections() changed the events' statuses\nbefore: %s\nafter:  %s", statuses, after)
	}
}

// eventStatuses is every event's processed_at and processing_error, in order.
func (h *harness) eventStatuses(t *testing.T) string {
	t.Helper()
	var s string
	if err := h.conn.QueryRow(ctx, `SELECT coalesce(jsonb_agg(jsonb_build_array(id, processed_at, processing_error) ORDER BY sequence_number), '[]')::text FROM `+h.store).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// checkUnknown: an event type (or stream type) without a router raises
// P9001; with on_error record the trigger records it and keeps the event,
// with abort the INSERT fails and nothing is stored.
func (h *harness) checkUnknown(t *testing.T) {
	st := h.set.Streams[0]
	unknown := st.Name + ".vanished"
	before := h.count(t, `SELECT count(*) FROM `+h.store)
	state := h.snapshot(t)
	for _, c := range []struct{ stream, eventType, wantErr string }{
		{st.Name, unknown, "P9001: unknown event type " + unknown + " for stream type " + st.Name},
		{"nosuch", "nosuch.happened", "P9001: unknown stream type nosuch"},
	} {
		var id string
		var perr *string
		var done bool
		err := h.conn.QueryRow(ctx, `INSERT INTO `+h.store+` (stream_id, stream_type, stream_version, event_type, event_data)
			VALUES (gen_random_uuid(), $1, 1, $2, '{}') RETURNING id::text`, c.stream, c.eventType).Scan(&id)
		if h.abort() {
			if code := pgCode(err); code != "P9001" {
				t.Errorf("inserting an unknown %s event with on_error abort: error %v, want SQLSTATE P9001", c.eventType, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("inserting an unknown %s event must not fail: %v", c.eventType, err)
		}
		if err := h.conn.QueryRow(ctx, `SELECT processing_error, processed_at IS NOT NULL FROM `+h.store+` WHERE id = $1`, id).Scan(&perr, &done); err != nil {
			t.Fatal(err)
		}
		if perr == nil || *perr != c.wantErr || done {
			t.Errorf("%s: processing_error = %q, processed = %v; want %q, false", c.eventType, deref(perr), done, c.wantErr)
		}
	}
	want := before + 2
	if h.abort() {
		want = before
	}
	if n := h.count(t, `SELECT count(*) FROM `+h.store); n != want {
		t.Errorf("the event store has %d rows, want %d", n, want)
	}
	if after := h.snapshot(t); after != state {
		t.Error("an unknown event changed a projection")
	}
	// The router itself raises P9001 (a replay that calls it sees the error).
	_, err := h.conn.Exec(ctx, `SELECT `+h.table(st.SQL.Router)+`(jsonb_populate_record(NULL::`+h.store+`, jsonb_build_object('stream_type', $1::text, 'event_type', $2::text)))`, st.Name, unknown)
	if code := pgCode(err); code != "P9001" {
		t.Errorf("router on an unknown event type: error %v (SQLSTATE %q), want SQLSTATE P9001", err, code)
	}
}

// checkHandlerError: a handler that fails leaves no partial projection
// change and records the SQLSTATE; the event is kept.
func (h *harness) checkHandlerError(t *testing.T) {
	st, es := h.find(t, "organization.created")
	e := newEvent(st, es, "bad_owner", map[string]any{
		"organization_id": "5d1f0c1e-0000-4000-8000-0000000000ee", "name": "Broken", "slug": "broken",
		"owner_user_id": "not-a-uuid", "region": "eu-central", "created_at": "2026-01-01T00:00:00Z",
	})
	h.insert(t, e)
	var perr *string
	if err := h.conn.QueryRow(ctx, `SELECT processing_error FROM `+h.store+` WHERE id = $1`, e.id).Scan(&perr); err != nil {
		t.Fatal(err)
	}
	if perr == nil || !strings.HasPrefix(*perr, "22P02: ") {
		t.Errorf("processing_error = %q, want an invalid-uuid error (22P02)", deref(perr))
	}
	if h.row(t, e) != nil {
		t.Error("a failed handler left a projection row behind")
	}
}

// checkWorkflowLifecycle drives two fresh requests through
// pending → processing → completed and pending → processing → failed.
func (h *harness) checkWorkflowLifecycle(t *testing.T) {
	example := func(eventType string) map[string]any {
		_, es := h.find(t, eventType)
		m := map[string]any{}
		for k, v := range es.Event.Examples[0].Value.(map[string]any) {
			m[k] = v
		}
		return m
	}
	for _, end := range []string{"completed", "failed"} {
		request := map[string]string{"completed": "11111111-0000-4000-8000-000000000001", "failed": "22222222-0000-4000-8000-000000000002"}[end]
		for _, step := range []struct{ eventType, status string }{
			{"workflow.queue.pending", "pending"},
			{"workflow.queue.claimed", "processing"},
			{"workflow.queue." + end, end},
		} {
			st, es := h.find(t, step.eventType)
			data := example(step.eventType)
			data["request_id"] = request
			e := newEvent(st, es, "lifecycle", data)
			h.insert(t, e)
			h.processed(t, e)
			var status string
			if err := h.conn.QueryRow(ctx, `SELECT status FROM public.workflow_queue_projection WHERE request_id = $1`, request).Scan(&status); err != nil {
				t.Fatalf("after %s: %v", step.eventType, err)
			}
			if status != step.status {
				t.Errorf("after %s: status %q, want %q", step.eventType, status, step.status)
			}
		}
	}
}

// hasTenantExamples reports whether a creating example names a tenant.
func (h *harness) hasTenantExamples() bool {
	for _, e := range h.examples() {
		md, _ := e.metadata.(map[string]any)
		if e.es.Action == "insert" && (e.data[h.o.TenantColumn] != nil || md[h.o.TenantColumn] != nil) {
			return true
		}
	}
	return false
}

// checkRLS: as `authenticated` with one tenant's JWT claims, the other
// tenant's rows are invisible, and the other way round. Tenant B gets a
// copy of every creating example that names a tenant.
func (h *harness) checkRLS(t *testing.T) {
	tc := h.o.TenantColumn
	var tenants []string
	n := 0
	for _, e := range h.examples() {
		md, _ := e.metadata.(map[string]any)
		inData, inMeta := e.data[tc] != nil, md[tc] != nil
		if e.es.Action != "insert" || !(inData || inMeta) {
			continue
		}
		if inData {
			tenants = append(tenants, fmt.Sprint(e.data[tc]))
		} else {
			tenants = append(tenants, fmt.Sprint(md[tc]))
		}
		id := fmt.Sprintf("b0000000-0000-4000-8000-%012d", n)
		n++
		data := map[string]any{}
		for k, v := range e.data {
			data[k] = v
		}
		meta := map[string]any{}
		for k, v := range md {
			meta[k] = v
		}
		if inData {
			data[tc] = tenantB
		} else {
			meta[tc] = tenantB
		}
		if e.es.KeyProperty != "" && e.es.KeyProperty != tc {
			data[e.es.KeyProperty] = id
		}
		raw := any(data)
		if e.es.Event.Envelope {
			raw = map[string]any{"event_data": data, "event_metadata": meta, "stream_id": id}
		}
		b := newEvent(e.stream, e.es, e.example+"_tenant_b", raw)
		b.streamID = id
		if !e.es.Event.Envelope {
			b.metadata = meta
		}
		h.insert(t, b)
		h.processed(t, b)
	}
	if n == 0 {
		t.Fatalf("no creating example carries the tenant %s", tc)
	}
	schema := pgx.Identifier{h.o.Schema}.Sanitize()
	if _, err := h.conn.Exec(ctx, `GRANT USAGE ON SCHEMA `+schema+` TO authenticated; GRANT SELECT ON ALL TABLES IN SCHEMA `+schema+` TO authenticated`); err != nil {
		t.Fatal(err)
	}
	var tables []string
	for _, st := range h.set.Streams {
		for _, tb := range st.SQL.Tables {
			tables = append(tables, h.table(tb.Name))
		}
	}
	visible := func(claims string) map[string]int {
		tx, err := h.conn.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		if _, err := tx.Exec(ctx, `SET LOCAL ROLE authenticated`); err != nil {
			t.Fatal(err)
		}
		if claims != "" {
			if _, err := tx.Exec(ctx, `SELECT set_config('request.jwt.claims', $1, true)`, claims); err != nil {
				t.Fatal(err)
			}
		}
		seen := map[string]int{}
		for _, tb := range tables {
			rows, err := tx.Query(ctx, `SELECT coalesce(`+pgx.Identifier{tc}.Sanitize()+`::text, 'NULL') FROM `+tb)
			if err != nil {
				t.Fatalf("%s as authenticated: %v", tb, err)
			}
			for rows.Next() {
				var org string
				if err := rows.Scan(&org); err != nil {
					t.Fatal(err)
				}
				seen[org]++
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
		}
		return seen
	}
	for _, tenant := range []string{tenants[0], tenantB} {
		claims, _ := json.Marshal(map[string]string{h.o.TenantClaim: tenant})
		seen := visible(string(claims))
		if seen[tenant] == 0 || len(seen) != 1 {
			t.Errorf("claims %s: visible rows by tenant %v, want tenant %s only", claims, seen, tenant)
		}
	}
	if seen := visible(""); len(seen) != 0 {
		t.Errorf("without JWT claims: visible rows %v, want none", seen)
	}
}

// checkRegistration: one row per event type, and applying the
// registration again rewrites nothing.
func (h *harness) checkRegistration(t *testing.T, out []files.File) {
	reg := h.table(sqlgen.RegistryTable)
	if n := h.count(t, `SELECT count(*) FROM `+reg); n != len(h.set.Events) {
		t.Errorf("event_types has %d rows, want %d", n, len(h.set.Events))
	}
	if n := h.count(t, `SELECT count(*) FROM (SELECT event_type FROM `+reg+` GROUP BY 1 HAVING count(*) > 1) d`); n != 0 {
		t.Errorf("%d event types registered twice", n)
	}
	var stamp time.Time
	if err := h.conn.QueryRow(ctx, `SELECT max(updated_at) FROM `+reg).Scan(&stamp); err != nil {
		t.Fatal(err)
	}
	for _, f := range out {
		if filepath.Base(f.Path) == "095_event_types.sql" {
			if _, err := h.conn.Exec(ctx, string(f.Content)); err != nil {
				t.Fatal(err)
			}
		}
	}
	var again time.Time
	if err := h.conn.QueryRow(ctx, `SELECT max(updated_at) FROM `+reg).Scan(&again); err != nil {
		t.Fatal(err)
	}
	if !again.Equal(stamp) {
		t.Errorf("registering unchanged event types again rewrote rows (updated_at %v → %v)", stamp, again)
	}
	for _, ev := range h.set.Events {
		var schema string
		if err := h.conn.QueryRow(ctx, `SELECT event_schema::text FROM `+reg+` WHERE event_type = $1`, ev.Type).Scan(&schema); err != nil {
			t.Fatalf("%s: %v", ev.Type, err)
		}
		// jsonb holds a NUL as ir.Storable writes it.
		if want := ir.StorableJSON(decode(t, string(ir.CanonicalJSON(ev.Data)))); ev.Data != nil && !sameValue("jsonb", want, decode(t, schema)) {
			t.Errorf("event_schema of %s differs from the canonical data schema:\n%s", ev.Type, schema)
		}
	}
}
