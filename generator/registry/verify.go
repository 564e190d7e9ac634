package registry

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/formats"
	"github.com/asyncgen/asyncgen/generator/ir"
)

// VerifyOptions say where the event store is and how much of it to read.
type VerifyOptions struct {
	DSN string
	// Schema and Table name the event store (config sql.schema and
	// sql.event_store; default public.domain_events).
	Schema, Table string
	// Sample, when positive, checks at most that many events per type
	// (chosen at random): evidence, not proof.
	Sample int
	// MaxFailures is how many failing ids are listed per type (default 10).
	MaxFailures int
	// Timeouts bound waiting for the database.
	Timeouts Timeouts
}

// Verify validates the stored events of each given event type against its
// new schema: event_data against the data schema, event_metadata against
// the metadata schema (envelopes). jsonschema/v5 with draft-07 is the
// oracle, formats asserted, no remote loading.
func Verify(ctx context.Context, o VerifyOptions, cur *diff.Side, types []string) (_ []*diff.Verification, err error) {
	if len(types) == 0 {
		return nil, nil
	}
	if o.Table == "" {
		o.Table = "domain_events"
	}
	if o.MaxFailures <= 0 {
		o.MaxFailures = 10
	}
	conn, err := connect(ctx, o.DSN, "verify-events", o.Timeouts)
	if err != nil {
		return nil, err
	}
	defer explainTimeout(&err)
	defer conn.Close(context.Background())
	table := qualified(o.Schema, o.Table)
	cols := map[string]bool{}
	rows, err := conn.Query(ctx, `SELECT a.attname FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped`, table)
	if err != nil {
		return nil, fmt.Errorf("verify-events: %w", err)
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return nil, err
		}
		cols[c] = true
	}
	rows.Close()
	if !cols["event_type"] || !cols["event_data"] || !cols["id"] {
		return nil, fmt.Errorf("verify-events: %s is missing or lacks the id, event_type and event_data columns", table)
	}
	metaCol := "NULL::jsonb"
	if cols["event_metadata"] {
		metaCol = "event_metadata"
	}
	orderBy := "id"
	if cols["sequence_number"] {
		orderBy = "sequence_number"
	}
	var out []*diff.Verification
	sorted := append([]string(nil), types...)
	sort.Strings(sorted)
	for _, t := range sorted {
		ev := cur.Event(t)
		if ev == nil {
			continue
		}
		data, err := compile(ev.Data)
		if err != nil {
			return nil, fmt.Errorf("verify-events: %s: compiling the new data schema: %w", t, err)
		}
		var meta *jsonschema.Schema
		if ev.Metadata != nil {
			if meta, err = compile(ev.Metadata); err != nil {
				return nil, fmt.Errorf("verify-events: %s: compiling the new metadata schema: %w", t, err)
			}
		}
		v := &diff.Verification{EventType: t}
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM `+table+` WHERE event_type = $1`, t).Scan(&v.Stored); err != nil {
			return nil, fmt.Errorf("verify-events: %w", err)
		}
		q := `SELECT id::text, event_data, ` + metaCol + ` FROM ` + table + ` WHERE event_type = $1 ORDER BY ` + orderBy
		args := []any{t}
		if o.Sample > 0 {
			q = `SELECT id, d, m FROM (SELECT id::text AS id, event_data AS d, ` + metaCol + ` AS m, ` + orderBy + ` AS o FROM ` + table +
				` WHERE event_type = $1 ORDER BY random() LIMIT $2) s ORDER BY o`
			args = append(args, o.Sample)
		}
		if err := check(ctx, conn, q, args, data, meta, v, o.MaxFailures); err != nil {
			return nil, fmt.Errorf("verify-events: %s: %w", t, err)
		}
		out = append(out, v)
	}
	return out, nil
}

func check(ctx context.Context, conn *pgx.Conn, q string, args []any, data, meta *jsonschema.Schema, v *diff.Verification, maxFailures int) error {
	rows, err := conn.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var d, m []byte
		if err := rows.Scan(&id, &d, &m); err != nil {
			return err
		}
		v.Checked++
		problem := validate(data, d, "event_data")
		if problem == "" && meta != nil && m != nil {
			problem = validate(meta, m, "event_metadata")
		}
		if problem == "" {
			continue
		}
		if len(v.Failures) < maxFailures {
			v.Failures = append(v.Failures, diff.StoredFailure{ID: id, Error: problem})
		} else {
			v.Truncated = true
		}
	}
	return rows.Err()
}

// compile compiles a resolved schema on its own (ir.Canonical inlines refs).
func compile(s *ir.Schema) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	c.AssertFormat = true
	c.Formats = formats.ForJSONSchema() // what generated code checks
	c.LoadURL = func(u string) (io.ReadCloser, error) { return nil, fmt.Errorf("asyncgen does not load %s", u) }
	const url = "asyncgen:///verify.json"
	var b []byte
	if s == nil {
		b = []byte("true")
	} else {
		// Patterns as the generated validators compile them (\x{C0} for
		// the contract's \u00C0), which jsonschema/v5 (RE2 too) can run.
		b = ir.RE2CanonicalJSON(s)
	}
	if err := c.AddResource(url, bytes.NewReader(b)); err != nil {
		return nil, err
	}
	return c.Compile(url)
}

// validate returns the first violation (sorted, as jsonschema/v5's order
// varies) or "".
func validate(s *jsonschema.Schema, doc []byte, column string) string {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Sprintf("%s is not JSON: %v", column, err)
	}
	err := s.Validate(v)
	if err == nil {
		return ""
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return err.Error()
	}
	var leaves []string
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, fmt.Sprintf("/%s%s: %s", column, e.InstanceLocation, e.Message))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.Strings(leaves)
	return strings.Join(leaves, "; ")
}
