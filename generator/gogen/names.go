package gogen

import (
	"fmt"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// registryNames are the exported names of the registry and runtime files.
var registryNames = ir.ReservedGoNames

// names is the identifier table of one generated package. Lower decides
// every Go name; lint's naming/go-name-collision rule reports collisions.
// When that rule is off (linting a plain MQTT/Kafka API), two schemas may
// still share a name, so the table makes every package-level identifier
// unique with a numeric suffix, in a fixed order: registry names, EventType
// constants, schema types (in reach order), event types, enum constants.
type names struct {
	used       map[string]bool
	schema     map[*ir.Schema]string
	eventConst map[*ir.Event]string
	eventType  map[*ir.Event]string
	enumConst  map[*ir.Schema][]string
}

func uniqueName(n string, used map[string]bool) string {
	out := n
	for i := 2; used[out]; i++ {
		out = fmt.Sprintf("%s%d", n, i)
	}
	used[out] = true
	return out
}

func (g *gen) decideNames() {
	n := &names{used: map[string]bool{}, schema: map[*ir.Schema]string{}, eventConst: map[*ir.Event]string{}, eventType: map[*ir.Event]string{}, enumConst: map[*ir.Schema][]string{}}
	for _, r := range registryNames {
		n.used[r] = true
	}
	for _, ev := range g.set.Events {
		n.eventConst[ev] = uniqueName("EventType"+ev.GoName, n.used)
	}
	// A payload named like its event takes the name lower decided for it
	// when the event gets a thin type of its own.
	payloadName := map[*ir.Schema]string{}
	for _, ev := range g.set.Events {
		if ev.PayloadGoName != "" && !g.reusesPayload(ev) {
			payloadName[ev.Payload] = ev.PayloadGoName
		}
	}
	for _, s := range g.reach {
		base := s.GoName
		if p, ok := payloadName[s]; ok {
			base = p
		}
		if base == "" {
			base = "Schema"
		}
		n.schema[s] = uniqueName(base, n.used)
	}
	for _, ev := range g.set.Events {
		if g.reusesPayload(ev) {
			n.eventType[ev] = n.schema[ev.Payload]
			g.eventOf[ev.Payload] = ev
		} else {
			n.eventType[ev] = uniqueName(ev.GoName, n.used)
		}
	}
	for _, s := range g.reach {
		if g.typed[s] && g.model.shape(s).kind == kEnum {
			consts := make([]string, len(s.Enum))
			for i, v := range s.Enum {
				if v == nil || i >= len(s.GoEnum) || s.GoEnum[i] == "" {
					continue
				}
				consts[i] = uniqueName(n.schema[s]+s.GoEnum[i], n.used)
			}
			n.enumConst[s] = consts
		}
	}
	g.names = n
	g.ppVars = map[*ir.PatternProperty]string{}
	for _, s := range g.reach {
		for i, pp := range s.PatternProperties {
			g.ppVars[pp] = fmt.Sprintf("keyPattern%s%d", n.schema[s], i+1)
		}
	}
}

// reusesPayload reports whether an event's Go type is its payload's named
// type (true unless the payload is shared, unnamed or nullable, in which
// case a thin named type per event carries the EventType method).
func (g *gen) reusesPayload(ev *ir.Event) bool {
	if ev.Payload == nil || g.payloadUses[ev.Payload] != 1 || g.model.target(ev.Payload) != ev.Payload {
		return false
	}
	sh := g.model.shape(ev.Payload)
	return g.named(ev.Payload) && !sh.nullOK
}
