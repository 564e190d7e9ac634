package generator_test

import (
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
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
		want    string
	}{
		{"default", nil, diag.Error, pattern},
		{"naming off", []string{"naming"}, diag.Error, ""},
		{"rule a warning", nil, diag.Warning, ""},
		{"rule off", nil, diag.Off, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := lintResultWith(t, dir, func(cfg *config.Config) {
				if c.rule != diag.Error {
					cfg.Rules["naming/event-type"] = c.rule
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
