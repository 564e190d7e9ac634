package diff

import (
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// storedForm returns cur as the registry would hold it (ir.Storable: a NUL
// is stored as the text \x00, since PostgreSQL cannot store a NUL) when a
// baseline side was read back from PostgreSQL; otherwise cur itself. So a
// contract compares equal to what registering it wrote, NULs included,
// and the registry sees the same event types the generated SQL routes.
func storedForm(base []*Side, cur *Side) *Side {
	stored := false
	for _, b := range base {
		stored = stored || b.Stored
	}
	if !stored || !cur.hasNUL() {
		return cur
	}
	out := *cur
	out.byType = nil
	out.Events = make([]*Event, len(cur.Events))
	var copies ir.StorableSchemas
	for i, e := range cur.Events {
		c := *e
		c.Type, c.Stream, c.Channel = ir.Storable(e.Type), ir.Storable(e.Stream), ir.Storable(e.Channel)
		c.Payload, c.Headers = copies.Copy(e.Payload), copies.Copy(e.Headers)
		c.Data, c.Metadata = copies.Copy(e.Data), copies.Copy(e.Metadata)
		out.Events[i] = &c
	}
	out.Finish()
	return &out
}

// hasNUL reports whether anything the registry stores of the side's
// events holds a NUL.
func (s *Side) hasNUL() bool {
	for _, e := range s.Events {
		if strings.ContainsRune(e.Type+e.Stream+e.Channel, 0) {
			return true
		}
		for _, sc := range []*ir.Schema{e.Payload, e.Headers, e.Data, e.Metadata} {
			if sc != nil && ir.HasNUL(sc) {
				return true
			}
		}
	}
	return false
}
