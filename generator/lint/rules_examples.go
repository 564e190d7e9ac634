package lint

import (
	"github.com/asyncgen/asyncgen/generator/diag"
)

var _ = register(
	Rule{ID: "examples/message-payload", Category: Examples, Severity: diag.Error, Doc: "every message example payload validates against the message payload schema", Check: checkMessageExamples},
)

func checkMessageExamples(c *Context) {
	o := c.jsonschema()
	for _, ev := range c.Set.Events {
		if ev.Payload == nil || len(ev.Examples) == 0 {
			continue
		}
		sch, err := o.compile(ev.Payload)
		if err != nil {
			continue // reported by schema/meta
		}
		for _, ex := range ev.Examples {
			verr := sch.Validate(ex.Value)
			if verr == nil {
				continue
			}
			name := ""
			if ex.Name != "" {
				name = " " + quote(ex.Name)
			}
			for _, v := range violations(verr) {
				c.Report(ex.Locate(v.Instance), "example%s of %s does not match its schema at %s: %s", name, ev.Type, pointerText(v.Instance), v.Message)
			}
		}
	}
}
