// Package synthtree writes synthetic contract trees in the project's style,
// for benchmarks and scale tests: per domain, an entry document whose
// domain_events channel carries message.oneOf of $refs into a
// domains/<domain>.yaml fragment, which $refs the shared
// components/metadata.yaml and components/enums.yaml. Every message is a
// domain_events envelope with one valid example, and the tree lints clean.
package synthtree

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Verbs give event types their past-tense action, so that
// naming/past-tense is satisfied.
var verbs = []string{"created", "updated", "renamed", "archived", "restored", "assigned", "moved", "approved", "rejected", "deleted"}

// Write creates, under dir, files domain fragments (domains/domain1.yaml …)
// of eventsPerFile events each, one entry document per domain
// (domain1.yaml …) and the two shared component files: files ×
// eventsPerFile events in 2×files+2 files. Event types look like
// domain17.thing42_created. The output is deterministic.
func Write(dir string, files, eventsPerFile int) error {
	if files < 1 || eventsPerFile < 1 {
		return fmt.Errorf("synthtree: need at least one domain and one event, got %d and %d", files, eventsPerFile)
	}
	for _, sub := range []string{"components", "domains"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	content := map[string]string{
		filepath.Join("components", "metadata.yaml"): metadataYAML,
		filepath.Join("components", "enums.yaml"):    enumsYAML,
	}
	for d := 1; d <= files; d++ {
		name := fmt.Sprintf("domain%d", d)
		content[name+".yaml"] = entry(d, eventsPerFile)
		content[filepath.Join("domains", name+".yaml")] = fragment(d, eventsPerFile)
	}
	for rel, text := range content {
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// event names one synthetic event.
type event struct {
	domain int
	n      int
}

func (e event) verb() string { return verbs[(e.n-1)%len(verbs)] }

// Type is the event type, e.g. domain17.thing42_created.
func (e event) Type() string { return fmt.Sprintf("domain%d.thing%d_%s", e.domain, e.n, e.verb()) }

// Key is the message key, e.g. Domain17Thing42Created.
func (e event) Key() string {
	v := e.verb()
	return fmt.Sprintf("Domain%dThing%d%s", e.domain, e.n, strings.ToUpper(v[:1])+v[1:])
}

// uuid returns a deterministic, well-formed UUID (version 4 layout).
func uuid(a, b, c int) string {
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", a*7919+b, b%0xffff, c%0xfff, (a+b+c)%0xfff, a*1_000_003+b*1_009+c)
}

func entry(d, events int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `asyncapi: 2.6.0
id: 'urn:example:synthetic:domain%[1]d'
info:
  title: Domain %[1]d events
  version: 1.%[1]d.0
  description: |
    Synthetic events of domain %[1]d, generated for benchmarks. One channel
    stands for the event store; every message is a domain_events row.
defaultContentType: application/json
tags:
  - name: domain%[1]d
channels:
  domain_events:
    description: The append-only event store.
    subscribe:
      operationId: publishDomain%[1]dEvent
      summary: A service appended an event of domain %[1]d to the store.
      message:
        oneOf:
`, d)
	for n := 1; n <= events; n++ {
		fmt.Fprintf(&b, "          - $ref: './domains/domain%d.yaml#/messages/%s'\n", d, event{d, n}.Key())
	}
	return b.String()
}

func fragment(d, events int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Domain %d: synthetic events for benchmarks.\n# Stream type `domain%d`; stream id = thing_id.\n\nmessages:\n", d, d)
	for n := 1; n <= events; n++ {
		writeMessage(&b, event{d, n})
	}
	b.WriteString("\nschemas:\n")
	for n := 1; n <= events; n++ {
		writeDataSchema(&b, event{d, n})
	}
	return b.String()
}

func writeMessage(b *strings.Builder, e event) {
	stream := fmt.Sprintf("domain%d", e.domain)
	note := "'Synthetic note.'"
	if e.n%2 == 0 {
		note = "null"
	}
	// The first event creates the stream's projection row (whole actions
	// such as "thing1_created" are no create verb).
	creates := ""
	if e.n == 1 {
		creates = "\n    x-projection: {action: insert}"
	}
	fmt.Fprintf(b, `  %[1]s:
    name: %[2]s
    title: Thing %[3]d %[4]s
    summary: Thing %[3]d of domain %[5]d was %[4]s.
    contentType: application/json%[15]s
    tags:
      - name: %[6]s
    payload:
      type: object
      additionalProperties: false
      required: [stream_id, stream_type, event_type, event_data, event_metadata]
      properties:
        stream_id: {type: string, format: uuid}
        stream_type: {type: string, const: %[6]s}
        event_type: {type: string, const: %[2]s}
        event_data: {$ref: '#/schemas/%[1]sData'}
        event_metadata:
          description: Who caused the event; the shared metadata schema.
          allOf:
            - $ref: '../components/metadata.yaml#/EventMetadata'
    examples:
      - name: typical
        payload:
          stream_id: '%[7]s'
          stream_type: %[6]s
          event_type: %[2]s
          event_data:
            org_id: '%[8]s'
            thing_id: '%[7]s'
            name: Thing %[3]d
            note: %[9]s
            status: %[10]s
            quantity: %[3]d
            price:
              amount_minor: %[11]d
              currency: EUR
            tags: [synthetic, batch-%[3]d]
            occurred_at: '2026-03-%02[12]dT12:%02[13]d:00Z'
          event_metadata:
            user_id: '%[14]s'
            source: web_app
`, e.Key(), e.Type(), e.n, e.verb(), e.domain, stream,
		uuid(e.domain, e.n, 1), uuid(e.domain, 0, 2), note, statuses[e.n%len(statuses)],
		e.n*100-5, 1+e.n%28, e.n%60, uuid(e.domain, e.n, 3), creates)
}

var statuses = []string{"draft", "active", "suspended", "closed"}

func writeDataSchema(b *strings.Builder, e event) {
	fmt.Fprintf(b, `  %[1]sData:
    type: object
    description: What changed when thing %[2]d was %[3]s.
    additionalProperties: false
    required: [org_id, thing_id, name, status, occurred_at]
    properties:
      org_id:
        type: string
        format: uuid
      thing_id:
        type: string
        format: uuid
        description: Identifier of the thing; also the stream id.
      name:
        type: string
        minLength: 1
        maxLength: %[4]d
      note:
        type: string
        maxLength: 2000
        nullable: true
      status:
        $ref: '../components/enums.yaml#/ThingStatus'
      quantity:
        type: integer
        minimum: 0
        maximum: %[5]d
      price:
        type: object
        description: Price in minor units of its currency.
        additionalProperties: false
        required: [amount_minor, currency]
        properties:
          amount_minor:
            type: integer
            minimum: -100000000
            maximum: 100000000
          currency:
            $ref: '../components/enums.yaml#/Currency'
      tags:
        type: array
        maxItems: 20
        uniqueItems: true
        items:
          type: string
          pattern: '^[a-z0-9]+(-[a-z0-9]+)*$'
      occurred_at:
        type: string
        format: date-time
`, e.Key(), e.n, e.verb(), 100+e.n, 1000*e.n)
}

const metadataYAML = `# Shared event_metadata schema for every synthetic event.

EventMetadata:
  type: object
  description: Who caused the event and why; never business data.
  required: [user_id]
  properties:
    user_id:
      type: string
      format: uuid
      description: Acting user.
    reason:
      type: string
      maxLength: 500
    correlation_id:
      type: string
      format: uuid
    causation_id:
      type: string
      format: uuid
    source:
      type: string
      enum: [web_app, mobile_app, public_api, scheduler, migration]
      default: web_app
    trace_id:
      type: string
      pattern: '^[0-9a-f]{32}$'
`

const enumsYAML = `# Enumerations shared by every synthetic domain.

ThingStatus:
  type: string
  description: Lifecycle stage of a thing.
  enum: [draft, active, suspended, closed]

Currency:
  type: string
  description: ISO 4217 currency code.
  enum: [EUR, USD, GBP, CHF, SEK, JPY]
`
