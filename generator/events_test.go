package generator_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
)

// lintResult lints dir (its own contracts root) with categories off.
func lintResult(t *testing.T, dir string, disable ...string) *generator.Result {
	t.Helper()
	return lintResultWith(t, dir, func(*config.Config) {}, disable...)
}

// lintResultWith is lintResult with the default config changed by edit.
func lintResultWith(t *testing.T, dir string, edit func(*config.Config), disable ...string) *generator.Result {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default(abs)
	cfg.Contracts = abs
	edit(cfg)
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: abs, Disable: disable})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// eventTypes lists the run's event types in IR order.
func eventTypes(res *generator.Result) []string {
	var out []string
	for _, ev := range res.IR.Events {
		out = append(out, ev.Type)
	}
	return out
}

// TestMessageRefToOneOfExpands: a subscribe message that $refs the publish
// side's oneOf, and a oneOf item that $refs a message oneOf, name the same
// events as the publish side, once each, and default lint (naming aside)
// is clean.
func TestMessageRefToOneOfExpands(t *testing.T) {
	res := lintResult(t, "../testdata/lint/message-ref-oneof/contracts", "naming")
	for _, d := range res.Diagnostics {
		if d.Severity != diag.Info {
			t.Errorf("%s: %s: %s [%s]", d.Pos, d.Severity, d.Message, d.Rule)
		}
	}
	want := []string{"invoice.issued", "invoice.paid", "order.cancelled", "order.placed", "order.shipped"}
	if got := eventTypes(res); !reflect.DeepEqual(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}
