package lint

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
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
	types := &typeErrors{c: c, done: map[*ir.Schema]bool{}}
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
				if ve = withoutRE2Regex(ve); ve == nil {
					continue
				}
				vs := violations(ve)
				vs = types.report(url, vs)
				for _, v := range vs {
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

// typeErrors turns the meta-schema's two violations of a misspelt type
// name ("expected array, but got string" from one branch of its anyOf,
// "value must be one of ..." from the other) into one finding that names
// the type and the one meant.
type typeErrors struct {
	c *Context
	// schemas indexes the IR's schemas by "url#pointer", built on first use.
	schemas map[string]*ir.Schema
	// done records the schemas reported, once however many roots reach them.
	done map[*ir.Schema]bool
}

// report reports the unknown type names behind vs (violations of one file
// at url) and returns the other violations.
func (t *typeErrors) report(url string, vs []violation) []violation {
	var rest []violation
	var bad []*ir.Schema
	isList := map[*ir.Schema]bool{}
	for _, v := range vs {
		ptr, list, ok := typeInstance(v.Instance)
		s := t.lookup(url, ptr)
		if !ok || s == nil || !hasUnknownType(s) {
			rest = append(rest, v)
			continue
		}
		if list {
			isList[s] = true
		}
		if !t.done[s] {
			t.done[s] = true
			bad = append(bad, s)
		}
	}
	for _, s := range bad {
		for i, name := range s.Types {
			if isJSONType(name) {
				continue
			}
			at := s.Pointer + "/type"
			if isList[s] || len(s.Types) > 1 {
				at += "/" + strconv.Itoa(i)
			}
			t.c.Report(t.c.Set.Locate(url, at), "invalid JSON Schema: %s", typeMessage(name))
		}
	}
	return rest
}

// lookup finds the IR schema at url#ptr.
func (t *typeErrors) lookup(url, ptr string) *ir.Schema {
	if t.schemas == nil {
		t.schemas = make(map[string]*ir.Schema, len(t.c.Set.Schemas))
		for _, s := range t.c.Set.Schemas {
			t.schemas[s.URL+"#"+s.Pointer] = s
		}
	}
	return t.schemas[url+"#"+ptr]
}

// typeInstance splits the instance of a violation of a type keyword,
// ".../type" or ".../type/2", into the schema's pointer; list is true for
// an item of a list of types.
func typeInstance(instance string) (schema string, list, ok bool) {
	if rest, found := strings.CutSuffix(instance, "/type"); found {
		return rest, false, true
	}
	i := strings.LastIndex(instance, "/")
	if i < 0 {
		return "", false, false
	}
	if _, err := strconv.Atoi(instance[i+1:]); err != nil {
		return "", false, false
	}
	rest, found := strings.CutSuffix(instance[:i], "/type")
	return rest, true, found
}

// hasUnknownType reports whether s names a type draft-07 does not have.
func hasUnknownType(s *ir.Schema) bool {
	for _, name := range s.Types {
		if !isJSONType(name) {
			return true
		}
	}
	return false
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

// withoutRE2Regex removes from a meta-schema violation what follows only
// from jsonschema/v5 checking the format "regex" of patterns and
// patternProperties keys with Go's RE2, which refuses valid ECMA-262
// patterns (lookaround, backreferences): those leaves, and every anyOf or
// oneOf failure one of whose branches failed for them alone (the schema
// at items, for one, is a schema or a list of schemas: its pattern's
// verdict must not turn into "expected array"). Whether a pattern runs in
// Go is codegen/pattern's finding. nil when nothing remains.
func withoutRE2Regex(e *jsonschema.ValidationError) *jsonschema.ValidationError {
	kw := e.KeywordLocation[strings.LastIndexByte(e.KeywordLocation, '/')+1:]
	if len(e.Causes) == 0 {
		if kw == "format" && (strings.HasSuffix(e.InstanceLocation, "/pattern") || isPatternPropertiesKey(e.InstanceLocation)) {
			return nil
		}
		return e
	}
	var kept []*jsonschema.ValidationError
	for _, c := range e.Causes {
		switch rest := withoutRE2Regex(c); {
		case rest != nil:
			kept = append(kept, rest)
		case kw == "anyOf" || kw == "oneOf":
			return nil // this branch holds
		}
	}
	if len(kept) == 0 {
		return nil
	}
	out := *e
	out.Causes = kept
	return &out
}

// isPatternPropertiesKey reports whether the JSON pointer names a key of
// a patternProperties object (the meta-schema checks those keys as
// format "regex"; a key's own "/" is escaped as ~1).
func isPatternPropertiesKey(ptr string) bool {
	i := strings.LastIndexByte(ptr, '/')
	return i >= 0 && strings.HasSuffix(ptr[:i], "/patternProperties")
}
