package registry

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// Options configure a registration.
type Options struct {
	DSN string
	// SQL names the schema (and event-type pattern) of the registry tables.
	SQL  sqlgen.Options
	Diff diff.Options
	// FailOn is the severity at which findings refuse the registration.
	FailOn diff.Severity
	// AllowBreaking registers despite findings, recording them in the history.
	AllowBreaking bool
	// DryRun computes and returns the plan, then rolls back.
	DryRun bool
	// Verify, when set, validates stored events of changed types (a DSN).
	Verify *VerifyOptions
	// Label names the new contracts in the report ("new").
	Label string
	// Timeouts bound waiting for the database.
	Timeouts Timeouts
}

// Step is what registration does to one event type.
type Step struct {
	EventType string `json:"event_type"`
	// Action: "register" (first version), "new-version", "unchanged" or
	// "deactivate" (gone from the contracts; only with --allow-breaking).
	Action      string `json:"action"`
	Version     int    `json:"version,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
}

// Result is the outcome of a registration.
type Result struct {
	Report *diff.Report `json:"report"`
	Plan   []Step       `json:"plan"`
	// Applied is set when the transaction committed.
	Applied bool `json:"applied"`
	// Refused says why nothing was registered.
	Refused string `json:"refused,omitempty"`
}

// Register diffs the contracts against every registered version and, in
// one transaction holding an advisory lock (concurrent registrations run
// one after the other), creates the registry tables if missing, upserts
// event_types and appends changed schemas to the history. Nothing is
// written when the diff fails (unless AllowBreaking) or on DryRun.
func Register(ctx context.Context, set *ir.Set, o Options) (_ *Result, err error) {
	conn, err := connect(ctx, o.DSN, "registry", o.Timeouts)
	if err != nil {
		return nil, err
	}
	defer explainTimeout(&err)
	defer conn.Close(context.Background())
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	defer tx.Rollback(context.Background())
	schema := o.SQL.Schema
	if schema == "" {
		schema = "public"
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey(schema)); err != nil {
		return nil, fmt.Errorf("registry: taking the registration lock: %w", err)
	}
	if _, err := tx.Exec(ctx, sqlgen.RegistryDDL(o.SQL)); err != nil {
		return nil, fmt.Errorf("registry: creating %s: %w", sqlgen.RegistryTable, err)
	}
	if _, err := tx.Exec(ctx, historyDDL(schema)); err != nil {
		return nil, fmt.Errorf("registry: creating %s: %w", HistoryTable, err)
	}
	versions, order, err := readVersions(ctx, tx, schema)
	if err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	base, err := sides(versions, order)
	if err != nil {
		return nil, err
	}
	label := o.Label
	if label == "" {
		label = "new"
	}
	cur := diff.NewSide(set, label)
	res := &Result{Report: diff.Compare(base, cur, o.Diff)}
	if o.Verify != nil {
		results, err := Verify(ctx, *o.Verify, cur, res.Report.ChangedEvents())
		if err != nil {
			return nil, err
		}
		res.Report.ApplyVerification(results, o.Diff)
	}
	res.Plan = plan(set, cur, versions, order, o.AllowBreaking)
	blocking := res.Report.Count(o.FailOn)
	switch {
	case blocking > 0 && !o.AllowBreaking:
		res.Refused = fmt.Sprintf("%d finding(s) at or above %s; nothing was registered (use --allow-breaking to register anyway, recorded in the history)", blocking, o.FailOn)
	case res.Report.HasUnacceptedUnknown() && !o.AllowBreaking:
		res.Refused = "changes of unknown compatibility need explicit acceptance (diff.accept in asyncgen.yaml, or --accept FINGERPRINT|RULE[@EVENT]) or proof (--verify-events); nothing was registered"
	}
	if res.Refused != "" || o.DryRun {
		return res, nil
	}
	var overridden []*diff.Finding
	for _, f := range res.Report.Findings {
		if f.Severity <= diff.Warning {
			overridden = append(overridden, f)
		}
	}
	if err := apply(ctx, tx, set, cur, res.Plan, schema, overridden, o.AllowBreaking && len(overridden) > 0); err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("registry: commit: %w", err)
	}
	res.Applied = true
	return res, nil
}

// newRow is what one event contributes to the registry.
type newRow struct {
	ev                               *ir.Event
	payload, headers, data, metadata []byte
	fingerprint                      string
}

func rowOf(ev *ir.Event, headers *ir.Schema) *newRow {
	r := &newRow{ev: ev}
	if ev.Payload != nil {
		r.payload = storedSchema(ev.Payload)
	}
	if headers != nil {
		r.headers = storedSchema(headers)
	}
	if ev.Data != nil {
		r.data = storedSchema(ev.Data)
	} else {
		r.data = []byte("{}")
	}
	if ev.Metadata != nil {
		r.metadata = storedSchema(ev.Metadata)
	}
	r.fingerprint = fingerprintOf(ir.Storable(ev.Stream), ev.Envelope, r.payload, r.headers, r.data, r.metadata)
	return r
}

// storedJSON encodes v for a jsonb column: a NUL in any string (findings
// quote contract text) is written as ir.StorableJSON writes it.
func storedJSON(v any) []byte {
	b, _ := json.Marshal(v)
	if !bytes.Contains(b, []byte(`\u0000`)) {
		return b
	}
	val, err := decodeJSON(b)
	if err != nil {
		return b
	}
	b, _ = json.Marshal(ir.StorableJSON(val))
	return b
}

// storedSchema is ir.CanonicalJSON as PostgreSQL stores it: a NUL in any
// string is written as the generated registration writes it
// (ir.StorableJSON), so that both register the same rows and jsonb
// accepts them.
func storedSchema(s *ir.Schema) []byte {
	b, _ := json.Marshal(ir.StorableJSON(ir.Canonical(s)))
	return b
}

// plan decides each event type's step.
func plan(set *ir.Set, cur *diff.Side, versions map[string][]*version, order []string, allowBreaking bool) []Step {
	var steps []Step
	seen := map[string]bool{}
	for _, ev := range set.Events {
		// The registry keys event types as stored (ir.Storable).
		typ := ir.Storable(ev.Type)
		if seen[typ] {
			continue
		}
		seen[typ] = true
		r := rowOf(ev, headersOf(cur, ev))
		vs := versions[typ]
		switch {
		case len(vs) == 0:
			steps = append(steps, Step{EventType: typ, Action: "register", Version: 1})
		default:
			last := vs[len(vs)-1]
			same := last.fingerprint != "" && last.fingerprint == r.fingerprint
			if last.fingerprint == "" || last.fromEventTypes {
				same = sameJSON(last.data, r.data) && sameJSON(last.metadata, r.metadata) && last.stream == ir.Storable(ev.Stream)
			}
			if same && last.active {
				steps = append(steps, Step{EventType: typ, Action: "unchanged", Version: last.n})
			} else {
				steps = append(steps, Step{EventType: typ, Action: "new-version", Version: last.n + 1})
			}
		}
	}
	for _, t := range order {
		vs := versions[t]
		if !seen[t] && vs[len(vs)-1].active && allowBreaking {
			steps = append(steps, Step{EventType: t, Action: "deactivate", Version: vs[len(vs)-1].n})
		}
	}
	return steps
}

// apply writes the plan: event_types upserts (as the generated
// registration does) and history rows for new versions.
func apply(ctx context.Context, tx pgx.Tx, set *ir.Set, cur *diff.Side, steps []Step, schema string, overridden []*diff.Finding, allowBreaking bool) error {
	byType := map[string]*ir.Event{} // by stored event type, as steps name them
	for _, ev := range set.Events {
		if typ := ir.Storable(ev.Type); byType[typ] == nil {
			byType[typ] = ev
		}
	}
	var breaking []byte
	if allowBreaking {
		breaking = storedJSON(overridden)
	}
	et, hist := qualified(schema, sqlgen.RegistryTable), qualified(schema, HistoryTable)
	for i := range steps {
		st := &steps[i]
		if st.Action == "deactivate" {
			if _, err := tx.Exec(ctx, `UPDATE `+et+` SET is_active = false, updated_at = now() WHERE event_type = $1`, st.EventType); err != nil {
				return fmt.Errorf("registry: deactivating %s: %w", st.EventType, err)
			}
			continue
		}
		ev := byType[st.EventType]
		r := rowOf(ev, headersOf(cur, ev))
		st.Fingerprint = r.fingerprint
		function, tables := projection(set, ev, schema)
		var example any
		if len(ev.Examples) > 0 {
			example = ir.StorableJSON(exampleData(ev, ev.Examples[0].Value))
		}
		if _, err := tx.Exec(ctx, `INSERT INTO `+et+` AS r (event_type, stream_type, event_schema, metadata_schema, description,
			example_data, projection_function, projection_tables, is_active)
			VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6::jsonb, $7, $8::text[], true)
			ON CONFLICT (event_type) DO UPDATE SET
			    stream_type = EXCLUDED.stream_type, event_schema = EXCLUDED.event_schema, metadata_schema = EXCLUDED.metadata_schema,
			    description = EXCLUDED.description, example_data = EXCLUDED.example_data,
			    projection_function = EXCLUDED.projection_function, projection_tables = EXCLUDED.projection_tables,
			    is_active = EXCLUDED.is_active, updated_at = now()
			WHERE (r.stream_type, r.event_schema, r.metadata_schema, r.description, r.example_data, r.projection_function, r.projection_tables, r.is_active)
			    IS DISTINCT FROM (EXCLUDED.stream_type, EXCLUDED.event_schema, EXCLUDED.metadata_schema, EXCLUDED.description,
			    EXCLUDED.example_data, EXCLUDED.projection_function, EXCLUDED.projection_tables, EXCLUDED.is_active)`,
			st.EventType, ir.Storable(ev.Stream), string(r.data), nullable(r.metadata), nullText(ir.Storable(description(ev))), jsonOrNil(example), nullText(function), tables); err != nil {
			return fmt.Errorf("registry: upserting %s: %w", st.EventType, err)
		}
		if st.Action == "unchanged" {
			continue
		}
		file, version := "", ""
		if ev.Contract != nil {
			file, version = ev.Contract.File, ev.Contract.Version
		}
		var brk any
		if allowBreaking {
			brk = string(breaking)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO `+hist+` (event_type, version, stream_type, fingerprint, envelope, payload_schema,
			headers_schema, event_schema, metadata_schema, channel, contract_file, contract_version, allow_breaking, breaking_changes)
			VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12, $13, $14::jsonb)`,
			st.EventType, st.Version, ir.Storable(ev.Stream), r.fingerprint, ev.Envelope, nullable(r.payload), nullable(r.headers), string(r.data),
			nullable(r.metadata), nullText(ir.Storable(ev.Channel)), nullText(ir.Storable(file)), nullText(ir.Storable(version)), allowBreaking, brk); err != nil {
			return fmt.Errorf("registry: recording %s v%d: %w", st.EventType, st.Version, err)
		}
	}
	return nil
}

// projection names the generated handler and its table, qualified as the
// SQL generator writes them.
func projection(set *ir.Set, ev *ir.Event, schema string) (string, []string) {
	tables := []string{}
	for _, st := range set.Streams {
		if es := st.EventSQL(ev); es != nil {
			if es.Table != nil {
				tables = append(tables, qualified(schema, es.Table.Name))
			}
			if es.Handler == "" {
				return "", tables
			}
			return qualified(schema, es.Handler), tables
		}
	}
	return "", tables
}

func description(ev *ir.Event) string {
	for _, s := range []string{ev.Description, ev.Summary, ev.Title} {
		if s != "" {
			return s
		}
	}
	return ""
}

// exampleData is what an example stores in event_data.
func exampleData(ev *ir.Event, v any) any {
	if m, ok := v.(map[string]any); ok && ev.Envelope {
		if d, ok := m["event_data"]; ok {
			return d
		}
	}
	return v
}

func nullable(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func jsonOrNil(v any) any {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return string(b)
}

func headersOf(cur *diff.Side, ev *ir.Event) *ir.Schema {
	if e := cur.Event(ev.Type); e != nil {
		return e.Headers
	}
	return nil
}
