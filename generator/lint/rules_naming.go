package lint

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ident"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/jsonpointer"
	"github.com/asyncgen/asyncgen/generator/location"
)

// RuleEventType checks event types against naming.event_type; the event
// store's CHECK constraints enforce the pattern only while it is an error.
const RuleEventType = "naming/event-type"

var _ = register(
	Rule{ID: RuleEventType, Category: Naming, Severity: diag.Error, Doc: "event types match naming.event_type (default: lower-case dot-separated segments)", Check: checkEventTypeName},
	Rule{ID: "naming/past-tense", Category: Naming, Severity: diag.Warning, Doc: "the last segment of an event type is a past-tense verb (events are facts)", Check: checkPastTense},
	Rule{ID: "naming/message-key", Category: Naming, Severity: diag.Error, Doc: "message keys are PascalCase", Check: checkMessageKey},
	Rule{ID: "naming/schema-key", Category: Naming, Severity: diag.Error, Doc: "schema keys are PascalCase", Check: checkSchemaKey},
	Rule{ID: "naming/property", Category: Naming, Severity: diag.Error, Doc: "payload property names follow naming.property (default snake_case)", Check: checkPropertyNames},
	Rule{ID: "naming/projection-table", Category: Naming, Severity: diag.Error, Doc: "x-projection tables end in _projection", Check: checkProjectionTable},
	Rule{ID: "naming/go-reserved", Category: Naming, Severity: diag.Error, Doc: "no event, type or enum constant takes a name the generated registry reserves (Event, Decode, Append, EventTypes, EventType… constants …)", Check: checkGoReserved},
	Rule{ID: "naming/go-name-collision", Category: Naming, Severity: diag.Error, Doc: "no two events, types (an event's payload keeps its schema name as an alias), enum constants, enum value lists or fields get the same Go identifier after conversion", Check: checkGoCollisions},
)

func quote(s string) string { return strconv.Quote(s) }

func checkEventTypeName(c *Context) {
	for _, ev := range c.Set.Events {
		if ev.TypeFrom == "fallback" {
			continue
		}
		if !c.Settings.EventType.MatchString(ev.Type) {
			c.Report(ev.TypePos, "event type %q must match %s", ev.Type, c.Settings.EventType)
		}
	}
}

var irregularPast = map[string]bool{
	"sent": true, "paid": true, "built": true, "made": true, "held": true, "set": true, "reset": true,
	"put": true, "begun": true, "done": true, "won": true, "lost": true, "found": true, "sold": true,
	"bought": true, "left": true, "read": true, "run": true, "shut": true, "split": true, "spent": true,
	"taken": true, "given": true, "written": true, "frozen": true, "chosen": true, "drawn": true, "withdrawn": true,
	"pending": true, "due": true, "overdue": true, "overridden": true, "undone": true, "rebuilt": true, "resent": true, "upheld": true, "forgotten": true,
	"laid": true, "cut": true, "broken": true,
}

// particles end phrasal verbs: in "signed_up" the verb is "signed".
var particles = map[string]bool{"up": true, "out": true, "off": true, "down": true, "in": true, "over": true, "back": true, "away": true}

func checkPastTense(c *Context) {
	for _, ev := range c.Set.Events {
		if ev.TypeFrom == "fallback" {
			continue
		}
		last := ev.Type[strings.LastIndex(ev.Type, ".")+1:]
		words := strings.Split(last, "_")
		verb := words[len(words)-1]
		if len(words) > 1 && particles[verb] {
			verb = words[len(words)-2]
		}
		if strings.HasSuffix(verb, "ed") || irregularPast[verb] {
			continue
		}
		tail := words[len(words)-1]
		c.Report(ev.TypePos, "event type %q should end in a past-tense verb (an event records what happened), such as %q", ev.Type, ev.Type[:len(ev.Type)-len(tail)]+pastOf(tail))
	}
}

// pastForms are the past participles of irregular verbs, for suggestions
// (and of phrasal verbs written as one word with "in").
var pastForms = map[string]string{
	"send": "sent", "pay": "paid", "build": "built", "make": "made", "hold": "held", "set": "set",
	"reset": "reset", "put": "put", "begin": "begun", "do": "done", "win": "won", "lose": "lost",
	"find": "found", "sell": "sold", "buy": "bought", "leave": "left", "read": "read", "run": "run",
	"shut": "shut", "split": "split", "spend": "spent", "take": "taken", "give": "given",
	"write": "written", "freeze": "frozen", "choose": "chosen", "draw": "drawn", "withdraw": "withdrawn",
	"override": "overridden", "undo": "undone", "rebuild": "rebuilt", "resend": "resent",
	"uphold": "upheld", "forget": "forgotten", "lay": "laid", "cut": "cut", "break": "broken",
	"login": "logged_in", "signin": "signed_in", "checkin": "checked_in", "optin": "opted_in",
}

// pastOf suggests the past tense of the last word of an event type:
// irregular verbs (send → sent), phrasal verbs written as one word
// (signup → signed_up, checkout → checked_out) and the doubled consonant
// of one-syllable verbs (stop → stopped). It is a suggestion, not a rule.
func pastOf(v string) string {
	if p, ok := pastForms[v]; ok {
		return p
	}
	for _, particle := range []string{"up", "out", "off", "down"} {
		base := strings.TrimSuffix(v, particle)
		// the base must look like a verb: "group" and "scout" are not "gro"+"up"
		if base != v && len(base) >= 3 && !strings.ContainsRune("aiou", rune(base[len(base)-1])) && strings.ContainsAny(base, "aeiouy") {
			return pastOf(base) + "_" + particle
		}
	}
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return v[:len(v)-1] + "ied"
	case doublesConsonant(v):
		return v + v[len(v)-1:] + "ed"
	}
	return v + "ed"
}

// doublesConsonant reports whether v is one syllable ending in a single
// vowel and a consonant (stop, plan, log), whose -ed form doubles it.
func doublesConsonant(v string) bool {
	isVowel := func(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }
	n := len(v)
	if n < 3 || strings.IndexByte("wxy", v[n-1]) >= 0 || isVowel(v[n-1]) || !isVowel(v[n-2]) || isVowel(v[n-3]) {
		return false
	}
	groups := 0
	for i := 0; i < n; i++ {
		if isVowel(v[i]) && (i == 0 || !isVowel(v[i-1])) {
			groups++
		}
	}
	return groups == 1
}

var pascal = regexp.MustCompile(`^[A-Z][a-zA-Z0-9]*$`)

func checkMessageKey(c *Context) {
	seen := map[location.Pos]bool{}
	for _, ev := range c.Set.Events {
		if ev.Key == "" || seen[ev.KeyPos] {
			continue
		}
		seen[ev.KeyPos] = true
		if !pascal.MatchString(ev.Key) {
			c.Report(ev.KeyPos, "message key %q should be PascalCase, such as %q", ev.Key, ev.GoName)
		}
	}
}

func checkSchemaKey(c *Context) {
	c.walkSchemas(func(s *ir.Schema) {
		if s.NameFrom != "key" {
			return
		}
		key := jsonpointer.Last(s.Pointer)
		if !pascal.MatchString(key) {
			c.Report(schemaKeyPos(c, s), "schema key %q should be PascalCase, such as %q", key, s.GoName)
		}
	})
}

var (
	snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	camelCase = regexp.MustCompile(`^[a-z][a-zA-Z0-9]*$`)
)

func checkPropertyNames(c *Context) {
	re, style := snakeCase, c.Settings.PropertyStyle
	switch style {
	case "any", "":
		return
	case "camelCase":
		re = camelCase
	}
	c.walkSchemas(func(s *ir.Schema) {
		for _, p := range s.Properties {
			if !re.MatchString(p.Name) {
				c.Report(p.Pos, "property %q should be %s, such as %q", p.Name, style, convertCase(p.Name, style))
			}
		}
	})
}

func convertCase(name, style string) string {
	ws := ident.Words(name)
	if style == "camelCase" {
		if len(ws) == 0 {
			return name
		}
		out := strings.ToLower(ws[0])
		for _, w := range ws[1:] {
			out += strings.ToUpper(w[:1]) + strings.ToLower(w[1:])
		}
		return out
	}
	return strings.ToLower(strings.Join(ws, "_"))
}

func checkProjectionTable(c *Context) {
	for _, ev := range c.Set.Events {
		if p := ev.Projection; p != nil && p.Table != "" && !strings.HasSuffix(p.Table, "_projection") {
			c.Report(p.TablePos, "projection table %q must end in _projection, such as %q", p.Table, strings.TrimSuffix(p.Table, "s")+"_projection")
		}
	}
}

// checkGoCollisions finds identifiers that collide after conversion: event
// names (and so EventType constants), named types, and struct fields.
func checkGoCollisions(c *Context) {
	type owner struct {
		what string
		pos  location.Pos
	}
	names := map[string][]owner{}
	types := map[string]bool{}
	for _, ev := range c.Set.Events {
		// One message reached from two channels is one event, and a second
		// definition of an event type is versioning/duplicate-event-type.
		if types[ev.Type] {
			continue
		}
		types[ev.Type] = true
		names[ev.GoName] = append(names[ev.GoName], owner{fmt.Sprintf("event %q", ev.Type), ev.TypePos})
	}
	events := map[string]bool{}
	for n := range names {
		events[n] = true
	}
	c.walkSchemas(func(s *ir.Schema) {
		if s.NamedType() {
			if len(names[s.GoName]) == 1 && events[s.GoName] && isEventPayload(c.Set, s) {
				// the event's own payload type carries the event's name
			} else {
				names[s.GoName] = append(names[s.GoName], owner{"schema " + quote(s.Pointer), schemaKeyPos(c, s)})
			}
		}
		eachEnumConstant(s, func(name, value string) {
			names[name] = append(names[name], owner{fmt.Sprintf("value %q of enum %q", value, s.Pointer), s.KeywordPos("enum")})
		})
		if values := enumValuesName(s); values != "" {
			names[values] = append(names[values], owner{fmt.Sprintf("the list of values of enum %q", s.Pointer), s.KeywordPos("enum")})
		}
		fields := map[string]*ir.Property{}
		for _, p := range s.Properties {
			if q, ok := fields[p.GoName]; ok {
				c.Report(p.Pos, "properties %q and %q both become Go field %s (line %d); rename one", q.Name, p.Name, p.GoName, q.Pos.Line)
			}
			fields[p.GoName] = p
		}
	})
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		os := names[k]
		for i := 1; i < len(os); i++ {
			c.Report(os[i].pos, "%s and %s (%s) both become Go name %s; rename one or give it a title", os[i].what, os[0].what, os[0].pos, k)
		}
	}
}

// schemaKeyPos is the position of the key a schema is defined under (the
// schema's own position for a file's root or an array item).
func schemaKeyPos(c *Context, s *ir.Schema) location.Pos {
	if p := c.Set.Locate(s.URL, s.Pointer); p.Line > 0 {
		return p
	}
	return s.Pos
}

func isEventPayload(set *ir.Set, s *ir.Schema) bool {
	for _, ev := range set.Events {
		if ev.Payload == s && ev.GoName == s.GoName {
			return true
		}
	}
	return false
}

// checkGoReserved refuses Go names that the generated registry already
// uses, instead of letting the generator rename them silently.
func checkGoReserved(c *Context) {
	reserved := map[string]string{}
	for _, n := range ir.ReservedGoNames {
		reserved[n] = "the registry"
	}
	for _, ev := range c.Set.Events {
		reserved["EventType"+ev.GoName] = fmt.Sprintf("the constant of event %q", ev.Type)
	}
	for _, ev := range c.Set.Events {
		if what, ok := reserved[ev.GoName]; ok {
			c.Report(ev.TypePos, "event %q would become Go type %s, a name taken by %s in the generated package; rename the message", ev.Type, ev.GoName, what)
		}
	}
	c.walkSchemas(func(s *ir.Schema) {
		if !s.NamedType() {
			return
		}
		if what, ok := reserved[s.GoName]; ok {
			c.Report(schemaKeyPos(c, s), "schema %q would become Go type %s, a name taken by %s in the generated package; rename it or give it a title", s.Pointer, s.GoName, what)
		}
	})
	c.walkSchemas(func(s *ir.Schema) {
		eachEnumConstant(s, func(name, value string) {
			if what, ok := reserved[name]; ok {
				c.Report(s.KeywordPos("enum"), "value %q of enum %q would become Go constant %s, a name taken by %s in the generated package; rename the enum or give it a title", value, s.Pointer, name, what)
			}
		})
		if values := enumValuesName(s); reserved[values] != "" {
			c.Report(s.KeywordPos("enum"), "the values of enum %q would be listed as Go variable %s, a name taken by %s in the generated package; rename the enum or give it a title", s.Pointer, values, reserved[values])
		}
	})
}

// enumValuesName is the Go name of a named string enum's list of values
// (RoleValues), or "".
func enumValuesName(s *ir.Schema) string {
	if len(s.GoEnum) == 0 || len(s.Types) != 1 || s.Types[0] != "string" {
		return ""
	}
	return s.GoName + "Values"
}

// eachEnumConstant calls visit with the Go constant the generator declares
// for each value of a named string enum (the type's name followed by the
// value's suffix lower decided) and the value itself.
func eachEnumConstant(s *ir.Schema, visit func(name, value string)) {
	if len(s.GoEnum) == 0 || len(s.Types) != 1 || s.Types[0] != "string" {
		return // not a named string enum (ir.Schema.NamedType)
	}
	for i, v := range s.Enum {
		if str, ok := v.(string); ok && i < len(s.GoEnum) && s.GoEnum[i] != "" {
			visit(s.GoName+s.GoEnum[i], str)
		}
	}
}
