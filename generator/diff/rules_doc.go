package diff

import (
	"fmt"
	"strings"
)

// DocPath is the project's compatibility reference, relative to the
// repository root: every rule of the table with its verdicts, bump and an
// example (a test keeps it in sync with the table).
const DocPath = "docs/compatibility.md"

// DocLink is where DocPath describes a rule.
func DocLink(rule string) string { return DocPath + "#" + rule }

// ruleDoc is what the reference says about one rule beyond its purpose:
// the usual backward and forward verdicts ("yes", "no", or what they
// depend on) and a small example of the change.
type ruleDoc struct{ b, f, example string }

// ruleDocs documents every rule; init checks that none is missing.
var ruleDocs = map[string]ruleDoc{
	"channel-added":            {"yes", "no, when it brings new event types", "a channel `invoice.voided` appears"},
	"channel-removed":          {"no, unless its event types live on elsewhere", "yes", "channel `invoice.voided` disappears"},
	"channel-renamed":          {"no", "no", "channel `invoice.voided` becomes `invoice.cancelled`, carrying the same event"},
	"operation-added":          {"yes", "no, when it brings new event types", "a channel gains a `publish` operation"},
	"operation-removed":        {"no, unless its event types live on elsewhere", "yes", "a channel loses its `subscribe` operation"},
	"message-added":            {"yes", "no", "`message.oneOf` gains `invoice.voided`"},
	"message-removed":          {"no", "yes", "`invoice.voided` leaves `message.oneOf`"},
	"message-name-changed":     {"no", "no", "message `name: invoice.voided` becomes `invoice.cancelled`"},
	"annotation-changed":       {"yes", "yes", "a message's `summary` is reworded"},
	"content-type-changed":     {"no", "no", "`contentType: application/json` becomes `application/avro`"},
	"schema-format-changed":    {"yes when both name JSON Schema draft-07, else no", "same as backward", "`application/schema+json;version=draft-07` becomes `application/vnd.aai.asyncapi+json;version=2.6.0`"},
	"headers-added":            {"no, unless the headers schema accepts anything", "yes", "a message gains `headers: {type: object, required: [trace_id]}`"},
	"headers-removed":          {"yes", "no, unless the headers schema accepted anything", "a message's `headers` schema is deleted"},
	"correlation-id-changed":   {"no", "no", "`correlationId.location: $message.header#/trace_id` becomes `…#/request_id`"},
	"correlation-id-added":     {"yes", "yes", "a message gains `correlationId: {location: $message.header#/trace_id}`"},
	"correlation-id-removed":   {"yes", "yes", "a message's `correlationId` is deleted"},
	"bindings-changed":         {"unknown: needs review", "unknown: needs review", "the Kafka binding's `key` schema changes"},
	"version-changed":          {"yes", "yes", "`info.version: 1.2.0` becomes `1.3.0` with nothing else changed"},
	"asyncapi-version-changed": {"yes", "yes", "`asyncapi: 2.5.0` becomes `2.6.0`"},
	"extension-changed":        {"yes", "yes", "a message's `x-owner: billing` becomes `x-owner: finance`"},
	"deprecation-changed":      {"yes", "yes", "a message gains `x-sunset: 2027-01-01`"},
	"event-stream-changed":     {"no", "no", "`x-stream-type: invoice` becomes `billing`"},
	"unclassified-change":      {"unknown: needs review", "unknown: needs review", "a channel's `parameters` change"},

	"payload-property-added-to-open-model":               {"yes (lenient); with --content-model strict, no unless the property accepts anything", "yes", "`properties: {note: {type: string}}` added where `additionalProperties` is absent"},
	"payload-property-added-to-closed-model":             {"yes", "no", "`note` added where `additionalProperties: false`"},
	"payload-property-added-to-partially-open-model":     {"yes when the property's schema accepts what `additionalProperties` did", "yes when `additionalProperties` accepts what the property does", "`note: {type: string}` added where `additionalProperties: {type: string}`"},
	"payload-required-property-added":                    {"no", "yes in an open model, no in a closed one", "`amount` added to `properties` and `required`"},
	"payload-required-property-with-default-added":       {"no", "yes in an open model, no in a closed one", "`currency: {type: string, default: EUR}` added to `properties` and `required`"},
	"payload-property-became-required":                   {"no", "yes", "`required: [id]` becomes `required: [id, note]`"},
	"payload-property-became-optional":                   {"yes", "no", "`required: [id, note]` becomes `required: [id]`"},
	"payload-property-removed-from-open-model":           {"yes", "yes (lenient); with --content-model strict, no", "optional `legacy` deleted where `additionalProperties` is absent"},
	"payload-property-removed-from-closed-model":         {"no", "yes", "optional `legacy` deleted where `additionalProperties: false`"},
	"payload-property-removed-from-partially-open-model": {"yes when `additionalProperties` accepts what the property did", "yes when the property accepted what `additionalProperties` does", "optional `legacy: {type: string}` deleted where `additionalProperties: {type: integer}`"},
	"payload-required-property-removed":                  {"yes in an open model, no in a closed one", "no", "`amount` deleted from `properties` and `required`"},
	"payload-property-renamed":                           {"no", "no", "`customer_id` deleted and `client_id` of the same shape added"},
	"payload-type-changed":                               {"no", "no", "`type: integer` becomes `type: string`"},
	"payload-type-widened":                               {"yes", "no", "`type: integer` becomes `type: number`"},
	"payload-type-narrowed":                              {"no", "yes", "`type: number` becomes `type: integer`"},
	"payload-type-union-widened":                         {"yes", "no", "`type: string` becomes `type: [string, integer]`"},
	"payload-type-union-narrowed":                        {"no", "yes", "`type: [string, integer]` becomes `type: string`"},
	"payload-became-nullable":                            {"yes", "no", "`type: string` becomes `type: [string, 'null']` (or gains `nullable: true`)"},
	"payload-became-non-nullable":                        {"no", "yes", "`type: [string, 'null']` becomes `type: string`"},
	"payload-enum-value-added":                           {"yes", "no", "`enum: [draft, paid]` becomes `enum: [draft, paid, refunded]`"},
	"payload-enum-value-removed":                         {"no", "yes", "`enum: [draft, paid, refunded]` becomes `enum: [draft, paid]`"},
	"payload-open-enum-value-added":                      {"yes", "yes: readers of an open enum accept values they do not know", "`x-extensible-enum: [draft, paid]` becomes `[draft, paid, refunded]`"},
	"payload-open-enum-value-removed":                    {"no", "yes", "`x-extensible-enum: [draft, paid, refunded]` becomes `[draft, paid]`"},
	"payload-enum-added":                                 {"no", "yes", "`type: string` gains `enum: [draft, paid]`"},
	"payload-enum-removed":                               {"yes", "no", "`enum: [draft, paid]` is deleted"},
	"payload-const-changed":                              {"no", "no", "`const: v1` becomes `const: v2` (or `enum: [v1]` becomes `enum: [v2]`)"},
	"payload-const-added":                                {"no, unless old events could hold only that value", "yes", "`type: string` gains `const: v1`"},
	"payload-const-removed":                              {"yes", "no, unless new events can hold only that value", "`const: v1` is deleted"},
	"payload-format-added":                               {"no for the formats the generated validators check, unknown for others", "yes", "`type: string` gains `format: uuid`"},
	"payload-format-changed":                             {"yes when every old value fits the new format (int32 → int64), else no", "the same, swapped", "`format: date` becomes `format: date-time`"},
	"payload-format-removed":                             {"yes", "no for checked formats, unknown for others", "`format: uuid` is deleted"},
	"payload-pattern-added":                              {"no", "yes", "`type: string` gains `pattern: '^[A-Z]{3}$'`"},
	"payload-pattern-changed":                            {"unknown: prove it with --verify-events", "unknown", "`pattern: '^[A-Z]{3}$'` becomes `'^[A-Z]{2,3}$'`"},
	"payload-pattern-removed":                            {"yes", "no", "`pattern: '^[A-Z]{3}$'` is deleted"},
	"payload-model-closed":                               {"no", "yes", "an object gains `additionalProperties: false`"},
	"payload-model-opened":                               {"yes", "no", "`additionalProperties: false` is deleted"},
	"payload-additional-properties-narrowed":             {"no, unless the schema accepts anything", "yes", "an open object gains `additionalProperties: {type: string}`"},
	"payload-additional-properties-widened":              {"yes", "no, unless the schema accepted anything", "`additionalProperties: {type: string}` is deleted"},
	"payload-pattern-property-added":                     {"no, unless the old schema for those keys fits", "yes", "an object gains `patternProperties: {'^x-': {type: string}}`"},
	"payload-pattern-property-removed":                   {"yes, unless `additionalProperties` rejects those keys", "no, unless the schema accepted anything", "`patternProperties: {'^x-': {type: string}}` is deleted"},
	"payload-unique-items-added":                         {"no", "yes", "an array gains `uniqueItems: true`"},
	"payload-unique-items-removed":                       {"yes", "no", "`uniqueItems: true` is deleted"},
	"payload-items-added":                                {"no, unless the items schema accepts anything", "yes", "`type: array` gains `items: {type: string}`"},
	"payload-items-removed":                              {"yes", "no, unless the items schema accepted anything", "`items: {type: string}` is deleted"},
	"payload-branch-added":                               {"yes (for oneOf, only when the branch overlaps no other)", "no", "`oneOf: [card, transfer]` becomes `oneOf: [card, transfer, voucher]`"},
	"payload-overlapping-branch-added":                   {"no, or unknown when the overlap cannot be decided", "yes", "`oneOf: [{type: string}]` gains `{type: string, maxLength: 3}`"},
	"payload-branch-removed":                             {"no, unless another branch accepts its values", "yes, unless the removed oneOf branch overlaps one that stays", "`oneOf: [card, transfer, voucher]` becomes `oneOf: [card, transfer]`"},
	"payload-all-of-added":                               {"no, unless an old member implies it", "yes", "`allOf: [Base]` gains a member with a second `oneOf`"},
	"payload-all-of-removed":                             {"yes", "no, unless a new member implies it", "an `allOf` member that could not be merged is deleted"},
	"payload-annotation-changed":                         {"yes", "yes", "a property's `description` is reworded"},
	"payload-default-changed":                            {"yes", "yes", "`default: EUR` becomes `default: USD`"},
	"payload-deprecation-changed":                        {"yes", "yes", "a property gains `deprecated: true`"},
	"payload-id-changed":                                 {"yes", "yes", "`$id: …/v1/order.json` becomes `…/v2/order.json`"},
	"payload-semantic-changed":                           {"no", "no", "`x-unit: cents` becomes `x-unit: euros`"},
	"payload-extension-changed":                          {"yes", "yes", "a property's `x-pii: false` becomes `x-pii: true`"},
	"payload-keyword-changed":                            {"unknown: needs review", "unknown: needs review", "a schema's `not` or `if`/`then`/`else` changes"},
	"payload-multiple-of-added":                          {"no", "yes", "`type: number` gains `multipleOf: 0.01`"},
	"payload-multiple-of-changed":                        {"yes when the old value is a multiple of the new, else no", "the same, swapped", "`multipleOf: 0.5` becomes `multipleOf: 0.25`"},
	"payload-multiple-of-removed":                        {"yes", "no", "`multipleOf: 0.01` is deleted"},

	"version-bump-insufficient": {"—", "—", "breaking changes ship with `info.version: 1.3.0` after `1.2.0`"},
	"version-decreased":         {"—", "—", "`info.version: 1.3.0` becomes `1.2.0`"},
	"stored-events-rejected":    {"no", "—", "`--verify-events` finds stored `invoice.voided` rows without the new required `reason`"},
	"accept-unused":             {"—", "—", "`diff.accept` names `payload-enum-value-removed` for `order.placed`, which has no such change"},
	"accept-expired":            {"—", "—", "an entry with `until: 2026-06-30` on 2026-07-01"},
}

// boundDocs documents the generated rules of one bound family.
func boundDocs(f boundFamily) {
	kw := f.doc
	if i := strings.Index(kw, " "); i > 0 {
		kw = kw[:i]
	}
	small, large := "5", "10"
	tight, loose := large, small // old → new for a tightening
	if f.lower {
		tight, loose = small, large
	}
	ruleDocs["payload-"+f.name+"-"+f.tighter] = ruleDoc{"no", "yes", fmt.Sprintf("`%s: %s` becomes `%s: %s`", kw, tight, kw, loose)}
	ruleDocs["payload-"+f.name+"-added"] = ruleDoc{"no", "yes", fmt.Sprintf("`%s: %s` is added", kw, small)}
	ruleDocs["payload-"+f.name+"-"+f.looser] = ruleDoc{"yes", "no", fmt.Sprintf("`%s: %s` becomes `%s: %s`", kw, loose, kw, tight)}
	ruleDocs["payload-"+f.name+"-removed"] = ruleDoc{"yes", "no", fmt.Sprintf("`%s: %s` is deleted", kw, small)}
	if f.lower && !f.numericBounds {
		d := ruleDocs["payload-"+f.name+"-added"]
		d.b = "no (yes for 0)"
		ruleDocs["payload-"+f.name+"-added"] = d
	}
}

// Verdicts are the rule's usual backward and forward verdicts, shortly:
// yes, no, or "depends" (docs/compatibility.md says on what).
func (r Rule) Verdicts() (backward, forward string) {
	short := func(s string) string {
		switch {
		case s == "yes" || s == "no" || s == "—":
			return s
		case strings.HasPrefix(s, "unknown"):
			return "unknown"
		}
		return "depends"
	}
	d := ruleDocs[r.ID]
	return short(d.b), short(d.f)
}

// verdictCell writes a verdict text for the reference table.
func verdictCell(s string) string {
	switch {
	case s == "yes":
		return "✅"
	case s == "no":
		return "❌"
	case strings.HasPrefix(s, "yes"):
		return "✅ " + strings.TrimLeft(s[3:], ",:; ")
	case strings.HasPrefix(s, "no"):
		return "❌ " + strings.TrimLeft(s[2:], ",:; ")
	case strings.HasPrefix(s, "unknown"):
		return "⚠ " + strings.TrimLeft(s[7:], ",:; ")
	}
	return s
}

// RulesMarkdown is the rule table of the reference: one row per rule,
// with an anchor named after the rule id.
func RulesMarkdown() string {
	var b strings.Builder
	b.WriteString("| rule | scope | what changed | backward | forward | bump if not breaking | example |\n|---|---|---|---|---|---|---|\n")
	for _, r := range Rules() {
		d := ruleDocs[r.ID]
		bump := r.Bump.String()
		switch {
		case r.Scope == ScopeVersion || r.Scope == ScopeAccept:
			bump = "—"
		case r.Unclassified:
			bump += " once accepted"
		}
		fmt.Fprintf(&b, "| <a id=\"%s\"></a>`%s` | %s | %s | %s | %s | %s | %s |\n", r.ID, r.ID, r.Scope,
			mdEscape(r.Doc), verdictCell(d.b), verdictCell(d.f), bump, strings.ReplaceAll(d.example, "|", `\|`))
	}
	return b.String()
}
