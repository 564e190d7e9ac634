package lint

import (
	"fmt"
	"strings"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
)

var _ = register(
	Rule{ID: "conventions/event-type-missing", Category: Conventions, Severity: diag.Error, Doc: "every message has a determinable event type (its name, or the channel it alone is carried on)"},
	Rule{ID: "conventions/stream-type", Category: Conventions, Severity: diag.Error, Doc: "x-stream-type is a non-empty string"},
	Rule{ID: "conventions/projection-shape", Category: Conventions, Severity: diag.Error, Doc: "x-projection has table, key, action (insert|update|delete|none) and set"},
	Rule{ID: "conventions/envelope-event-type", Category: Conventions, Severity: diag.Error, Doc: "an envelope's event_type const equals the event type", Check: checkEnvelopeType},
	Rule{ID: "conventions/metadata-required", Category: Conventions, Severity: diag.Error, Doc: "event_metadata requires the configured fields (default user_id)", Check: checkMetadata},
	Rule{ID: "conventions/required-unknown", Category: Conventions, Severity: diag.Error, Doc: "required names only properties the schema defines", Check: checkRequiredUnknown},
	Rule{ID: "conventions/projection-never-created", Category: Conventions, Severity: diag.Warning, Doc: "a projection that events update has an event that creates its rows (x-projection action: insert, or a verb of sql.create_verbs)", Check: checkProjectionCreated},
	Rule{ID: "conventions/projection-created-twice", Category: Conventions, Severity: diag.Warning, Doc: "a projection has one creating event, unless every creator says x-projection action: insert (alternatives that never happen to one stream)", Check: checkProjectionCreatedTwice},
)

// checkProjectionCreated flags projection tables that events update,
// touch or delete but no event inserts: every such event would fail with
// P9002 (projection row not found) and nothing would ever be projected.
func checkProjectionCreated(c *Context) {
	type use struct {
		creates bool
		writers []string
	}
	uses := map[*ir.ProjectionTable]*use{}
	var order []*ir.ProjectionTable
	for _, st := range c.Set.Streams {
		for _, es := range st.SQL.Events {
			if es.Table == nil {
				continue
			}
			u := uses[es.Table]
			if u == nil {
				u = &use{}
				uses[es.Table] = u
				order = append(order, es.Table)
			}
			if es.Action == "insert" {
				u.creates = true
			} else {
				u.writers = append(u.writers, es.Event.Type)
			}
		}
	}
	for _, t := range order {
		u := uses[t]
		if u.creates || len(u.writers) == 0 {
			continue
		}
		list := u.writers
		more := ""
		if len(list) > 3 {
			list, more = list[:3], fmt.Sprintf(" and %d more", len(u.writers)-3)
		}
		verb := "only change existing rows, so each would fail"
		if len(u.writers) == 1 {
			verb = "only changes existing rows, so it would fail"
		}
		c.Report(t.Pos, "no event creates the rows of projection %q: %s%s %s with P9002 (projection row not found); give the creating event x-projection: {action: insert}, or add its verb to sql.create_verbs", t.Name, strings.Join(list, ", "), more, verb)
	}
}

// checkProjectionCreatedTwice flags projection tables that more than one
// event type creates when a verb of sql.create_verbs, not the contract,
// made at least one of them a creator. A row is created once: if two of
// them happen to one stream, the later fails with P9004 (projection row
// already exists), typically a lifecycle the verb list reads as two
// beginnings (job.queued, then job.started). Creators that all say
// x-projection: {action: insert} are alternatives the contract declares
// (user.registered or user.invited, never both), and pass.
func checkProjectionCreatedTwice(c *Context) {
	creators := map[*ir.ProjectionTable][]*ir.EventSQL{}
	var order []*ir.ProjectionTable
	for _, st := range c.Set.Streams {
		for _, es := range st.SQL.Events {
			if es.Table == nil || es.Action != "insert" {
				continue
			}
			if creators[es.Table] == nil {
				order = append(order, es.Table)
			}
			creators[es.Table] = append(creators[es.Table], es)
		}
	}
	for _, t := range order {
		list := creators[t]
		var at *ir.Event
		names := make([]string, len(list))
		for i, es := range list {
			from := "x-projection"
			if es.ActionFrom != "x-projection" {
				from = "sql.create_verbs"
				if at == nil {
					at = es.Event
				}
			}
			names[i] = es.Event.Type + " (" + from + ")"
		}
		if len(list) < 2 || at == nil {
			continue
		}
		c.Report(at.TypePos, "projection %q has %d creating events: %s; a row is created once, so if two of them happen to one stream the later fails with P9004 (projection row already exists): give an event that changes an existing row x-projection: {action: update}, or mark creators that never happen to one stream x-projection: {action: insert}", t.Name, len(list), strings.Join(names, ", "))
	}
}

func checkEnvelopeType(c *Context) {
	for _, ev := range c.Set.Events {
		if ev.EventTypeConst != "" && ev.EventTypeConst != ev.Type {
			c.Report(ev.EventTypeConstPos, "event_type const %q does not match the event type %q (from the message %s at %s)", ev.EventTypeConst, ev.Type, ev.TypeFrom, ev.TypePos)
		}
	}
}

// allProperties collects the properties and required names of s and its allOf members.
func allProperties(s *ir.Schema, props map[string]bool, required map[string]bool, seen map[*ir.Schema]bool) {
	if s == nil || seen[s] {
		return
	}
	seen[s] = true
	for _, p := range s.Properties {
		props[p.Name] = true
	}
	for _, r := range s.Required {
		required[r] = true
	}
	for _, m := range s.AllOf {
		allProperties(m, props, required, seen)
	}
}

func checkMetadata(c *Context) {
	for _, ev := range c.Set.Events {
		if !ev.Envelope {
			continue
		}
		if ev.Metadata == nil {
			if len(c.Settings.MetadataRequired) > 0 {
				c.Report(ev.Payload.Pos, "envelope of %q has no event_metadata property; it must carry %s", ev.Type, strings.Join(c.Settings.MetadataRequired, ", "))
			}
			continue
		}
		props, req := map[string]bool{}, map[string]bool{}
		allProperties(ev.Metadata, props, req, map[*ir.Schema]bool{})
		for _, f := range c.Settings.MetadataRequired {
			if !props[f] || !req[f] {
				c.Report(ev.Metadata.Pos, "event_metadata of %q must define and require %q", ev.Type, f)
			}
		}
	}
}

// checkRequiredUnknown flags required names no property defines. A member
// of an allOf may require what a sibling member defines, so members are
// judged by the whole composition.
func checkRequiredUnknown(c *Context) {
	parents := map[*ir.Schema][]*ir.Schema{}
	c.walkSchemas(func(s *ir.Schema) {
		for _, m := range s.AllOf {
			parents[m] = append(parents[m], s)
		}
	})
	c.walkSchemas(func(s *ir.Schema) {
		if len(s.Required) == 0 {
			return
		}
		props, req := map[string]bool{}, map[string]bool{}
		allProperties(s, props, req, map[*ir.Schema]bool{})
		for _, p := range parents[s] {
			allProperties(p, props, req, map[*ir.Schema]bool{})
		}
		if len(props) == 0 && len(parents[s]) == 0 {
			return // a bare required list on an open schema without properties
		}
		for _, r := range s.Required {
			if !props[r] {
				c.Report(s.RequiredPos, "required names %q, which is not among the properties; define it or fix the spelling", r)
			}
		}
	})
}
