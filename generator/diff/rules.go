package diff

import "sort"

// Scope groups rules by what they compare.
type Scope string

// Scopes of the rule table.
const (
	ScopeDocument Scope = "document" // AsyncAPI document level (COMPAT.md D rows)
	ScopePayload  Scope = "payload"  // JSON Schema of payloads and headers (P rows)
	ScopeVersion  Scope = "version"  // info.version discipline (COMPAT.md §3)
	ScopeEvents   Scope = "events"   // stored events checked against the new schema
)

// Rule is one row of the diff's rule table. IDs never change once released.
type Rule struct {
	ID string
	// Row is the COMPAT.md row the rule classifies ("P18"); "P31 mirror" for
	// the reverse change of a row, "" for asyncgen's own rules.
	Row   string
	Scope Scope
	// Doc is the one-line purpose.
	Doc string
	// Bump is the version bump the change needs when it is not breaking
	// under the chosen mode (a breaking change always needs major).
	Bump Bump
	// Unclassified marks changes the table cannot judge: always a warning
	// that needs explicit acceptance (--accept) or proof (--verify-events).
	Unclassified bool
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
		{ID: "channel-added", Row: "D1", Scope: ScopeDocument, Bump: BumpMinor, Backward: carriedBackward, Doc: "a channel was added; old readers meet the event types it brings"},
		{ID: "channel-removed", Row: "D2", Scope: ScopeDocument, Bump: BumpMinor, Backward: carriedBackward, Doc: "a channel was removed; stored events of its types are still replayed"},
		{ID: "channel-renamed", Row: "D3", Scope: ScopeDocument, Bump: BumpMajor, Backward: alwaysIncompatible, Doc: "a channel carrying the same event types moved to a new name; publishers and subscribers bind to the old one"},
		{ID: "operation-added", Row: "D4", Scope: ScopeDocument, Bump: BumpMinor, Backward: carriedBackward, Doc: "a publish or subscribe operation was added"},
		{ID: "operation-removed", Row: "D5", Scope: ScopeDocument, Bump: BumpMinor, Backward: carriedBackward, Doc: "a publish or subscribe operation was removed"},
		{ID: "message-added", Row: "D6", Scope: ScopeDocument, Bump: BumpMinor, Backward: presenceBackward, Doc: "a new event type on an existing channel; old consumers must skip unknown types"},
		{ID: "message-removed", Row: "D7", Scope: ScopeDocument, Bump: BumpMinor, Backward: presenceBackward, Doc: "an event type disappeared; its stored events are still replayed, so deprecate instead"},
		{ID: "message-name-changed", Row: "D8", Scope: ScopeDocument, Bump: BumpMajor, Backward: alwaysIncompatible, Doc: "a message's name, the stored event_type, changed: a rename, not a version"},
		{ID: "annotation-changed", Row: "D9", Scope: ScopeDocument, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "title, summary, description, examples, tags or externalDocs changed"},
		{ID: "content-type-changed", Row: "D10", Scope: ScopeDocument, Bump: BumpMajor, Backward: sameValueBackward, Doc: "a message's effective contentType changed"},
		{ID: "schema-format-changed", Row: "D11", Scope: ScopeDocument, Bump: BumpPatch, Backward: schemaFormatBackward, Doc: "a message's schemaFormat changed (patch when the normalized format is the same)"},
		{ID: "headers-added", Row: "D12", Scope: ScopeDocument, Bump: BumpMinor, Backward: headersBackward, Doc: "a headers schema was added to a message (changes inside headers use the payload rules)"},
		{ID: "headers-removed", Row: "D12", Scope: ScopeDocument, Bump: BumpMinor, Backward: headersBackward, Doc: "a message's headers schema was removed"},
		{ID: "correlation-id-changed", Row: "D13", Scope: ScopeDocument, Bump: BumpMajor, Backward: sameValueBackward, Doc: "correlationId.location changed: readers look for the id in the wrong place"},
		{ID: "correlation-id-added", Row: "D13", Scope: ScopeDocument, Bump: BumpMinor, Backward: alwaysCompatible, Doc: "a correlationId was declared"},
		{ID: "correlation-id-removed", Row: "D13", Scope: ScopeDocument, Bump: BumpMinor, Backward: alwaysCompatible, Doc: "a correlationId declaration was removed"},
		{ID: "bindings-changed", Row: "D14", Scope: ScopeDocument, Bump: BumpMinor, Backward: alwaysUnknown, Unclassified: true, Doc: "protocol bindings changed (e.g. the Kafka key schema); needs review"},
		{ID: "version-changed", Row: "D15", Scope: ScopeDocument, Bump: BumpNone, Backward: alwaysCompatible, Doc: "info.version changed; never breaking by itself, checked against the computed bump"},
		{ID: "asyncapi-version-changed", Row: "D16", Scope: ScopeDocument, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "the asyncapi version changed within 2.x"},
		{ID: "extension-changed", Row: "D17", Scope: ScopeDocument, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "an x- extension changed"},
		{ID: "deprecation-changed", Row: "D18", Scope: ScopeDocument, Bump: BumpMinor, Backward: alwaysCompatible, Doc: "a message, channel or operation was deprecated (or given an x-sunset), announcing a later removal"},
		{ID: "event-stream-changed", Scope: ScopeDocument, Bump: BumpMajor, Backward: alwaysIncompatible, Doc: "an event type moved to another stream type: projections route its stored events elsewhere"},
		{ID: "unclassified-change", Scope: ScopeDocument, Bump: BumpMinor, Backward: alwaysUnknown, Unclassified: true, Doc: "a document change the table does not classify (channel parameters, security, unknown fields)"},

		// Payload and headers schemas (JSON Schema draft-07).
		{ID: "payload-property-added-to-open-model", Row: "P1", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "optional property added to an open model (strict: old events may hold the key with another type)"},
		{ID: "payload-property-added-to-closed-model", Row: "P2", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "optional property added to a closed model; old closed readers reject it"},
		{ID: "payload-property-added-to-partially-open-model", Row: "P1/P2", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "optional property added where additionalProperties or patternProperties already constrained the key"},
		{ID: "payload-required-property-added", Row: "P3", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "required property added; stored events lack it"},
		{ID: "payload-required-property-with-default-added", Row: "P4", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "required property with a default added; default is an annotation, stored events still lack it"},
		{ID: "payload-property-became-required", Row: "P5", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "an optional property became required"},
		{ID: "payload-property-became-optional", Row: "P6", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "a required property became optional"},
		{ID: "payload-property-removed-from-open-model", Row: "P7", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "optional property removed from an open model; reserve the name"},
		{ID: "payload-property-removed-from-closed-model", Row: "P8", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "optional property removed from a closed model; stored events still carry it"},
		{ID: "payload-property-removed-from-partially-open-model", Row: "P8", Scope: ScopePayload, Bump: BumpMinor, Backward: propertyBackward, Doc: "optional property removed where additionalProperties or patternProperties now govern the key"},
		{ID: "payload-required-property-removed", Row: "P9", Scope: ScopePayload, Bump: BumpMajor, Backward: propertyBackward, Doc: "required property removed; old readers need it"},
		{ID: "payload-property-renamed", Row: "P10", Scope: ScopePayload, Bump: BumpMajor, Backward: alwaysIncompatible, Doc: "a property was removed and one of the same shape added: a rename, which loses stored values"},
		{ID: "payload-type-changed", Row: "P11", Scope: ScopePayload, Bump: BumpMajor, Backward: typeBackward, Doc: "the type changed to an unrelated one"},
		{ID: "payload-type-widened", Row: "P12", Scope: ScopePayload, Bump: BumpMinor, Backward: typeBackward, Doc: "integer widened to number"},
		{ID: "payload-type-narrowed", Row: "P13", Scope: ScopePayload, Bump: BumpMinor, Backward: typeBackward, Doc: "number narrowed to integer"},
		{ID: "payload-type-union-widened", Row: "P14", Scope: ScopePayload, Bump: BumpMinor, Backward: typeBackward, Doc: "types were added to the type union (or the type constraint dropped)"},
		{ID: "payload-type-union-narrowed", Row: "P14 mirror", Scope: ScopePayload, Bump: BumpMinor, Backward: typeBackward, Doc: "types were removed from the type union (or a type constraint added)"},
		{ID: "payload-became-nullable", Row: "P15", Scope: ScopePayload, Bump: BumpMinor, Backward: typeBackward, Doc: "null became a valid value"},
		{ID: "payload-became-non-nullable", Row: "P16", Scope: ScopePayload, Bump: BumpMinor, Backward: typeBackward, Doc: "null is no longer a valid value"},
		{ID: "payload-enum-value-added", Row: "P17", Scope: ScopePayload, Bump: BumpMinor, Backward: enumValueBackward, Doc: "an enum value was added; closed-enum readers reject it"},
		{ID: "payload-enum-value-removed", Row: "P18", Scope: ScopePayload, Bump: BumpMinor, Backward: enumValueBackward, Doc: "an enum value was removed; stored events contain it"},
		{ID: "payload-open-enum-value-added", Row: "P17", Scope: ScopePayload, Bump: BumpMinor, Backward: alwaysCompatible, ReaderPromise: true, Doc: "a value was added to an enum consumers must treat as open (x-extensible-enum): readers accept values they do not know"},
		{ID: "payload-open-enum-value-removed", Row: "P18", Scope: ScopePayload, Bump: BumpMinor, Backward: openEnumValueRemovedBackward, ReaderPromise: true, Doc: "a value was removed from an open enum; stored events still hold it"},
		{ID: "payload-enum-added", Row: "P19", Scope: ScopePayload, Bump: BumpMinor, Backward: valuesWithinBackward, Doc: "an enum was introduced on a free value"},
		{ID: "payload-enum-removed", Row: "P20", Scope: ScopePayload, Bump: BumpMinor, Backward: valuesWithinBackward, Doc: "the enum constraint was removed entirely"},
		{ID: "payload-const-changed", Row: "P21", Scope: ScopePayload, Bump: BumpMajor, Backward: valuesWithinBackward, Doc: "const changed (often the type discriminator)"},
		{ID: "payload-const-added", Row: "P22", Scope: ScopePayload, Bump: BumpMinor, Backward: valuesWithinBackward, Doc: "const added"},
		{ID: "payload-const-removed", Row: "P22", Scope: ScopePayload, Bump: BumpMinor, Backward: valuesWithinBackward, Doc: "const removed"},
		{ID: "payload-format-added", Row: "P23", Scope: ScopePayload, Bump: BumpMinor, Backward: formatBackward, Doc: "format added; generated validators assert the supported formats"},
		{ID: "payload-format-changed", Row: "P24", Scope: ScopePayload, Bump: BumpMinor, Backward: formatBackward, Doc: "format changed (date → date-time rejects stored dates)"},
		{ID: "payload-format-removed", Row: "P25", Scope: ScopePayload, Bump: BumpMinor, Backward: formatBackward, Doc: "format removed"},
		{ID: "payload-pattern-added", Row: "P26", Scope: ScopePayload, Bump: BumpMinor, Backward: patternBackward, Doc: "pattern added"},
		{ID: "payload-pattern-changed", Row: "P27", Scope: ScopePayload, Bump: BumpMinor, Backward: patternBackward, Doc: "pattern changed; regex inclusion is undecidable here, prove it with --verify-events"},
		{ID: "payload-pattern-removed", Row: "P28", Scope: ScopePayload, Bump: BumpMinor, Backward: patternBackward, Doc: "pattern removed"},
		{ID: "payload-model-closed", Row: "P35", Scope: ScopePayload, Bump: BumpMinor, Backward: additionalBackward, Doc: "additionalProperties: false added; stored events with extra keys fail"},
		{ID: "payload-model-opened", Row: "P36", Scope: ScopePayload, Bump: BumpMinor, Backward: additionalBackward, Doc: "additionalProperties: false removed"},
		{ID: "payload-additional-properties-narrowed", Row: "P37", Scope: ScopePayload, Bump: BumpMinor, Backward: additionalBackward, Doc: "additionalProperties became a schema on an open model"},
		{ID: "payload-additional-properties-widened", Row: "P37 mirror", Scope: ScopePayload, Bump: BumpMinor, Backward: additionalBackward, Doc: "an additionalProperties schema was dropped"},
		{ID: "payload-pattern-property-added", Row: "P37", Scope: ScopePayload, Bump: BumpMinor, Backward: patternPropertyBackward, Doc: "a patternProperties entry now constrains matching keys"},
		{ID: "payload-pattern-property-removed", Row: "P37 mirror", Scope: ScopePayload, Bump: BumpMinor, Backward: patternPropertyBackward, Doc: "a patternProperties entry was removed"},
		{ID: "payload-unique-items-added", Row: "P38", Scope: ScopePayload, Bump: BumpMinor, Backward: uniqueBackward, Doc: "uniqueItems added"},
		{ID: "payload-unique-items-removed", Row: "P38 mirror", Scope: ScopePayload, Bump: BumpMinor, Backward: uniqueBackward, Doc: "uniqueItems removed"},
		{ID: "payload-items-added", Row: "P38", Scope: ScopePayload, Bump: BumpMinor, Backward: itemsBackward, Doc: "an items schema now constrains array elements"},
		{ID: "payload-items-removed", Row: "P38 mirror", Scope: ScopePayload, Bump: BumpMinor, Backward: itemsBackward, Doc: "the items schema was removed"},
		{ID: "payload-branch-added", Row: "P39", Scope: ScopePayload, Bump: BumpMinor, Backward: branchBackward, Doc: "a oneOf/anyOf branch disjoint from the others was added"},
		{ID: "payload-overlapping-branch-added", Row: "P40", Scope: ScopePayload, Bump: BumpMinor, Backward: branchBackward, Doc: "a oneOf branch that overlaps an existing one was added; values matching both now fail"},
		{ID: "payload-branch-removed", Row: "P41", Scope: ScopePayload, Bump: BumpMinor, Backward: branchBackward, Doc: "a oneOf/anyOf branch was removed"},
		{ID: "payload-all-of-added", Row: "P42", Scope: ScopePayload, Bump: BumpMinor, Backward: allOfBackward, Doc: "an allOf subschema was added"},
		{ID: "payload-all-of-removed", Row: "P42 mirror", Scope: ScopePayload, Bump: BumpMinor, Backward: allOfBackward, Doc: "an allOf subschema was removed"},
		{ID: "payload-annotation-changed", Row: "P45", Scope: ScopePayload, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "description, title, $comment, examples or another annotation changed"},
		{ID: "payload-default-changed", Row: "P46", Scope: ScopePayload, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "default added, changed or removed (an annotation; upcasters that inject it need review)"},
		{ID: "payload-deprecation-changed", Row: "P47", Scope: ScopePayload, Bump: BumpMinor, Backward: alwaysCompatible, Doc: "deprecated set or cleared, announcing a later removal"},
		{ID: "payload-id-changed", Row: "P48", Scope: ScopePayload, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "$id changed"},
		{ID: "payload-semantic-changed", Row: "P50", Scope: ScopePayload, Bump: BumpMajor, Backward: alwaysIncompatible, Doc: "x-unit or another semantic extension changed: same shape, different meaning; ship a new event type"},
		{ID: "payload-extension-changed", Row: "D17", Scope: ScopePayload, Bump: BumpPatch, Backward: alwaysCompatible, Doc: "an x- extension inside a schema changed"},
		{ID: "payload-keyword-changed", Scope: ScopePayload, Bump: BumpMinor, Backward: alwaysUnknown, Unclassified: true, Doc: "a keyword the table does not classify changed (not, if/then/else, contains, propertyNames, dependencies, tuples, discriminator)"},

		// Version discipline and stored events.
		{ID: "version-bump-insufficient", Row: "§3", Scope: ScopeVersion, Backward: alwaysCompatible, Doc: "info.version does not bump as much as the changes need"},
		{ID: "version-decreased", Row: "§3", Scope: ScopeVersion, Backward: alwaysCompatible, Doc: "info.version went down"},
		{ID: "stored-events-rejected", Row: "§5.7", Scope: ScopeEvents, Backward: alwaysIncompatible, Doc: "stored domain_events rows of a changed event type fail the new schema"},
	}
}

// boundFamily describes a numeric keyword pair whose tightening narrows.
type boundFamily struct {
	name          string // kebab-case facet: "min-length"
	lower         bool   // a lower bound (min*) rather than an upper one
	tighter       string // what the rule id says when it narrows
	looser        string
	row, mirror   string
	doc           string
	numericBounds bool // minimum/maximum with their exclusive forms
}

var boundFamilies = []boundFamily{
	{name: "max-length", tighter: "decreased", looser: "increased", row: "P29", mirror: "P30", doc: "maxLength"},
	{name: "min-length", lower: true, tighter: "increased", looser: "decreased", row: "P31", mirror: "P31 mirror", doc: "minLength"},
	{name: "minimum", lower: true, tighter: "raised", looser: "lowered", row: "P32", mirror: "P33", doc: "minimum or exclusiveMinimum", numericBounds: true},
	{name: "maximum", tighter: "lowered", looser: "raised", row: "P32", mirror: "P33", doc: "maximum or exclusiveMaximum", numericBounds: true},
	{name: "min-items", lower: true, tighter: "increased", looser: "decreased", row: "P38", mirror: "P38 mirror", doc: "minItems"},
	{name: "max-items", tighter: "decreased", looser: "increased", row: "P38", mirror: "P38 mirror", doc: "maxItems"},
	{name: "min-properties", lower: true, tighter: "increased", looser: "decreased", row: "P38", mirror: "P38 mirror", doc: "minProperties"},
	{name: "max-properties", tighter: "decreased", looser: "increased", row: "P38", mirror: "P38 mirror", doc: "maxProperties"},
}

func init() {
	table = baseRules()
	for _, f := range boundFamilies {
		b := boundBackward
		if f.numericBounds {
			b = numberBoundBackward
		}
		table = append(table,
			Rule{ID: "payload-" + f.name + "-" + f.tighter, Row: f.row, Scope: ScopePayload, Bump: BumpMinor, Backward: b, Doc: f.doc + " tightened"},
			Rule{ID: "payload-" + f.name + "-added", Row: f.row, Scope: ScopePayload, Bump: BumpMinor, Backward: b, Doc: f.doc + " added"},
			Rule{ID: "payload-" + f.name + "-" + f.looser, Row: f.mirror, Scope: ScopePayload, Bump: BumpMinor, Backward: b, Doc: f.doc + " relaxed"},
			Rule{ID: "payload-" + f.name + "-removed", Row: f.mirror, Scope: ScopePayload, Bump: BumpMinor, Backward: b, Doc: f.doc + " removed"},
		)
	}
	table = append(table,
		Rule{ID: "payload-multiple-of-added", Row: "P34", Scope: ScopePayload, Bump: BumpMinor, Backward: multipleOfBackward, Doc: "multipleOf added"},
		Rule{ID: "payload-multiple-of-changed", Row: "P34", Scope: ScopePayload, Bump: BumpMinor, Backward: multipleOfBackward, Doc: "multipleOf changed (compatible only when the old value is a multiple of the new)"},
		Rule{ID: "payload-multiple-of-removed", Row: "P34 mirror", Scope: ScopePayload, Bump: BumpMinor, Backward: multipleOfBackward, Doc: "multipleOf removed"},
	)
	index = make(map[string]int, len(table))
	for i, r := range table {
		if _, dup := index[r.ID]; dup {
			panic("diff: duplicate rule id " + r.ID)
		}
		index[r.ID] = i
	}
}

var index map[string]int

// Rules returns the table sorted by scope, then id.
func Rules() []Rule {
	out := append([]Rule(nil), table...)
	order := map[Scope]int{ScopeDocument: 0, ScopePayload: 1, ScopeVersion: 2, ScopeEvents: 3}
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
