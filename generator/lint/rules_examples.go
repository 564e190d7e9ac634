package lint

import (
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

var _ = register(
	Rule{ID: "examples/message-payload", Category: Examples, Severity: diag.Error, Doc: "every message example payload validates against the message payload schema", Check: checkMessageExamples, Oracle: true},
)

func checkMessageExamples(c *Context) {
	o := c.jsonschema()
	for _, ev := range c.Set.Events {
		// `true` accepts every example; lower also uses it for payloads that
		// are not JSON Schema or could not be resolved.
		if ev.Payload == nil || len(ev.Examples) == 0 || ev.Payload.Bool != nil && *ev.Payload.Bool {
			continue
		}
		if err := o.compile(ev.Payload); err != nil {
			continue // reported by schema/meta
		}
		// The oracle validated the examples while the payload was compiled.
		verrs := o.validateExamples(ev)
		for i, ex := range ev.Examples {
			verr := verrs[i]
			if verr == nil {
				continue
			}
			name := ""
			if ex.Name != "" {
				name = " " + quote(ex.Name)
			}
			for _, v := range violations(verr) {
				at := ""
				if v.Instance != "" {
					at = " at " + v.Instance
				}
				c.Report(examplePos(c, ex, v.Instance), "example%s of event %q does not match its schema%s: %s", name, ev.Type, at, v.Message)
			}
		}
	}
}

// examplePos places a violation: at the offending value, or, for the payload
// as a whole, at its "payload" key rather than at its first property.
func examplePos(c *Context, ex ir.Example, instance string) location.Pos {
	if instance == "" {
		if p := c.Set.Locate(ex.URL, ex.Pointer); p.File == ex.Pos.File && p.Line > 0 && ex.Pos.Line-p.Line <= 1 && ex.Pos.Line >= p.Line {
			return p
		}
	}
	return ex.Locate(instance)
}
