package lint

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

var _ = register(
	Rule{ID: "naming/event-type", Category: Naming, Severity: diag.Error, Doc: "event types match naming.event_type (default: lower-case dot-separated segments)", Check: checkEventTypeName},
	Rule{ID: "naming/past-tense", Category: Naming, Severity: diag.Warning, Doc: "the last segment of an event type is a past-tense verb (events are facts)", Check: checkPastTense},
	Rule{ID: "naming/message-key", Category: Naming, Severity: diag.Error, Doc: "message keys are PascalCase", Check: checkMessageKey},
	Rule{ID: "naming/schema-key", Category: Naming, Severity: diag.Error, Doc: "schema keys are PascalCase", Check: checkSchemaKey},
	Rule{ID: "naming/property", Category: Naming, Severity: diag.Error, Doc: "payload property names follow naming.property (default snake_case)", Check: checkPropertyNames},
	Rule{ID: "naming/projection-table", Category: Naming, Severity: diag.Error, Doc: "x-projection tables end in _projection", Check: checkProjectionTable},
	Rule{ID: "naming/go-name-collision", Category: Naming, Severity: diag.Error, Doc: "no two events, types or fields get the same Go identifier after conversion", Check: checkGoCollisions},
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
}

func checkPastTense(c *Context) {
	for _, ev := range c.Set.Events {
		if ev.TypeFrom == "fallback" {
			continue
		}
		last := ev.Type[strings.LastIndex(ev.Type, ".")+1:]
		verb := last[strings.LastIndex(last, "_")+1:]
		if strings.HasSuffix(verb, "ed") || irregularPast[verb] {
			continue
		}
		c.Report(ev.TypePos, "event type %q should end in a past-tense verb (an event records what happened), such as %q", ev.Type, ev.Type[:len(ev.Type)-len(verb)]+pastOf(verb))
	}
}

func pastOf(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return v[:len(v)-1] + "ied"
	}
	return v + "ed"
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
			c.Report(ev.KeyPos, "message key %q should be PascalCase, such as %q", ev.Key, goName(ev.Key))
		}
	}
}

func checkSchemaKey(c *Context) {
	walkSchemas(c.Set, func(s *ir.Schema) {
		if s.NameFrom != "key" {
			return
		}
		key := s.Pointer[strings.LastIndex(s.Pointer, "/")+1:]
		key = strings.ReplaceAll(strings.ReplaceAll(key, "~1", "/"), "~0", "~")
		if !pascal.MatchString(key) {
			c.Report(c.Set.Locate(s.URL, s.Pointer+"/"), "schema key %q should be PascalCase, such as %q", key, s.GoName)
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
	walkSchemas(c.Set, func(s *ir.Schema) {
		for _, p := range s.Properties {
			if !re.MatchString(p.Name) {
				c.Report(p.Pos, "property %q should be %s, such as %q", p.Name, style, convertCase(p.Name, style))
			}
		}
	})
}

func convertCase(name, style string) string {
	ws := splitWords(name)
	if style == "camelCase" {
		g := goName(name)
		if g == "" {
			return name
		}
		return strings.ToLower(g[:1]) + g[1:]
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
	for _, ev := range c.Set.Events {
		names[ev.GoName] = append(names[ev.GoName], owner{fmt.Sprintf("event %q", ev.Type), ev.TypePos})
	}
	events := map[string]bool{}
	for n := range names {
		events[n] = true
	}
	walkSchemas(c.Set, func(s *ir.Schema) {
		if s.NamedType() {
			if len(names[s.GoName]) == 1 && events[s.GoName] && isEventPayload(c.Set, s) {
				// the event's own payload type carries the event's name
			} else {
				names[s.GoName] = append(names[s.GoName], owner{"schema " + quote(s.Pointer), s.Pos})
			}
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

func isEventPayload(set *ir.Set, s *ir.Schema) bool {
	for _, ev := range set.Events {
		if ev.Payload == s && ev.GoName == s.GoName {
			return true
		}
	}
	return false
}
