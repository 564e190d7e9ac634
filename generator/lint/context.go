package lint

import (
	"fmt"
	"regexp"
	"sync"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

// Settings are the parts of the configuration rules read.
type Settings struct {
	// EventType is the pattern every event type must match.
	EventType *regexp.Regexp
	// PropertyStyle is snake_case, camelCase or any.
	PropertyStyle string
	// MetadataRequired lists the fields event_metadata must require.
	MetadataRequired []string
}

// DefaultEventType is the default event-type pattern.
const DefaultEventType = `^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`

// DefaultSettings returns the settings used without a config file.
func DefaultSettings() Settings {
	return Settings{EventType: regexp.MustCompile(DefaultEventType), PropertyStyle: "snake_case", MetadataRequired: []string{"user_id"}}
}

// Context is what a rule's check function receives.
type Context struct {
	Set      *ir.Set
	Settings Settings
	rule     string
	diags    *diag.List
	oracle   func() *oracle // built once, see jsonschema
	reached  []*ir.Schema
}

// Report records a finding of the running rule.
func (c *Context) Report(pos location.Pos, format string, args ...any) {
	c.diags.Add(pos, diag.Error, c.rule, fmt.Sprintf(format, args...))
}

// Run runs every rule with a check function that enabled says is on, and
// returns the findings with default severities (config applies overrides).
func Run(set *ir.Set, s Settings, enabled func(Rule) bool) diag.List {
	var out diag.List
	c := &Context{Set: set, Settings: s, diags: &out}
	c.oracle = sync.OnceValue(func() *oracle { return buildOracle(set) })
	// jsonschema/v5 is the slowest part of lint: when a rule needs it, it
	// starts now, on the IR that no stage writes any more, and the rules
	// that do not need it run meanwhile; those that do wait in jsonschema().
	var oracleRules, otherRules []Rule
	for _, r := range Rules() {
		switch {
		case r.Check == nil || !enabled(r):
		case r.Oracle:
			oracleRules = append(oracleRules, r)
		default:
			otherRules = append(otherRules, r)
		}
	}
	if len(oracleRules) > 0 {
		go func() {
			// Should building panic after all, the rule's own call panics
			// again on the command's goroutine, which reports it.
			defer func() { _ = recover() }()
			c.oracle()
		}()
	}
	for _, r := range append(otherRules, oracleRules...) {
		c.rule = r.ID
		start := len(out)
		r.Check(c)
		for i := start; i < len(out); i++ {
			out[i].Severity = r.Severity
		}
	}
	return out
}

// reachable lists every schema reachable from the events once, in order;
// computed once per run and shared by the rules.
func (c *Context) reachable() []*ir.Schema {
	if c.reached == nil {
		c.reached = []*ir.Schema{}
		walkAll(c.Set, func(s *ir.Schema) { c.reached = append(c.reached, s) })
	}
	return c.reached
}

// walkSchemas visits every schema reachable from the events once, in
// order: the schemas that become generated code, for the rules about it.
func (c *Context) walkSchemas(visit func(*ir.Schema)) {
	for _, s := range c.reachable() {
		visit(s)
	}
}

// walkAllSchemas visits every schema of the contracts once: those the
// events reach, then the others (headers, components and parameters,
// referenced or not; see lower's checkedSchemas), for the rules about
// what a schema says rather than the code it becomes.
func (c *Context) walkAllSchemas(visit func(*ir.Schema)) {
	seen := make(map[*ir.Schema]bool, len(c.Set.Schemas))
	for _, s := range c.reachable() {
		seen[s] = true
		visit(s)
	}
	for _, s := range c.Set.Schemas {
		if !seen[s] {
			visit(s)
		}
	}
}

func walkAll(set *ir.Set, visit func(*ir.Schema)) {
	seen := map[*ir.Schema]bool{}
	var walk func(*ir.Schema)
	walk = func(s *ir.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		visit(s)
		s.EachChild(walk)
	}
	for _, ev := range set.Events {
		walk(ev.Payload)
	}
}
