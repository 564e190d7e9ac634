package events_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"github.com/asyncgen/asyncgen/gen/events"
	"github.com/asyncgen/asyncgen/generator/pgtest"
)

// The generated API, checked by the compiler: values and pointers are
// events, the payload schema's own name is an alias of the event's type,
// and database/sql's handles are Execers.
var (
	_ events.Event               = events.UserRegistered{}
	_ events.Event               = (*events.UserRegistered)(nil)
	_ events.Event               = events.OrganizationCreated{}
	_ events.OrganizationCreated = events.OrganizationCreatedData{}
	_ events.Execer              = (*sql.DB)(nil)
	_ events.Execer              = (*sql.Tx)(nil)
	_ events.Execer              = (*sql.Conn)(nil)
	_ []events.Role              = events.RoleValues
)

func TestUnknownEventType(t *testing.T) {
	if _, err := events.Decode("no.such_event", []byte(`{}`)); !errors.Is(err, events.ErrUnknownEventType) || !strings.Contains(err.Error(), `"no.such_event"`) {
		t.Errorf("Decode: %v, want ErrUnknownEventType naming the type", err)
	}
	if _, err := events.DecodeStored("no.such_event", []byte(`{}`), []byte(`[]`)); !errors.Is(err, events.ErrUnknownEventType) {
		t.Errorf("DecodeStored: %v, want ErrUnknownEventType", err)
	}
	if _, _, _, _, err := events.StoredRow(foreignEvent{}); !errors.Is(err, events.ErrUnknownEventType) {
		t.Errorf("StoredRow of a type from elsewhere: %v, want ErrUnknownEventType", err)
	}
}

// foreignEvent implements Event but is no event type of the package.
type foreignEvent struct{}

func (foreignEvent) EventType() string  { return events.EventTypeUserRegistered }
func (foreignEvent) StreamType() string { return "user" }
func (foreignEvent) Validate() error    { return nil }

func TestEnumValues(t *testing.T) {
	if len(events.RoleValues) != 5 || events.RoleValues[0] != events.RoleOwner {
		t.Errorf("RoleValues = %v", events.RoleValues)
	}
	for _, r := range events.RoleValues {
		if !r.Valid() {
			t.Errorf("%q is not Valid", r)
		}
	}
	if events.Role("superuser").Valid() {
		t.Error(`Role("superuser") is Valid`)
	}
}

// TestConstProperties: an envelope's event_type and stream_type are fixed
// by the contract: they have no field, MarshalJSON writes them, and the
// decoder refuses another value.
func TestConstProperties(t *testing.T) {
	ev := registeredEvent(t)
	b, err := json.Marshal(events.UserRegistered{StreamID: ev.StreamID, EventData: ev.EventData, EventMetadata: ev.EventMetadata})
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["event_type"] != "user.registered" || got["stream_type"] != "user" {
		t.Errorf("marshalled envelope has event_type %v, stream_type %v", got["event_type"], got["stream_type"])
	}
	wrong := strings.Replace(string(b), `"user.registered"`, `"user.deleted"`, 1)
	if _, err := events.Decode(events.EventTypeUserRegistered, []byte(wrong)); err == nil || !strings.Contains(err.Error(), `/event_type: must be "user.registered"`) {
		t.Errorf("a wrong event_type decoded: %v", err)
	}
}

func registeredEvent(t *testing.T) *events.UserRegistered {
	t.Helper()
	ev, err := events.Decode(events.EventTypeUserRegistered, []byte(strings.Replace(registered, "EMAIL", "bob.meyer@acme-robotics.example", 1)))
	if err != nil {
		t.Fatal(err)
	}
	return ev.(*events.UserRegistered)
}

// TestDecodeStoredMetadata: the metadata column is validated against the
// envelope's event_metadata, with the column named in the pointer.
func TestDecodeStoredMetadata(t *testing.T) {
	_, _, data, _, err := events.StoredRow(registeredEvent(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := events.DecodeStored(events.EventTypeUserRegistered, data, []byte(`{}`)); err == nil || !strings.Contains(err.Error(), "/event_metadata/user_id: is required") {
		t.Errorf("metadata without user_id: %v", err)
	}
	_, _, org, _, err := events.StoredRow(events.OrganizationCreated{
		OrganizationID: "7c94fedd-a5bc-4777-97c4-abdab7a51570", Name: "Acme", Slug: "acme", OwnerUserID: "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f",
		Region: events.OrganizationCreatedDataRegionEuWest, CreatedAt: time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := events.DecodeStored(events.EventTypeOrganizationCreated, org, []byte(`[]`)); err == nil || !strings.Contains(err.Error(), "/event_metadata: must be an object") {
		t.Errorf("plain event with array metadata: %v", err)
	}
}

// storeDB is a fresh database with the generated SQL applied, through
// pgx's database/sql driver.
func storeDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", pgtest.DSN(t, "asyncgen_events"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	paths, err := filepath.Glob(filepath.Join("..", "sql", "*.sql"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no generated SQL in ../sql (%v)", err)
	}
	sort.Strings(paths)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(b)); err != nil {
			t.Fatalf("applying %s: %v", filepath.Base(p), err)
		}
	}
	return db
}

// TestStoreRoundTrip appends every example event of the contracts (both
// layouts) with Append through the generated trigger, reads the rows back
// and decodes them with DecodeStored: each comes back equal, and StoredRow
// returns exactly the row's columns.
func TestStoreRoundTrip(t *testing.T) {
	set := contracts(t)
	db := storeDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	type appended struct {
		ev       events.Event
		streamID string
	}
	var want []appended
	versions := map[string]int64{}
	layouts := map[bool]int{}
	for _, ev := range set.Events {
		for _, ex := range ev.Examples {
			b, err := json.Marshal(ex.Value)
			if err != nil {
				t.Fatal(err)
			}
			decoded, err := events.Decode(ev.Type, b)
			if err != nil {
				t.Fatalf("%s example %s: %v", ev.Type, ex.Name, err)
			}
			value := reflect.ValueOf(decoded).Elem().Interface().(events.Event) // Append takes values too
			streamID := streamOf(ev.Stream, ex.Value)
			versions[streamID]++
			if err := events.Append(ctx, db, streamID, versions[streamID], value); err != nil {
				t.Fatalf("Append %s example %s: %v", ev.Type, ex.Name, err)
			}
			want = append(want, appended{value, streamID})
			layouts[ev.Envelope]++
		}
	}
	if layouts[true] == 0 || layouts[false] == 0 {
		t.Fatalf("examples per layout (envelope: true): %v; want both", layouts)
	}
	rows, err := db.QueryContext(ctx, `SELECT stream_id::text, stream_type, event_type, event_data::text, event_metadata::text FROM public.domain_events ORDER BY sequence_number`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for ; rows.Next(); i++ {
		var streamID, streamType, eventType, data, metadata string
		if err := rows.Scan(&streamID, &streamType, &eventType, &data, &metadata); err != nil {
			t.Fatal(err)
		}
		if i >= len(want) {
			t.Fatalf("more rows than appended events")
		}
		w := want[i]
		got, err := events.DecodeStored(eventType, []byte(data), []byte(metadata))
		if err != nil {
			t.Errorf("DecodeStored row %d (%s): %v", i+1, eventType, err)
			continue
		}
		setStreamID(got, streamID) // a row column, not in event_data
		if g := reflect.ValueOf(got).Elem().Interface(); !reflect.DeepEqual(g, w.ev) {
			t.Errorf("row %d (%s) decodes to\n%+v\nwant\n%+v", i+1, eventType, g, w.ev)
		}
		st, et, d, md, err := events.StoredRow(w.ev)
		if err != nil {
			t.Fatal(err)
		}
		if st != streamType || et != eventType || streamID != w.streamID || !jsonEqual(t, d, data) || !jsonEqual(t, md, metadata) {
			t.Errorf("row %d: StoredRow = %s %s %s %s, row holds %s %s %s %s", i+1, st, et, d, md, streamType, eventType, data, metadata)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if i != len(want) {
		t.Fatalf("%d rows read back, %d events appended", i, len(want))
	}
}

// TestAppendProjects: events appended with Append reach their projections
// through the generated trigger (a plain and an envelope contract), a
// version already taken is the driver's unique violation, and an invalid
// event never reaches the database.
func TestAppendProjects(t *testing.T) {
	db := storeDB(t)
	ctx := context.Background()
	const org = "7c94fedd-a5bc-4777-97c4-abdab7a51570"
	created := events.OrganizationCreated{
		OrganizationID: org, Name: "Acme Robotics", Slug: "acme-robotics", OwnerUserID: "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f",
		Region: events.OrganizationCreatedDataRegionEuCentral, CreatedAt: time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC),
	}
	if err := events.Append(ctx, db, org, 1, created); err != nil {
		t.Fatal(err)
	}
	user := registeredEvent(t)
	if err := events.Append(ctx, db, user.StreamID, 1, user); err != nil {
		t.Fatal(err)
	}
	var name, email string
	if err := db.QueryRowContext(ctx, `SELECT name FROM public.organization_projection WHERE id = $1`, org).Scan(&name); err != nil || name != "Acme Robotics" {
		t.Errorf("organization_projection: %q, %v", name, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT email FROM public.user_projection WHERE id = $1`, user.StreamID).Scan(&email); err != nil || email != "bob.meyer@acme-robotics.example" {
		t.Errorf("user_projection: %q, %v", email, err)
	}
	if err := events.Append(ctx, db, org, 1, created); err == nil || !strings.Contains(err.Error(), "domain_events_stream_version_key") {
		t.Errorf("second version 1 of a stream: %v, want the unique violation", err)
	}
	bad := created
	bad.Slug = "Not A Slug"
	if err := events.Append(ctx, db, org, 2, bad); err == nil || !strings.Contains(err.Error(), "/slug") {
		t.Errorf("invalid event appended: %v", err)
	}
	if err := events.Append(ctx, db, "29377fa7-ea7f-4180-84a8-a7a3e4eed80b", 1, user); err == nil || !strings.Contains(err.Error(), "stream_id") {
		t.Errorf("envelope appended to another stream: %v", err)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM public.domain_events`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d rows stored (%v), want 2", n, err)
	}
}

// streamOf picks an example's stream id: the envelope's stream_id, else the
// data's <stream>_id, else a fixed id per stream type.
func streamOf(stream string, example any) string {
	m, _ := example.(map[string]any)
	if id, ok := m["stream_id"].(string); ok {
		return id
	}
	if id, ok := m[stream+"_id"].(string); ok {
		return id
	}
	return "00000000-0000-4000-8000-" + strings.Repeat("0", 12-len(stream)%12) + strings.Repeat("1", len(stream)%12)
}

// setStreamID sets an envelope's StreamID field, if it has one.
func setStreamID(ev events.Event, id string) {
	if f := reflect.ValueOf(ev).Elem().FieldByName("StreamID"); f.IsValid() && f.Kind() == reflect.String {
		f.SetString(id)
	}
}

func jsonEqual(t *testing.T, a []byte, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}

// TestEveryEventIsAValue: every registered event type satisfies Event as a
// value, not only as a pointer.
func TestEveryEventIsAValue(t *testing.T) {
	for _, info := range events.EventTypes {
		v := reflect.ValueOf(info.New()).Elem().Interface()
		ev, ok := v.(events.Event)
		if !ok || ev.EventType() != info.Type || ev.StreamType() != info.Stream {
			t.Errorf("%s: the value %T is not an Event of its type and stream", info.Type, v)
		}
	}
}
