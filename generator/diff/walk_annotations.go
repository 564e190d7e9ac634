package diff

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// semanticExtensions change what a value means without changing its shape
// (COMPAT.md P50): a change needs a new event type, not a new version.
var semanticExtensions = map[string]bool{"x-unit": true, "x-currency": true, "x-timezone": true, "x-semantic": true, "x-meaning": true}

// walkedKeywords are the keywords the walker compares itself; any other
// non-extension keyword that changes is unclassified.
var walkedKeywords = map[string]bool{
	"type": true, "nullable": true, "properties": true, "required": true, "additionalProperties": true,
	"patternProperties": true, "propertyNames": true, "dependencies": true, "minProperties": true,
	"maxProperties": true, "items": true, "additionalItems": true, "contains": true, "minItems": true,
	"maxItems": true, "uniqueItems": true, "enum": true, "const": true, "format": true, "pattern": true,
	"minLength": true, "maxLength": true, "minimum": true, "maximum": true, "exclusiveMinimum": true,
	"exclusiveMaximum": true, "multipleOf": true, "allOf": true, "anyOf": true, "oneOf": true, "not": true,
	"if": true, "then": true, "else": true, "contentMediaType": true, "contentEncoding": true,
	"discriminator": true, "title": true, "description": true, "default": true, "examples": true,
	"deprecated": true, "readOnly": true, "writeOnly": true, "$comment": true, "$id": true, "$schema": true,
	"externalDocs": true, "example": true, "definitions": true, "$ref": true,
}

// annotations reports annotation-only keyword changes (COMPAT.md P45–P48).
func (x *checker) annotations(o, n *ir.Schema, at place) {
	if o.Title == n.Title && o.Description == n.Description && len(o.Examples) == 0 && len(n.Examples) == 0 &&
		o.ReadOnly == n.ReadOnly && o.WriteOnly == n.WriteOnly && o.ContentMediaType == n.ContentMediaType &&
		o.ContentEncoding == n.ContentEncoding && o.Deprecated == n.Deprecated && !o.HasDefault && !n.HasDefault {
		return
	}
	typed := []struct {
		kw     string
		ov, nv any
		rule   string
	}{
		{"title", o.Title, n.Title, "payload-annotation-changed"},
		{"description", o.Description, n.Description, "payload-annotation-changed"},
		{"examples", nilIfEmpty(o.Examples), nilIfEmpty(n.Examples), "payload-annotation-changed"},
		{"readOnly", o.ReadOnly, n.ReadOnly, "payload-annotation-changed"},
		{"writeOnly", o.WriteOnly, n.WriteOnly, "payload-annotation-changed"},
		{"contentMediaType", o.ContentMediaType, n.ContentMediaType, "payload-annotation-changed"},
		{"contentEncoding", o.ContentEncoding, n.ContentEncoding, "payload-annotation-changed"},
		{"deprecated", o.Deprecated, n.Deprecated, "payload-deprecation-changed"},
	}
	for _, t := range typed {
		if !ir.JSONEqual(t.ov, t.nv) {
			msg := fmt.Sprintf("%s changed", t.kw)
			if t.kw == "deprecated" {
				msg = "deprecated was set"
				if o.Deprecated {
					msg = "deprecated was cleared"
				}
			} else if t.kw == "description" {
				msg = "description changed; if the meaning changed, that is a new event type"
			}
			x.add(x.schemaChange(t.rule, t.kw, o, n, at, t.kw, msg).values(t.ov, t.nv, o.Has(t.kw), n.Has(t.kw)))
		}
	}
	if o.HasDefault != n.HasDefault || !ir.JSONEqual(o.Default, n.Default) {
		msg := fmt.Sprintf("default %s became %s", orAbsentValue(o.Default, o.HasDefault), orAbsentValue(n.Default, n.HasDefault))
		x.add(x.schemaChange("payload-default-changed", "default", o, n, at, "default", msg).values(o.Default, n.Default, o.HasDefault, n.HasDefault))
	}
}

func nilIfEmpty(l []any) any {
	if len(l) == 0 {
		return nil
	}
	return l
}

func orAbsentValue(v any, has bool) string {
	if !has {
		return "absent"
	}
	return render(v)
}

// extensions compares the raw keywords the IR does not type: $id,
// $comment, externalDocs, example and x- extensions.
func (x *checker) extensions(o, n *ir.Schema, at place) {
	if !hasRawKeyword(o) && !hasRawKeyword(n) {
		return
	}
	ro, rn := x.raw(o), x.raw(n)
	if ro == nil && rn == nil {
		return
	}
	keys := map[string]bool{}
	for k := range ro {
		keys[k] = true
	}
	for k := range rn {
		keys[k] = true
	}
	for _, k := range sortedKeys(keys) {
		var rule string
		switch {
		case k == "$id":
			rule = "payload-id-changed"
		case k == "$comment" || k == "externalDocs" || k == "example":
			rule = "payload-annotation-changed"
		case semanticExtensions[k]:
			rule = "payload-semantic-changed"
		case strings.HasPrefix(k, "x-"):
			rule = "payload-extension-changed"
		case !walkedKeywords[k]:
			rule = "payload-keyword-changed"
		default:
			continue
		}
		ov, oh := ro[k]
		nv, nh := rn[k]
		if oh == nh && ir.JSONEqual(ov, nv) {
			continue
		}
		if _, ol := ov.([]any); ol && k == "x-extensible-enum" {
			if _, nl := nv.([]any); nl {
				continue // values compares the two lists value by value
			}
		}
		msg := fmt.Sprintf("%s %s became %s", k, orAbsentValue(ov, oh), orAbsentValue(nv, nh))
		if rule == "payload-semantic-changed" {
			msg += "; the values keep their shape but change meaning: ship a new event type"
		}
		if rule == "payload-keyword-changed" {
			msg = fmt.Sprintf("keyword %q changed and is not classified; review it and --accept it, or prove it with --verify-events", k)
		}
		x.add(x.schemaChange(rule, k, o, n, at, k, msg).values(ov, nv, oh, nh))
	}
}

// hasRawKeyword reports whether a schema has a keyword only its raw JSON
// holds: an extension, $id, $comment, externalDocs, example or an unknown one.
func hasRawKeyword(s *ir.Schema) bool {
	for _, k := range s.Keywords {
		switch {
		case k.Name == "$id", k.Name == "$comment", k.Name == "externalDocs", k.Name == "example":
			return true
		case strings.HasPrefix(k.Name, "x-"), !walkedKeywords[k.Name]:
			return true
		}
	}
	return false
}

// unclassified reports changes of the keywords the table does not judge.
func (x *checker) unclassified(o, n *ir.Schema, at place) {
	subs := []struct {
		kw     string
		ov, nv *ir.Schema
	}{
		{"not", o.Not, n.Not}, {"if", o.If, n.If}, {"then", o.Then, n.Then}, {"else", o.Else, n.Else},
		{"contains", o.Contains, n.Contains}, {"propertyNames", o.PropertyNames, n.PropertyNames},
		{"additionalItems", o.AdditionalItems, n.AdditionalItems},
	}
	for _, s := range subs {
		if x.canonicalText(s.ov) != x.canonicalText(s.nv) {
			x.unclassifiedChange(o, n, at, s.kw)
		}
	}
	if x.tupleText(o.TupleItems) != x.tupleText(n.TupleItems) {
		x.unclassifiedChange(o, n, at, "items")
	}
	if x.dependenciesText(o) != x.dependenciesText(n) {
		x.unclassifiedChange(o, n, at, "dependencies")
	}
	if o.Discriminator != n.Discriminator {
		x.unclassifiedChange(o, n, at, "discriminator")
	}
}

func (x *checker) unclassifiedChange(o, n *ir.Schema, at place, kw string) {
	msg := fmt.Sprintf("keyword %q changed and is not classified; review it and --accept it, or prove it with --verify-events", kw)
	x.add(x.schemaChange("payload-keyword-changed", kw, o, n, at, kw, msg))
}

// canonicalText is the effective schema's canonical JSON, annotations aside.
func (x *checker) canonicalText(s *ir.Schema) string {
	if s == nil {
		return ""
	}
	return x.shape(s)
}

func (x *checker) tupleText(l []*ir.Schema) string {
	if len(l) == 0 {
		return ""
	}
	var b strings.Builder
	for _, s := range l {
		b.WriteString(x.canonicalText(s))
		b.WriteByte(';')
	}
	return b.String()
}

func (x *checker) dependenciesText(s *ir.Schema) string {
	if len(s.Dependencies) == 0 {
		return ""
	}
	m := map[string]any{}
	for _, d := range s.Dependencies {
		if d.Schema != nil {
			m[d.Property] = x.canonicalText(d.Schema)
		} else {
			m[d.Property] = d.Required
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}
