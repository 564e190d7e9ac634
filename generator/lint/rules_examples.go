package lint

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

// The examples rules validate every value a contract gives as an example
// or default against its schema with jsonschema/v5, as the official
// AsyncAPI parser does (it also checks schema-level examples and default,
// but only at the top of component schemas and payloads; these rules
// check every schema, nested ones included).
var _ = register(
	Rule{ID: "examples/message-payload", Category: Examples, Severity: diag.Error, Doc: "every message example payload validates against the message payload schema", Check: checkMessageExamples, Oracle: true},
	Rule{ID: "examples/message-headers", Category: Examples, Severity: diag.Error, Doc: "every message example's headers validate against the message headers schema", Check: checkMessageHeaders, Oracle: true},
	Rule{ID: "examples/schema-example", Category: Examples, Severity: diag.Error, Doc: "every item of a schema's examples validates against that schema (components, payloads, headers, nested properties, referenced or not)", Check: checkSchemaExamples, Oracle: true},
	Rule{ID: "examples/schema-default", Category: Examples, Severity: diag.Error, Doc: "a schema's default validates against that schema (components, payloads, headers, nested properties, referenced or not)", Check: checkSchemaDefaults, Oracle: true},
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
		reportExamples(c, ev.Examples, o.validateExamples(ev), fmt.Sprintf("event %q", ev.Type), "payload")
	}
	checkParts(c, "payload")
}

func checkMessageHeaders(c *Context) {
	checkParts(c, "headers")
}

// checkParts reports the message examples that do not match a Checked
// schema of the given part.
func checkParts(c *Context, part string) {
	o := c.jsonschema()
	for _, ch := range c.Set.Checked {
		if ch.Part != part || len(ch.Examples) == 0 || o.compile(ch.Schema) != nil {
			continue
		}
		reportExamples(c, ch.Examples, o.parts[ch], ch.Owner, part)
	}
}

// reportExamples reports each violation of each example (verrs[i] is the
// outcome of examples[i]) of owner's payload or headers.
func reportExamples(c *Context, examples []ir.Example, verrs []error, owner, part string) {
	for i, ex := range examples {
		if i >= len(verrs) || verrs[i] == nil {
			continue
		}
		name := ""
		if ex.Name != "" {
			name = " " + quote(ex.Name)
		}
		for _, v := range c.valueViolations(verrs[i]) {
			at := ""
			if v.Instance != "" {
				at = " at " + v.Instance
			}
			if part == "headers" {
				c.Report(examplePos(c, ex, v.Instance), "headers of example%s of %s do not match its headers schema%s: %s", name, owner, at, v.Message)
			} else {
				c.Report(examplePos(c, ex, v.Instance), "example%s of %s does not match its schema%s: %s", name, owner, at, v.Message)
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

func checkSchemaExamples(c *Context) {
	o := c.jsonschema()
	for _, s := range c.Set.Schemas {
		r, ok := o.values[s]
		if !ok {
			continue
		}
		for i, err := range r.Examples {
			if err != nil {
				reportValue(c, s, fmt.Sprintf("/examples/%d", i), fmt.Sprintf("examples[%d] does not", i), err)
			}
		}
	}
}

func checkSchemaDefaults(c *Context) {
	o := c.jsonschema()
	for _, s := range c.Set.Schemas {
		if r, ok := o.values[s]; ok && r.Default != nil {
			reportValue(c, s, "/default", "default does not", r.Default)
		}
	}
}

// reportValue reports each violation of the value at pointer (inside s's
// own object) at the offending part of the value.
func reportValue(c *Context, s *ir.Schema, pointer, what string, err error) {
	for _, v := range c.valueViolations(err) {
		at := ""
		if v.Instance != "" {
			at = " at " + v.Instance
		}
		pos := s.Pos
		if c.Set.LocateIn != nil {
			pos = c.Set.LocateIn(s, pointer+v.Instance)
		}
		c.Report(pos, "%s match its schema%s: %s", what, at, v.Message)
	}
}

// valueViolations is violations with each pattern written as the contract
// writes it: jsonschema/v5 compiles (and quotes) the spelling RE2 runs,
// \x{C0} where the contract says \u00C0 (ir.Set.RE2Patterns).
func (c *Context) valueViolations(err error) []violation {
	vs := violations(err)
	if len(c.Set.RE2Patterns) == 0 {
		return vs
	}
	// Sorted, so that two spellings of one pattern (\u0041, \u{41}) give
	// the same message on every run.
	written := slices.Sorted(maps.Keys(c.Set.RE2Patterns))
	for i, v := range vs {
		if v.Keyword != "pattern" {
			continue
		}
		for _, w := range written {
			if m := strings.Replace(v.Message, v5Quote(c.Set.RE2Patterns[w]), v5Quote(w), 1); m != v.Message {
				vs[i].Message = m
				break
			}
		}
	}
	return vs
}

// v5Quote quotes s as jsonschema/v5 quotes a pattern in its messages.
func v5Quote(s string) string {
	s = strconv.Quote(s)
	s = strings.ReplaceAll(s, `\"`, `"`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s[1:len(s)-1] + "'"
}
