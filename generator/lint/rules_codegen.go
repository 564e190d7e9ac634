package lint

import (
	"fmt"
	"regexp/syntax"
	"strings"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/formats"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/suggest"
)

var _ = register(
	Rule{ID: "codegen/unsupported-keyword", Category: Codegen, Severity: diag.Error, Doc: "a schema keyword the Go validators cannot enforce is refused, never dropped", Check: checkUnsupported},
	Rule{ID: "codegen/unknown-keyword", Category: Codegen, Severity: diag.Warning, Doc: "a keyword that is not JSON Schema draft-07 has no effect on validation", Check: checkUnknownKeywords},
	Rule{ID: "codegen/id-ignored", Category: Codegen, Severity: diag.Warning, Doc: "an $id above a $ref is an annotation: a $ref resolves against the file that holds it, as the official parser resolves it, not against $id", Check: checkIDAboveRef},
	Rule{ID: "codegen/schema-draft", Category: Codegen, Severity: diag.Warning, Doc: "a $schema naming another JSON Schema draft is an annotation: the schema is validated by draft-07 rules, as AsyncAPI 2.x and the official parser do", Check: checkSchemaDraft},
	Rule{ID: "codegen/format-unchecked", Category: Codegen, Severity: diag.Warning, Doc: "a format asyncgen does not check is an annotation: any value passes it (with \"did you mean\" for near misses of checked formats)", Check: checkFormats},
	Rule{ID: "codegen/pattern", Category: Codegen, Severity: diag.Warning, Doc: "a pattern or patternProperties key Go's RE2 engine cannot run (lookaround, backreferences; ECMA-262 escapes such as \\uXXXX are respelled and run): generated validators reject every value it governs (fail closed), and lint cannot check examples against that schema", Check: checkPatterns},
	Rule{ID: "codegen/ref-siblings", Category: Codegen, Severity: diag.Warning, Doc: "keywords next to $ref are ignored by draft-07"},
	Rule{ID: "codegen/invisible-character", Category: Codegen, Severity: diag.Warning, Doc: "a string holds a NUL (PostgreSQL text and jsonb cannot store it: the generated SQL writes it as the text \\x00) or a byte order mark (an encoding accident)", Check: checkInvisibleCharacters},
)

// Supported lists the keywords generated validators enforce or that are
// annotations only. It is the contract between lint and the Go generator.
var Supported = map[string]bool{
	"type": true, "properties": true, "required": true, "additionalProperties": true,
	"items": true, "enum": true, "const": true, "format": true, "pattern": true,
	"minLength": true, "maxLength": true, "minimum": true, "maximum": true,
	"exclusiveMinimum": true, "exclusiveMaximum": true, "multipleOf": true,
	"minItems": true, "maxItems": true, "uniqueItems": true, "minProperties": true,
	"maxProperties": true, "allOf": true, "anyOf": true, "oneOf": true, "nullable": true,
	"$ref": true, "definitions": true, "discriminator": true,
	// enforced by the generated generic checks (the typed layer keeps such
	// values as `any`, validated by those checks)
	"not": true, "if": true, "then": true, "else": true, "dependencies": true,
	"patternProperties": true, "propertyNames": true, "contains": true, "additionalItems": true,
	// annotations
	"title": true, "description": true, "default": true, "examples": true, "deprecated": true,
	"readOnly": true, "writeOnly": true, "$comment": true, "$schema": true,
	// $id is an annotation to asyncgen; it is refused only where it would
	// change what a $ref beneath it means (checkUnsupported).
	"$id":          true,
	"externalDocs": true, "contentMediaType": true, "contentEncoding": true, "example": true,
}

// unsupported are draft-07 keywords the generator does not enforce, each
// with the supported way to say the same thing (where there is one).
var unsupported = map[string]string{
	// Every draft-07 keyword is enforced today; a keyword the generator
	// stops enforcing goes here with the supported way to say the same thing.
}

func checkUnsupported(c *Context) {
	c.walkSchemas(func(s *ir.Schema) {
		for _, k := range s.Keywords {
			if hint, bad := unsupported[k.Name]; bad {
				c.Report(k.Pos, "keyword %q is not supported by asyncgen: %s", k.Name, hint)
			}
		}
	})
}

// checkIDAboveRef warns where an $id would change what a $ref beneath it
// means to a JSON Schema tool that honours $id. asyncgen, like the official
// AsyncAPI parser, resolves every $ref against the file that holds it, and
// so does lint's oracle (lower writes the files it reads without $id).
func checkIDAboveRef(c *Context) {
	c.walkSchemas(func(s *ir.Schema) {
		for _, k := range s.Keywords {
			if k.Name == "$id" && refBeneath(s) {
				c.Report(k.Pos, "$id is an annotation here: asyncgen, like the official AsyncAPI parser, resolves the $refs beneath it against the file that holds them, where JSON Schema tools that honour $id would resolve them against the $id; remove $id if the two could differ")
			}
		}
	})
}

// checkSchemaDraft warns about a $schema naming another draft. An AsyncAPI
// 2.x Schema Object is draft-07 whatever it declares: the official parser
// validates it so, and so do the generated validators and lint's oracle
// (lower renders such a $schema as draft-07's). Keywords only the other
// draft knows have no effect (codegen/unknown-keyword says which).
func checkSchemaDraft(c *Context) {
	c.walkSchemas(func(s *ir.Schema) {
		for _, k := range s.Keywords {
			if k.Name == "$schema" && !ir.IsDraft7(s.SchemaURI) {
				c.Report(k.Pos, "$schema %q names another draft than draft-07: asyncgen, like the official AsyncAPI parser, validates this schema by draft-07 rules, and keywords only that draft knows have no effect; use %s to say what is checked", s.SchemaURI, ir.Draft07URI)
			}
		}
	})
}

// refBeneath reports whether a $ref was followed somewhere below s: some
// subschema lives outside s's own subtree (another file or pointer).
func refBeneath(s *ir.Schema) bool {
	prefix := s.Pointer + "/"
	seen := map[*ir.Schema]bool{}
	var under func(*ir.Schema) bool
	under = func(x *ir.Schema) bool {
		found := false
		x.EachChild(func(ch *ir.Schema) {
			if found || seen[ch] {
				return
			}
			seen[ch] = true
			if ch.URL != s.URL || !strings.HasPrefix(ch.Pointer, prefix) || under(ch) {
				found = true
			}
		})
		return found
	}
	return under(s)
}

// checkUnknownKeywords warns on every schema, generated or not: a typo is
// a typo wherever it is. The rules that refuse (unsupported keywords,
// formats, patterns) judge only the schemas that become Go code, so that a
// schema no code uses never blocks generation.
func checkUnknownKeywords(c *Context) {
	c.walkAllSchemas(func(s *ir.Schema) {
		for _, k := range s.Keywords {
			if Supported[k.Name] || strings.HasPrefix(k.Name, "x-") {
				continue
			}
			if _, ok := unsupported[k.Name]; ok {
				continue
			}
			c.Report(k.Pos, "%q is not a JSON Schema draft-07 keyword and has no effect on validation%s", k.Name, didYouMeanKeyword(k.Name))
		}
	})
}

// checkFormats warns about formats that generated code (and lint's
// oracle) do not check: draft-07 makes formats annotations a validator may
// ignore, so such a format never blocks generation, but a near miss of a
// checked one ("dateTime", "UUID") is most likely a typo.
func checkFormats(c *Context) {
	c.walkSchemas(func(s *ir.Schema) {
		if s.Format == "" || formats.Known(s.Format) {
			return
		}
		msg := fmt.Sprintf("format %q is not one asyncgen checks, so any value passes it", s.Format)
		if near := suggest.Closest(s.Format, formats.Names()); near != "" && !otherWidth(s.Format, near) {
			msg += fmt.Sprintf("; did you mean %q?", near)
		} else {
			msg += " (checked: " + strings.Join(formats.Names(), ", ") + ")"
		}
		c.Report(s.KeywordPos("format"), "%s", msg)
	})
}

// otherWidth reports whether two formats differ in their digits only
// (int16 and int32): a format of another width, not a typo.
func otherWidth(a, b string) bool {
	split := func(s string) (letters, digits string) {
		for _, r := range strings.ToLower(s) {
			if r >= '0' && r <= '9' {
				digits += string(r)
			} else {
				letters += string(r)
			}
		}
		return letters, digits
	}
	la, da := split(a)
	lb, db := split(b)
	return la == lb && da != db
}

// checkPatterns reports the patterns lower found Go's regexp package
// cannot compile (ir.Set.PatternErrors), pattern keywords and
// patternProperties keys alike, in the schemas that become code. The
// generated validators fail closed on them, so this is a warning by
// default: the official parser accepts such patterns, and a contract that
// has one still generates (rules: can raise it to an error).
func checkPatterns(c *Context) {
	if len(c.Set.PatternErrors) == 0 {
		return
	}
	c.walkSchemas(func(s *ir.Schema) {
		if reason := c.Set.PatternError(s.Pattern); reason != "" {
			c.Report(s.KeywordPos("pattern"), "pattern %q cannot run on Go's RE2 engine: %s%s%s", s.Pattern, reason, re2Hint(reason), failClosed)
		}
		for _, pp := range s.PatternProperties {
			if reason := c.Set.PatternError(pp.Pattern); reason != "" {
				c.Report(pp.Pos, "patternProperties key %q cannot run on Go's RE2 engine: %s%s%s", pp.Pattern, reason, re2Hint(reason), failClosed)
			}
		}
	})
}

// failClosed ends every codegen/pattern message: what the finding means
// for generated code and for lint.
const failClosed = "; generated validators reject every value it governs (fail closed), and lint does not check examples against this schema"

// re2Hint explains a compile error caused by lookaround or a
// backreference, which ECMA-262 patterns have and RE2 has not. reason is
// regexp's message without its prefix: "<syntax code>: `<expr>`".
func re2Hint(reason string) string {
	code, expr, _ := strings.Cut(reason, ": ")
	expr = strings.Trim(expr, "`")
	if code == string(syntax.ErrInvalidPerlOp) || code == string(syntax.ErrInvalidEscape) && len(expr) == 2 && expr[1] >= '1' && expr[1] <= '9' {
		return "; RE2 has no lookahead, lookbehind or backreferences, so write the pattern without them"
	}
	return ""
}
