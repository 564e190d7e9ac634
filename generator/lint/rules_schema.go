package lint

import (
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/asyncgen/asyncgen/generator/diag"
)

var _ = register(
	Rule{ID: "schema/shape", Category: Schema, Severity: diag.Error, Doc: "a schema is an object or a boolean"},
	Rule{ID: "schema/meta", Category: Schema, Severity: diag.Error, Doc: "every schema (payloads, headers, components, parameters, referenced or not) is valid JSON Schema draft-07 (checked with jsonschema/v5)", Check: checkMeta, Oracle: true},
)

// checkMeta reports what jsonschema/v5 found compiling the oracle's roots
// (every schema of the IR is one or is reached from one), checking each
// against the draft-07 meta-schema, with errors mapped back to line:col.
// Boolean schemas are always valid and not compiled; lower also stands
// `true` in for a payload whose $ref could not be resolved (reported by
// spec) or that is not JSON Schema (schemaFormat).
func checkMeta(c *Context) {
	o := c.jsonschema()
	for _, s := range o.roots {
		err := o.compile(s)
		if err == nil || refProblem(err) {
			continue
		}
		var se *jsonschema.SchemaError
		if errors.As(err, &se) {
			var ve *jsonschema.ValidationError
			if errors.As(se.Err, &ve) {
				url, _, _ := strings.Cut(se.SchemaURL, "#")
				for _, v := range violations(ve) {
					// jsonschema/v5 checks format "regex" with Go's RE2, which
					// refuses valid ECMA-262 patterns (lookaround); whether a
					// pattern runs in Go is codegen/pattern's finding.
					if v.Keyword == "format" && strings.HasSuffix(v.Instance, "/pattern") {
						continue
					}
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

// refProblem reports whether a compile error comes from a $ref that the
// spec stage has already reported at the $ref's line:col: a target outside
// the loaded files (missing, remote, outside the root) or a chain of $refs
// that never reaches a schema.
func refProblem(err error) bool {
	var loop jsonschema.InfiniteLoopError
	if errors.As(err, &loop) {
		return true
	}
	var ve *jsonschema.ValidationError
	if errors.As(err, &ve) {
		return false // a meta-schema violation: a real finding
	}
	msg := err.Error()
	// The oracle's loader refuses every URL it was not given (oracle.go);
	// "<url> not found" is a JSON pointer with nothing at its end.
	return strings.Contains(msg, "asyncgen does not load ") || strings.HasSuffix(msg, " not found")
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
