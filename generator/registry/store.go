// Package registry keeps the schema registry in PostgreSQL: the
// event_types table (one row per event type, DDL shared with the SQL
// generator) and an append-only version history. It reads every registered
// version as a diff baseline, registers new contracts in one transaction
// when the diff passes, and validates stored events against new schemas.
package registry

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/snapshot"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// HistoryTable is the append-only version history next to event_types.
const HistoryTable = "event_type_versions"

// ident quotes an identifier the way the SQL generator does.
func ident(name string) string {
	if !ir.SQLNeedsQuotes(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

func qualified(schema, name string) string {
	if schema == "" {
		schema = "public"
	}
	return ident(schema) + "." + ident(name)
}

// historyDDL creates the version history: one row per registered version
// of an event type, never updated or deleted (a trigger refuses it), with
// the resolved schemas and whether --allow-breaking let it in.
func historyDDL(schema string) string {
	t := qualified(schema, HistoryTable)
	fn := qualified(schema, HistoryTable+"_append_only")
	return fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %[1]s (
    event_type       text        NOT NULL,
    version          integer     NOT NULL CHECK (version > 0),
    stream_type      text        NOT NULL,
    fingerprint      text        NOT NULL,
    envelope         boolean     NOT NULL DEFAULT false,
    payload_schema   jsonb,
    headers_schema   jsonb,
    event_schema     jsonb       NOT NULL,
    metadata_schema  jsonb,
    channel          text,
    contract_file    text,
    contract_version text,
    allow_breaking   boolean     NOT NULL DEFAULT false,
    breaking_changes jsonb,
    registered_at    timestamptz NOT NULL DEFAULT now(),
    registered_by    text        NOT NULL DEFAULT current_user,
    PRIMARY KEY (event_type, version)
);
COMMENT ON TABLE %[1]s IS 'Append-only history of registered event schemas, written by asyncgen register; allow_breaking marks versions registered over a breaking diff.';
CREATE OR REPLACE FUNCTION %[2]s() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION '%%: the schema version history is append-only', TG_OP USING ERRCODE = 'P9002';
END
$fn$;
CREATE OR REPLACE TRIGGER %[3]s BEFORE UPDATE OR DELETE ON %[1]s FOR EACH ROW EXECUTE FUNCTION %[2]s();
CREATE OR REPLACE TRIGGER %[4]s BEFORE TRUNCATE ON %[1]s FOR EACH STATEMENT EXECUTE FUNCTION %[2]s();
`, t, fn, ident(HistoryTable+"_no_change"), ident(HistoryTable+"_no_truncate"))
}

// lockKey is the advisory lock serializing registrations into one schema.
func lockKey(schema string) int64 {
	sum := sha256.Sum256([]byte("asyncgen register " + schema))
	return int64(binary.BigEndian.Uint64(sum[:8]))
}

// querier is what reading needs from a connection or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// version is one registered schema version of an event type.
type version struct {
	eventType, stream       string
	n                       int
	fingerprint             string
	envelope                bool
	payload, headers        []byte
	data, metadata          []byte
	channel, file, contract string
	active                  bool
	fromEventTypes          bool
}

// tablesExist reports whether the registry tables exist (reading an empty
// or fresh database is not an error).
func tablesExist(ctx context.Context, q querier, schema string) (eventTypes, history bool, err error) {
	err = q.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL, to_regclass($2) IS NOT NULL`,
		qualified(schema, sqlgen.RegistryTable), qualified(schema, HistoryTable)).Scan(&eventTypes, &history)
	return
}

// readVersions lists every registered version, per event type in order.
// An event_types row whose schema differs from the latest history entry
// (registered by the generated SQL rather than `asyncgen register`) counts
// as one more version; one without history is the only version.
func readVersions(ctx context.Context, q querier, schema string) (map[string][]*version, []string, error) {
	out := map[string][]*version{}
	var order []string
	hasET, hasHist, err := tablesExist(ctx, q, schema)
	if err != nil {
		return nil, nil, err
	}
	if hasHist {
		rows, err := q.Query(ctx, `SELECT event_type, version, stream_type, fingerprint, envelope, payload_schema, headers_schema,
			event_schema, metadata_schema, coalesce(channel, ''), coalesce(contract_file, ''), coalesce(contract_version, '')
			FROM `+qualified(schema, HistoryTable)+` ORDER BY event_type, version`)
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			v := &version{active: true}
			if err := rows.Scan(&v.eventType, &v.n, &v.stream, &v.fingerprint, &v.envelope, &v.payload, &v.headers,
				&v.data, &v.metadata, &v.channel, &v.file, &v.contract); err != nil {
				rows.Close()
				return nil, nil, err
			}
			if out[v.eventType] == nil {
				order = append(order, v.eventType)
			}
			out[v.eventType] = append(out[v.eventType], v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	if hasET {
		rows, err := q.Query(ctx, `SELECT event_type, stream_type, event_schema, metadata_schema, is_active FROM `+
			qualified(schema, sqlgen.RegistryTable)+` ORDER BY event_type`)
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			v := &version{fromEventTypes: true}
			if err := rows.Scan(&v.eventType, &v.stream, &v.data, &v.metadata, &v.active); err != nil {
				rows.Close()
				return nil, nil, err
			}
			hist := out[v.eventType]
			if len(hist) > 0 {
				last := hist[len(hist)-1]
				last.active = v.active
				if sameJSON(last.data, v.data) && sameJSON(last.metadata, v.metadata) {
					continue
				}
				v.n, v.file, v.contract, v.channel = last.n+1, last.file, last.contract, last.channel
			} else {
				v.n = 1
				order = append(order, v.eventType)
			}
			out[v.eventType] = append(out[v.eventType], v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	return out, order, nil
}

// sameJSON compares two jsonb texts by value.
func sameJSON(a, b []byte) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return string(a) == string(b)
	}
	ca, _ := json.Marshal(x)
	cb, _ := json.Marshal(y)
	return string(ca) == string(cb)
}

// sides turns registered versions into diff baselines: layer k holds the
// k-th version of every event type that has a later one; the last side
// holds every active event type's latest version.
func sides(versions map[string][]*version, order []string) ([]*diff.Side, error) {
	maxV := 0
	for _, vs := range versions {
		maxV = max(maxV, len(vs))
	}
	var out []*diff.Side
	for k := 1; k < maxV; k++ {
		s := &diff.Side{Label: "registry v" + strconv.Itoa(k), SchemasOnly: true, Stored: true, Resources: map[string]any{}}
		for _, t := range order {
			if vs := versions[t]; len(vs) > k {
				e, err := eventOf(s, vs[k-1])
				if err != nil {
					return nil, err
				}
				s.Events = append(s.Events, e)
			}
		}
		s.Finish()
		out = append(out, s)
	}
	latest := &diff.Side{Label: "registry", SchemasOnly: true, Stored: true, Resources: map[string]any{}}
	contracts := map[string]*diff.Contract{}
	for _, t := range order {
		vs := versions[t]
		v := vs[len(vs)-1]
		if !v.active {
			continue
		}
		e, err := eventOf(latest, v)
		if err != nil {
			return nil, err
		}
		if v.file != "" {
			c := contracts[v.file]
			if c == nil {
				c = &diff.Contract{File: v.file, URL: "registry:" + v.file, Version: v.contract, Attrs: map[string]any{}}
				contracts[v.file] = c
				latest.Contracts = append(latest.Contracts, c)
			} else if newerSemver(v.contract, c.Version) {
				c.Version = v.contract
			}
			e.Contract = c
		}
		latest.Events = append(latest.Events, e)
	}
	latest.Finish()
	return append(out, latest), nil
}

// eventOf decodes one registered version.
func eventOf(s *diff.Side, v *version) (*diff.Event, error) {
	e := &diff.Event{Type: v.eventType, Stream: v.stream, Channel: v.channel, Envelope: v.envelope, Version: "v" + strconv.Itoa(v.n)}
	e.Pos = location.Pos{File: "registry " + v.eventType + " " + e.Version}
	base := "registry:" + v.eventType + "/v" + strconv.Itoa(v.n) + "/"
	decode := func(name string, b []byte) (*ir.Schema, error) {
		if b == nil {
			return nil, nil
		}
		val, err := decodeJSON(b)
		if err != nil {
			return nil, fmt.Errorf("registry: %s %s of %s: %w", name, e.Version, v.eventType, err)
		}
		return snapshot.Schema(s.Resources, base+name, val, "registry "+v.eventType+" "+e.Version), nil
	}
	var err error
	if e.Payload, err = decode("payload", v.payload); err != nil {
		return nil, err
	}
	if e.Headers, err = decode("headers", v.headers); err != nil {
		return nil, err
	}
	if e.Payload != nil {
		snapshot.SplitEnvelope(e)
		return e, nil
	}
	if e.Data, err = decode("data", v.data); err != nil {
		return nil, err
	}
	if e.Metadata, err = decode("metadata", v.metadata); err != nil {
		return nil, err
	}
	e.Envelope = e.Metadata != nil
	return e, nil
}

func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func newerSemver(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, e1 := strconv.Atoi(pa[i])
		y, e2 := strconv.Atoi(pb[i])
		if e1 != nil || e2 != nil {
			return a > b
		}
		if x != y {
			return x > y
		}
	}
	return len(pa) > len(pb)
}

// Versions reads every registered version as diff baselines (oldest
// layer first, latest last). A database without the registry tables is an
// empty registry.
func Versions(ctx context.Context, dsn, schema string, t Timeouts) (_ []*diff.Side, err error) {
	conn, err := connect(ctx, dsn, "registry", t)
	if err != nil {
		return nil, err
	}
	defer explainTimeout(&err)
	defer conn.Close(context.Background())
	vs, order, err := readVersions(ctx, conn, schema)
	if err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	return sides(vs, order)
}

// fingerprintOf identifies an event's registered shape.
func fingerprintOf(stream string, envelope bool, payload, headers, data, metadata []byte) string {
	h := sha256.New()
	for _, b := range [][]byte{[]byte(stream), []byte(strconv.FormatBool(envelope)), payload, headers, data, metadata} {
		h.Write(b)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
