package generator_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/ir"
)

// TestEventTypeCheckFollowsLint: the event store checks event types
// against naming.event_type exactly when lint enforced it as an error.
func TestEventTypeCheckFollowsLint(t *testing.T) {
	dir := "../testdata/gen/sql-basic/contracts"
	pattern := `^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`
	for _, c := range []struct {
		name    string
		disable []string
		rule    diag.Severity // naming/event-type override; Error means none
		ignore  bool          // an ignore: entry for naming/event-type
		want    string
	}{
		{"default", nil, diag.Error, false, pattern},
		{"naming off", []string{"naming"}, diag.Error, false, ""},
		{"rule a warning", nil, diag.Warning, false, ""},
		{"rule off", nil, diag.Off, false, ""},
		{"rule ignored somewhere", nil, diag.Error, true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := lintResultWith(t, dir, func(cfg *config.Config) {
				if c.rule != diag.Error {
					cfg.Rules["naming/event-type"] = c.rule
				}
				if c.ignore {
					cfg.Ignore = append(cfg.Ignore, config.Ignore{Rule: "naming/event-type", Pattern: "legacy/**", Path: "legacy/**"})
				}
			}, c.disable...)
			if res.EventTypeCheck != c.want {
				t.Errorf("EventTypeCheck = %q, want %q", res.EventTypeCheck, c.want)
			}
			o := generator.SQLOptions(config.Default(t.TempDir()), res)
			if o.NoEventTypeCheck != (c.want == "") {
				t.Errorf("NoEventTypeCheck = %v", o.NoEventTypeCheck)
			}
		})
	}
}

// TestSQLNamesFitAndAreUnique: whatever the contracts (long MQTT topics,
// long PascalCase names, names equal after sanitising, properties holding
// $), every SQL name lower decides fits PostgreSQL's 63 bytes and has one
// owner in its namespace, and a second run decides the same names.
func TestSQLNamesFitAndAreUnique(t *testing.T) {
	for _, dir := range []string{"../testdata/gen/sql-long-names/contracts", "../testdata/gen/sql-rejected/contracts", "../testdata/lint/sql-names/contracts"} {
		names := func() []string {
			res := lintResult(t, dir, "naming")
			var out []string
			functions, relations := map[string]string{}, map[string]string{}
			claim := func(ns map[string]string, name, owner string) {
				out = append(out, name)
				if len(name) > 63 || name == "" {
					t.Errorf("%s: %s name %q does not fit PostgreSQL", dir, owner, name)
				}
				if prev, ok := ns[name]; ok && prev != owner {
					t.Errorf("%s: %q names both %s and %s", dir, name, prev, owner)
				}
				ns[name] = owner
			}
			for _, st := range res.IR.Streams {
				claim(functions, st.SQL.Router, "router "+st.Name)
				for _, es := range st.SQL.Events {
					claim(functions, es.Handler, "handler "+es.Event.Type)
					claim(functions, es.Hook, "hook "+es.Event.Type)
				}
				for _, tb := range st.SQL.Tables {
					claim(relations, tb.Name, "table "+tb.Name)
					columns := map[string]string{}
					for i, c := range append([]*ir.Column{tb.Key}, tb.Columns...) {
						claim(columns, c.Name, fmt.Sprintf("column %d of %s", i, tb.Name))
					}
					for _, ix := range tb.Indexes {
						claim(relations, ix.Name, "index "+tb.Name+"."+ix.Column)
					}
				}
			}
			return out
		}
		first, second := names(), names()
		if strings.Join(first, " ") != strings.Join(second, " ") {
			t.Errorf("%s: two runs decided different names", dir)
		}
	}
}
