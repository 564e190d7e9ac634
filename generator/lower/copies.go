package lower

import (
	"bytes"
	"encoding/json"
	"reflect"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// mergeCopies makes the copies of one message one event. Bundlers inline
// the same message in several places of a document (under both operations
// of a channel, in every channel that carries it): messages of one
// document with the same event type, the same canonical payload schema,
// stream type, x-projection and x-sql-name are one event, the first found;
// the copies' examples join it. Messages that share an event type but
// differ otherwise, or come from different documents (two teams defining
// one event type), stay apart for the versioning rules to report.
func (lw *lowerer) mergeCopies() {
	byType := map[string][]*ir.Event{}
	repeated := false
	for _, ev := range lw.set.Events {
		byType[ev.Type] = append(byType[ev.Type], ev)
		repeated = repeated || len(byType[ev.Type]) > 1
	}
	if !repeated {
		return
	}
	merged := map[*ir.Event]bool{}
	canon := map[*ir.Schema][]byte{}
	canonical := func(s *ir.Schema) []byte {
		if s == nil {
			return nil
		}
		b, ok := canon[s]
		if !ok {
			b = ir.CanonicalJSON(s)
			canon[s] = b
		}
		return b
	}
	for _, ev := range lw.set.Events {
		for _, first := range byType[ev.Type] {
			if first == ev {
				break // ev is the first of its kind
			}
			if merged[first] || first.Contract != ev.Contract || !sameEvent(first, ev, canonical) {
				continue
			}
			merged[ev] = true
			joinExamples(first, ev)
			break
		}
	}
	keep := func(evs []*ir.Event) []*ir.Event {
		out := evs[:0]
		for _, ev := range evs {
			if !merged[ev] {
				out = append(out, ev)
			}
		}
		return out
	}
	lw.set.Events = keep(lw.set.Events)
	for _, c := range lw.set.Contracts {
		c.Events = keep(c.Events)
	}
}

// sameEvent reports whether b is a copy of a: everything an emitter reads
// from an event's identity and schema agrees.
func sameEvent(a, b *ir.Event, canonical func(*ir.Schema) []byte) bool {
	if a.Stream != b.Stream || a.SQLName != b.SQLName || !sameProjection(a.Projection, b.Projection) {
		return false
	}
	if a.Payload == b.Payload {
		return true
	}
	return a.Payload != nil && b.Payload != nil && bytes.Equal(canonical(a.Payload), canonical(b.Payload))
}

// sameProjection compares two x-projections by value (not position).
func sameProjection(a, b *ir.Projection) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Table == b.Table && a.Key == b.Key && a.Action == b.Action && a.Tenant == b.Tenant && reflect.DeepEqual(a.Set, b.Set)
}

// joinExamples adds the examples of copy that first lacks.
func joinExamples(first, copy *ir.Event) {
	have := map[string]bool{}
	for _, ex := range first.Examples {
		b, _ := json.Marshal(ex.Value)
		have[string(b)] = true
	}
	for _, ex := range copy.Examples {
		b, _ := json.Marshal(ex.Value)
		if !have[string(b)] {
			have[string(b)] = true
			first.Examples = append(first.Examples, ex)
		}
	}
}
