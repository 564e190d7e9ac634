package sqlgen_test

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// A stream of mixed events for the rebuild test and the ingest benchmark:
// stream instances that start with a creating event and go on with their
// stream's other events, built from the contracts' examples with the keys
// replaced, so that every event hits the row its instance created; every
// orphanEvery-th instance lacks its creating event, so that its events
// fail with P9002.

// storedEvent is one row for the event store.
type storedEvent struct {
	ord                             int
	streamID, streamType, eventType string
	version                         int
	data, metadata                  []byte
}

// mixPlan is what one stream type contributes: its creating examples and
// the examples of its events that change the created row.
type mixPlan struct {
	creates, follows []*event
}

// mixInstance is one stream instance being written.
type mixInstance struct {
	p       *mixPlan
	id      string
	version int
	left    int
}

// next is the example e as the instance's next event.
func (in *mixInstance) next(t testing.TB, e *event) *storedEvent {
	in.version++
	return &storedEvent{
		streamID: in.id, streamType: e.stream.Name, eventType: e.es.Event.Type, version: in.version,
		data: marshal(t, keyed(e, in.id)), metadata: marshal(t, e.metadata),
	}
}

// mixedEvents returns n events over the streams of set that have a
// creating example, interleaving the instances.
func mixedEvents(t testing.TB, set *ir.Set, n, orphanEvery int, seed int64) []*storedEvent {
	t.Helper()
	rng := rand.New(rand.NewSource(seed))
	var plans []*mixPlan
	for _, st := range set.Streams {
		p := &mixPlan{}
		var follows []*event
		for _, es := range st.SQL.Events {
			for _, ex := range es.Event.Examples {
				e := newEvent(st, es, ex.Name, ex.Value)
				if e.data == nil {
					continue
				}
				if es.Action == "insert" {
					p.creates = append(p.creates, e)
				} else {
					follows = append(follows, e)
				}
			}
		}
		if len(p.creates) == 0 {
			continue
		}
		// Follow-ups write the creating event's table (or none), whose key
		// takes a generated uuid.
		table := p.creates[0].es.Table
		if table.Key.Type != "uuid" && table.Key.Type != "text" {
			continue
		}
		for _, f := range follows {
			if f.es.Table == nil || f.es.Table == table {
				p.follows = append(p.follows, f)
			}
		}
		plans = append(plans, p)
	}
	if len(plans) == 0 {
		t.Fatal("no stream has a creating example")
	}
	var live []*mixInstance
	var out []*storedEvent
	instances := 0
	for len(out) < n {
		if len(live) == 0 || rng.Intn(3) == 0 {
			instances++
			in := &mixInstance{p: plans[rng.Intn(len(plans))], id: uuidOf(seed, instances), left: 1 + rng.Intn(6)}
			live = append(live, in)
			if orphanEvery > 0 && instances%orphanEvery == 0 {
				in.version++ // its creating event was never stored
			} else {
				out = append(out, in.next(t, in.p.creates[rng.Intn(len(in.p.creates))]))
				continue
			}
		}
		i := rng.Intn(len(live))
		in := live[i]
		if len(in.p.follows) == 0 || in.left == 0 {
			live = append(live[:i], live[i+1:]...)
			continue
		}
		in.left--
		out = append(out, in.next(t, in.p.follows[rng.Intn(len(in.p.follows))]))
	}
	for i, e := range out {
		e.ord = i
	}
	return out
}

func uuidOf(seed int64, n int) string {
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", uint32(seed), n)
}

// keyed returns the example's data with its key (or, without one, nothing)
// set to id.
func keyed(e *event, id string) map[string]any {
	data := map[string]any{}
	for k, v := range e.data {
		data[k] = v
	}
	if e.es.KeyProperty != "" {
		data[e.es.KeyProperty] = id
	}
	return data
}

// stageEvents copies events into a new table bench_events(ord, …).
func stageEvents(t testing.TB, conn *pgx.Conn, events []*storedEvent) {
	t.Helper()
	if _, err := conn.Exec(ctx, `CREATE TABLE bench_events (ord int PRIMARY KEY, stream_id uuid, stream_type text,
		stream_version bigint, event_type text, event_data jsonb, event_metadata jsonb)`); err != nil {
		t.Fatal(err)
	}
	rows := make([][]any, len(events))
	for i, e := range events {
		rows[i] = []any{e.ord, e.streamID, e.streamType, e.version, e.eventType, string(e.data), string(e.metadata)}
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"bench_events"}, []string{"ord", "stream_id", "stream_type", "stream_version", "event_type", "event_data", "event_metadata"}, pgx.CopyFromRows(rows)); err != nil {
		t.Fatal(err)
	}
}

// marshal is json.Marshal that fails the test on error.
func marshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
