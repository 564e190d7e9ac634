package lint

import (
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
)

var _ = register(
	Rule{ID: "schema/shape", Category: Schema, Severity: diag.Error, Doc: "a schema is an object or a boolean"},
	Rule{ID: "schema/meta", Category: Schema, Severity: diag.Error, Doc: "every payload and headers schema is valid JSON Schema draft-07 (checked with jsonschema/v5)", Check: checkMeta},
)

// checkMeta compiles every event payload with jsonschema/v5, which checks
// it against the draft-07 meta-schema, and maps errors back to line:col.
func checkMeta(c *Context) {
	o := c.jsonschema()
	seen := map[*ir.Schema]bool{}
	for _, ev := range c.Set.Events {
		s := ev.Payload
		if s == nil || seen[s] || s.Pointer == "" && s.Bool != nil {
			continue
		}
		seen[s] = true
		_, err := o.compile(s)
		if err == nil {
			continue
		}
		var se *jsonschema.SchemaError
		if errors.As(err, &se) {
			var ve *jsonschema.ValidationError
			if errors.As(se.Err, &ve) {
				url, _, _ := strings.Cut(se.SchemaURL, "#")
				for _, v := range violations(ve) {
					c.Report(c.Set.Locate(url, v.Instance), "invalid JSON Schema: %s at %s", v.Message, pointerText(v.Instance))
				}
				continue
			}
			c.Report(s.Pos, "invalid JSON Schema: %s", cleanErr(se.Err))
			continue
		}
		c.Report(s.Pos, "invalid JSON Schema: %s", cleanErr(err))
	}
}

func pointerText(p string) string {
	if p == "" {
		return "the schema root"
	}
	return p
}

// cleanErr drops file URLs from compiler messages; positions say where.
func cleanErr(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.Contains(msg[:i], "file://") {
		msg = msg[i+2:]
	}
	return fmt.Sprint(msg)
}
