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
	// enumValues names each enum's list of values (RoleValues).
	enumValues map[*ir.Schema]string
	// alias is the payload schema's own name, kept as an alias of the
	// event's type when the two differ (OrganizationCreatedData =
	// OrganizationCreated).
	alias map[*ir.Schema]string
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
	n := &names{used: map[string]bool{}, schema: map[*ir.Schema]string{}, eventConst: map[*ir.Event]string{}, eventType: map[*ir.Event]string{},
		enumConst: map[*ir.Schema][]string{}, enumValues: map[*ir.Schema]string{}, alias: map[*ir.Schema]string{}}
	for _, r := range registryNames {
		n.used[r] = true
	}
	for _, ev := range g.set.Events {
		n.eventConst[ev] = uniqueName("EventType"+ev.GoName, n.used)
	}
	// A payload named like its event takes the name lower decided for it
	// when the event gets a thin type of its own.
	// An event's own payload type takes the event's name.
	payloadName := map[*ir.Schema]string{}
	eventName := map[*ir.Schema]*ir.Event{}
	for _, ev := range g.set.Events {
		switch {
		case g.reusesPayload(ev):
			eventName[ev.Payload] = ev
		case ev.PayloadGoName != "":
			payloadName[ev.Payload] = ev.PayloadGoName
		}
	}
	for _, s := range g.reach {
		base := s.GoName
		if p, ok := payloadName[s]; ok {
			base = p
		}
		if ev, ok := eventName[s]; ok && ev.GoName != "" {
			base = ev.GoName
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
			if own := ev.Payload.GoName; own != "" && own != n.schema[ev.Payload] && !n.used[own] {
				n.alias[ev.Payload] = uniqueName(own, n.used)
			}
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
			n.enumValues[s] = uniqueName(n.schema[s]+"Values", n.used)
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
// type (true unless the payload is shared by events, used inside another
// schema, unnamed or nullable, in which case a thin named type per event
// carries the event's methods).
func (g *gen) reusesPayload(ev *ir.Event) bool {
	if ev.Payload == nil || g.payloadUses[ev.Payload] != 1 || g.nested[ev.Payload] || g.model.target(ev.Payload) != ev.Payload {
		return false
	}
	sh := g.model.shape(ev.Payload)
	return g.named(ev.Payload) && !sh.nullOK
}
