package diff

import "sort"

// Scope groups rules by what they compare.
type Scope string

// Scopes of the rule table.
const (
	ScopeDocument Scope = "document" // AsyncAPI document level: channels, operations, messages
	ScopePayload  Scope = "payload"  // JSON Schema of payloads and headers
	ScopeVersion  Scope = "version"  // info.version discipline
	ScopeEvents   Scope = "events"   // stored events checked against the new schema
	ScopeAccept   Scope = "accept"   // accepted changes (diff.accept) that no longer apply
)

// Rule is one row of the diff's rule table. IDs never change once released.
type Rule struct {
	ID    string
	Scope Scope
	// Doc is the one-line purpose.
	Doc string
	// Bump is the version bump the change needs when it is not breaking
	// under the chosen mode (a breaking change always needs major).
	Bump Bump
	// Unclassified marks changes the table cannot judge: always a warning
	// that needs explicit acceptance (--accept) or proof (--verify-events).
	Unclassified bool
	// Severity is the default severity of the rules no verdict judges
	// (version discipline, accepted changes, stored events); config
	// rules: changes it, like any rule's.
	Severity Severity
	// ReaderPromise marks rules whose forward verdict rests on a promise
	// old readers made (an open enum accepts values added later), which a
	// new reader does not make about values it dropped: the one place the
	// forward verdict is not the backward verdict of the swapped change.
	ReaderPromise bool
	// Backward reports whether every event valid under old stays valid under
	// new, for the aspect the rule covers. The forward verdict is always
	// Backward(new, old): the two directions cannot disagree by construction.
	Backward check
}

// check is a rule's backward verdict on one change.
type check func(x *checker, old, new *operand) Verdict

// table is the rule table; it is built in init because the checks use it.
var table []Rule

func baseRules() []Rule {
	return []Rule{
		// AsyncAPI document level.
		{ID: "channel-added", Scope: ScopeDocument, Bump: BumpMinor, Backward: carriedBackward, Doc: "a channel was added; old readers meet the event types it brings"},
		{ID: "channel-removed", Scope: ScopeDocument, Bump: BumpMinor, Backward: carriedBackward, Doc: "a channel was removed; stored events of its types are still replayed"},
		{ID: "channel-renamed", Scope: ScopeDocument, Bump: BumpMajor, Backward: alwaysIncompatible, Doc: "a channel carrying the same event types moved to a new name; publishers and subscribers bind to the old one"},
		{ID: "operation-added", Scope: ScopeDocument, Bump: BumpMinor, Backward: carriedBackward, Doc: "a publish or subscribe operation was added"},
		{ID: "operation-removed", Scope: ScopeDocument, Bump: BumpMinor, Backward: carriedBackward, Doc: "a publish or subscribe operation was removed"},
		{ID: "message-added", Scope: ScopeDocument, Bump: BumpMinor, Backward: presenceBackward, Doc: "a new event type on an existing channel; old consumers must skip unknown types"},
		{ID: "message-removed", Scope: ScopeDocument, Bump: BumpMinor, Backward: presenceBackward, Doc: "an event type disappeared; its stored events are still replayed, so deprecate instead"},
		{ID: "message-name-changed", Scope: ScopeDocument, Bump: BumpMajor, Backward: alwaysIncompatible, Doc: "a message's name, the stored event_type, changed: a rename, not a version"},
		{ID: "annotation-changed", Scope: ScopeDocument, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "title, summary, description, examples, tags or externalDocs changed"},
		{ID: "content-type-changed", Scope: ScopeDocument, Bump: BumpMajor, Backward: sameValueBackward, Doc: "a message's effective contentType changed"},
		{ID: "schema-format-changed", Scope: ScopeDocument, Bump: BumpPatch, Backward: schemaFormatBackward, Doc: "a message's schemaFormat changed (patch when the normalized format is the same)"},
		{ID: "headers-added", Scope: ScopeDocument, Bump: BumpMinor, Backward: headersBackward, Doc: "a headers schema was added to a message (changes inside headers use the payload rules)"},
		{ID: "headers-removed", Scope: ScopeDocument, Bump: BumpMinor, Backward: headersBackward, Doc: "a message's headers schema was removed"},
		{ID: "correlation-id-changed", Scope: ScopeDocument, Bump: BumpMajor, Backward: sameValueBackward, Doc: "correlationId.location changed: readers look for the id in the wrong place"},
		{ID: "correlation-id-added", Scope: ScopeDocument, Bump: BumpMinor, Backward: alwaysCompatible, Doc: "a correlationId was declared"},
		{ID: "correlation-id-removed", Scope: ScopeDocument, Bump: BumpMinor, Backward: alwaysCompatible, Doc: "a correlationId declaration was removed"},
		{ID: "bindings-changed", Scope: ScopeDocument, Bump: BumpMinor, Backward: alwaysUnknown, Unclassified: true, Doc: "protocol bindings changed (e.g. the Kafka key schema); needs review"},
		{ID: "version-changed", Scope: ScopeDocument, Bump: BumpNone, Backward: alwaysCompatible, Doc: "info.version changed; never breaking by itself, checked against the computed bump"},
		{ID: "asyncapi-version-changed", Scope: ScopeDocument, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "the asyncapi version changed within 2.x"},
		{ID: "extension-changed", Scope: ScopeDocument, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "an x- extension changed"},
		{ID: "deprecation-changed", Scope: ScopeDocument, Bump: BumpMinor, Backward: alwaysCompatible, Doc: "a message, channel or operation was deprecated (or given an x-sunset), announcing a later removal"},
		{ID: "event-stream-changed", Scope: ScopeDocument, Bump: BumpMajor, Backward: alwaysIncompatible, Doc: "an event type moved to another stream type: projections route its stored events elsewhere"},
		{ID: "unclassified-change", Scope: ScopeDocument, Bump: BumpMinor, Backward: alwaysUnknown, Unclassified: true, Doc: "a document change the table does not classify (channel parameters, security, unknown fields)"},

		// Payload and headers schemas (JSON Schema draft-07).
		{ID: "payload-property-added-to-open-model", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "optional property added to an open model (strict: old events may hold the key with another type)"},
		{ID: "payload-property-added-to-closed-model", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "optional property added to a closed model; old closed readers reject it"},
		{ID: "payload-property-added-to-partially-open-model", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "optional property added where additionalProperties or patternProperties already constrained the key"},
		{ID: "payload-required-property-added", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "required property added; stored events lack it"},
		{ID: "payload-required-property-with-default-added", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "required property with a default added; default is an annotation, stored events still lack it"},
		{ID: "payload-property-became-required", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "an optional property became required"},
		{ID: "payload-property-became-optional", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "a required property became optional"},
		{ID: "payload-property-removed-from-open-model", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "optional property removed from an open model; reserve the name"},
		{ID: "payload-property-removed-from-closed-model", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "optional property removed from a closed model; stored events still carry it"},
		{ID: "payload-property-removed-from-partially-open-model", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "optional property removed where additionalProperties or patternProperties now govern the key"},
		{ID: "payload-required-property-removed", Scope: ScopePayload, Bump: BumpMajor, Backward: propertyBackward, Doc: "required property removed; old readers need it"},
		{ID: "payload-property-renamed", Scope: ScopePayload, Bump: BumpMajor, Backward: alwaysIncompatible, Doc: "a property was removed and one of the same shape added: a rename, which loses stored values"},
		{ID: "payload-type-changed", Scope: ScopePayload, Bump: BumpMajor, Backward: typeBackward, Doc: "the type changed to an unrelated one"},
		{ID: "payload-type-widened", Scope: ScopePayload, Bump: BumpMinor, Backward: typeBackward, Doc: "integer widened to number"},
		{ID: "payload-type-narrowed", Scope: ScopePayload, Bump: BumpMinor, Backward: typeBackward, Doc: "number narrowed to integer"},
		{ID: "payload-type-union-widened", Scope: ScopePayload, Bump: BumpMinor, Backward: typeBackward, Doc: "types were added to the type union (or the type constraint dropped)"},
		{ID: "payload-type-union-narrowed", Scope: ScopePayload, Bump: BumpMinor, Backward: typeBackward, Doc: "types were removed from the type union (or a type constraint added)"},
		{ID: "payload-became-nullable", Scope: ScopePayload, Bump: BumpMinor, Backward: typeBackward, Doc: "null became a valid value"},
		{ID: "payload-became-non-nullable", Scope: ScopePayload, Bump: BumpMinor, Backward: typeBackward, Doc: "null is no longer a valid value"},
		{ID: "payload-enum-value-added", Scope: ScopePayload, Bump: BumpMinor, Backward: enumValueBackward, Doc: "an enum value was added; closed-enum readers reject it"},
		{ID: "payload-enum-value-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: enumValueBackward, Doc: "an enum value was removed; stored events contain it"},
		{ID: "payload-open-enum-value-added", Scope: ScopePayload, Bump: BumpMinor, Backward: alwaysCompatible, ReaderPromise: true, Doc: "a value was added to an enum consumers must treat as open (x-extensible-enum): readers accept values they do not know"},
		{ID: "payload-open-enum-value-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: openEnumValueRemovedBackward, ReaderPromise: true, Doc: "a value was removed from an open enum; stored events still hold it"},
		{ID: "payload-enum-added", Scope: ScopePayload, Bump: BumpMinor, Backward: valuesWithinBackward, Doc: "an enum was introduced on a free value"},
		{ID: "payload-enum-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: valuesWithinBackward, Doc: "the enum constraint was removed entirely"},
		{ID: "payload-const-changed", Scope: ScopePayload, Bump: BumpMajor, Backward: valuesWithinBackward, Doc: "const changed (often the type discriminator)"},
		{ID: "payload-const-added", Scope: ScopePayload, Bump: BumpMinor, Backward: valuesWithinBackward, Doc: "const added"},
		{ID: "payload-const-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: valuesWithinBackward, Doc: "const removed"},
		{ID: "payload-format-added", Scope: ScopePayload, Bump: BumpMinor, Backward: formatBackward, Doc: "format added; generated validators assert the supported formats"},
		{ID: "payload-format-changed", Scope: ScopePayload, Bump: BumpMinor, Backward: formatBackward, Doc: "format changed (date → date-time rejects stored dates)"},
		{ID: "payload-format-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: formatBackward, Doc: "format removed"},
		{ID: "payload-pattern-added", Scope: ScopePayload, Bump: BumpMinor, Backward: patternBackward, Doc: "pattern added"},
		{ID: "payload-pattern-changed", Scope: ScopePayload, Bump: BumpMinor, Backward: patternBackward, Doc: "pattern changed; regex inclusion is undecidable here, prove it with --verify-events"},
		{ID: "payload-pattern-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: patternBackward, Doc: "pattern removed"},
		{ID: "payload-model-closed", Scope: ScopePayload, Bump: BumpMinor, Backward: additionalBackward, Doc: "additionalProperties: false added; stored events with extra keys fail"},
		{ID: "payload-model-opened", Scope: ScopePayload, Bump: BumpMinor, Backward: additionalBackward, Doc: "additionalProperties: false removed"},
		{ID: "payload-additional-properties-narrowed", Scope: ScopePayload, Bump: BumpMinor, Backward: additionalBackward, Doc: "additionalProperties became a schema on an open model"},
		{ID: "payload-additional-properties-widened", Scope: ScopePayload, Bump: BumpMinor, Backward: additionalBackward, Doc: "an additionalProperties schema was dropped"},
		{ID: "payload-pattern-property-added", Scope: ScopePayload, Bump: BumpMinor, Backward: patternPropertyBackward, Doc: "a patternProperties entry now constrains matching keys"},
		{ID: "payload-pattern-property-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: patternPropertyBackward, Doc: "a patternProperties entry was removed"},
		{ID: "payload-unique-items-added", Scope: ScopePayload, Bump: BumpMinor, Backward: uniqueBackward, Doc: "uniqueItems added"},
		{ID: "payload-unique-items-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: uniqueBackward, Doc: "uniqueItems removed"},
		{ID: "payload-items-added", Scope: ScopePayload, Bump: BumpMinor, Backward: itemsBackward, Doc: "an items schema now constrains array elements"},
		{ID: "payload-items-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: itemsBackward, Doc: "the items schema was removed"},
		{ID: "payload-branch-added", Scope: ScopePayload, Bump: BumpMinor, Backward: branchBackward, Doc: "a oneOf/anyOf branch disjoint from the others was added"},
		{ID: "payload-overlapping-branch-added", Scope: ScopePayload, Bump: BumpMinor, Backward: branchBackward, Doc: "a oneOf branch that overlaps an existing one was added; values matching both now fail"},
		{ID: "payload-branch-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: branchBackward, Doc: "a oneOf/anyOf branch was removed"},
		{ID: "payload-all-of-added", Scope: ScopePayload, Bump: BumpMinor, Backward: allOfBackward, Doc: "an allOf subschema was added"},
		{ID: "payload-all-of-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: allOfBackward, Doc: "an allOf subschema was removed"},
		{ID: "payload-annotation-changed", Scope: ScopePayload, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "description, title, $comment, examples or another annotation changed"},
		{ID: "payload-default-changed", Scope: ScopePayload, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "default added, changed or removed (an annotation; upcasters that inject it need review)"},
		{ID: "payload-deprecation-changed", Scope: ScopePayload, Bump: BumpMinor, Backward: alwaysCompatible, Doc: "deprecated set or cleared, announcing a later removal"},
		{ID: "payload-id-changed", Scope: ScopePayload, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "$id changed"},
		{ID: "payload-semantic-changed", Scope: ScopePayload, Bump: BumpMajor, Backward: alwaysIncompatible, Doc: "x-unit or another semantic extension changed: same shape, different meaning; ship a new event type"},
		{ID: "payload-extension-changed", Scope: ScopePayload, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "an x- extension inside a schema changed"},
		{ID: "payload-keyword-changed", Scope: ScopePayload, Bump: BumpMinor, Backward: alwaysUnknown, Unclassified: true, Doc: "a keyword the table does not classify changed (not, if/then/else, contains, propertyNames, dependencies, tuples, discriminator)"},

		// Version discipline and stored events.
		{ID: "version-bump-insufficient", Scope: ScopeVersion, Severity: Warning, Backward: alwaysCompatible, Doc: "info.version does not bump as much as the changes need"},
		{ID: "version-decreased", Scope: ScopeVersion, Severity: Warning, Backward: alwaysCompatible, Doc: "info.version went down"},
		{ID: "stored-events-rejected", Scope: ScopeEvents, Severity: Error, Bump: BumpMajor, Backward: alwaysIncompatible, Doc: "stored domain_events rows of a changed event type fail the new schema"},
		{ID: "accept-unused", Scope: ScopeAccept, Severity: Warning, Backward: alwaysCompatible, Doc: "an accepted change (diff.accept or --accept) matches no finding"},
		{ID: "accept-expired", Scope: ScopeAccept, Severity: Warning, Backward: alwaysCompatible, Doc: "an accepted change is past its until date and no longer applies"},
	}
}

// boundFamily describes a numeric keyword pair whose tightening narrows.
type boundFamily struct {
	name          string // kebab-case facet: "min-length"
	lower         bool   // a lower bound (min*) rather than an upper one
	tighter       string // what the rule id says when it narrows
	looser        string
	doc           string
	numericBounds bool // minimum/maximum with their exclusive forms
}

var boundFamilies = []boundFamily{
	{name: "max-length", tighter: "decreased", looser: "increased", doc: "maxLength"},
	{name: "min-length", lower: true, tighter: "increased", looser: "decreased", doc: "minLength"},
	{name: "minimum", lower: true, tighter: "raised", looser: "lowered", doc: "minimum or exclusiveMinimum", numericBounds: true},
	{name: "maximum", tighter: "lowered", looser: "raised", doc: "maximum or exclusiveMaximum", numericBounds: true},
	{name: "min-items", lower: true, tighter: "increased", looser: "decreased", doc: "minItems"},
	{name: "max-items", tighter: "decreased", looser: "increased", doc: "maxItems"},
	{name: "min-properties", lower: true, tighter: "increased", looser: "decreased", doc: "minProperties"},
	{name: "max-properties", tighter: "decreased", looser: "increased", doc: "maxProperties"},
}

func init() {
	table = baseRules()
	for _, f := range boundFamilies {
		b := boundBackward
		if f.numericBounds {
			b = numberBoundBackward
		}
		table = append(table,
			Rule{ID: "payload-" + f.name + "-" + f.tighter, Scope: ScopePayload, Bump: BumpMinor, Backward: b, Doc: f.doc + " tightened"},
			Rule{ID: "payload-" + f.name + "-added", Scope: ScopePayload, Bump: BumpMinor, Backward: b, Doc: f.doc + " added"},
			Rule{ID: "payload-" + f.name + "-" + f.looser, Scope: ScopePayload, Bump: BumpMinor, Backward: b, Doc: f.doc + " relaxed"},
			Rule{ID: "payload-" + f.name + "-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: b, Doc: f.doc + " removed"},
		)
	}
	table = append(table,
		Rule{ID: "payload-multiple-of-added", Scope: ScopePayload, Bump: BumpMinor, Backward: multipleOfBackward, Doc: "multipleOf added"},
		Rule{ID: "payload-multiple-of-changed", Scope: ScopePayload, Bump: BumpMinor, Backward: multipleOfBackward, Doc: "multipleOf changed (compatible only when the old value is a multiple of the new)"},
		Rule{ID: "payload-multiple-of-removed", Scope: ScopePayload, Bump: BumpMinor, Backward: multipleOfBackward, Doc: "multipleOf removed"},
	)
	for _, f := range boundFamilies {
		boundDocs(f)
	}
	index = make(map[string]int, len(table))
	for i, r := range table {
		if _, dup := index[r.ID]; dup {
			panic("diff: duplicate rule id " + r.ID)
		}
		if _, ok := ruleDocs[r.ID]; !ok {
			panic("diff: rule " + r.ID + " is missing from ruleDocs (rules_doc.go)")
		}
		index[r.ID] = i
	}
}

var index map[string]int

// Rules returns the table sorted by scope, then id.
func Rules() []Rule {
	out := append([]Rule(nil), table...)
	order := map[Scope]int{ScopeDocument: 0, ScopePayload: 1, ScopeVersion: 2, ScopeEvents: 3, ScopeAccept: 4}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Scope != out[j].Scope {
			return order[out[i].Scope] < order[out[j].Scope]
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Lookup finds a rule by id.
func Lookup(id string) (Rule, bool) {
	i, ok := index[id]
	if !ok {
		return Rule{}, false
	}
	return table[i], true
}
