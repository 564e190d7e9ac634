package lint

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
)

var _ = register(
	Rule{ID: "versioning/semver", Category: Versioning, Severity: diag.Error, Doc: "info.version is a semantic version (1.2.3)", Check: checkSemver},
	Rule{ID: "versioning/duplicate-event-type", Category: Versioning, Severity: diag.Error, Doc: "an event type is defined once across all documents", Check: checkDuplicateEvents},
	Rule{ID: "versioning/conflicting-event", Category: Versioning, Severity: diag.Error, Doc: "an event type used twice has one schema", Check: checkConflictingEvents},
)

func checkSemver(c *Context) {
	for _, ct := range c.Set.Contracts {
		v := ct.Version
		if v == "" {
			continue // spec/required-field reports a missing version
		}
		if v[0] == 'v' || !semver.IsValid("v"+v) || semver.Canonical("v"+v) != "v"+v && semver.Build("v"+v) == "" {
			c.Report(ct.VersionPos, "info.version %q is not a semantic version MAJOR.MINOR.PATCH%s", v, semverSuggestion(v))
		}
	}
}

// semverSuggestion completes a version semver can read ("1.2" → "1.2.0",
// "v1.2.3" → "1.2.3"); otherwise it shows the shape.
func semverSuggestion(v string) string {
	w := v
	if w[0] != 'v' {
		w = "v" + w
	}
	if semver.IsValid(w) {
		return fmt.Sprintf("; write %q", strings.TrimPrefix(semver.Canonical(w), "v"))
	}
	return `, such as "1.4.0"`
}

func checkDuplicateEvents(c *Context) {
	first := map[string]*ir.Event{}
	for _, ev := range c.Set.Events {
		f, ok := first[ev.Type]
		if !ok {
			first[ev.Type] = ev
			continue
		}
		if f.Pos == ev.Pos {
			continue // the same message reached from two documents
		}
		c.Report(ev.TypePos, "event type %q is already defined at %s; each event type is defined once", ev.Type, f.TypePos)
	}
}

func checkConflictingEvents(c *Context) {
	first := map[string]*ir.Event{}
	for _, ev := range c.Set.Events {
		f, ok := first[ev.Type]
		if !ok {
			first[ev.Type] = ev
			continue
		}
		if f.Payload == ev.Payload || bytes.Equal(canonical(f.Payload), canonical(ev.Payload)) {
			continue
		}
		c.Report(ev.TypePos, "event type %q has a different payload schema than at %s; one event type, one schema", ev.Type, f.TypePos)
	}
}

// canonical is the resolved schema (refs inlined, keys sorted), so a
// payload written inline in one document and through a $ref in another
// is the same schema.
func canonical(s *ir.Schema) []byte {
	if s == nil {
		return nil
	}
	return ir.CanonicalJSON(s)
}
