// Package generator is the facade that runs asyncgen's stages in order:
// source → spec → lower → ir → lint (and later the emitters). The command
// line calls it and never knows the stage order.
package generator

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/lint"
	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/lower"
	"github.com/asyncgen/asyncgen/generator/source"
	"github.com/asyncgen/asyncgen/generator/spec"
)

// Options select what one run reads.
type Options struct {
	Config *config.Config
	// Paths replace the configured contracts directory when set.
	Paths []string
	// Disable lists rule categories to switch off (added to the config's).
	Disable []string
	// Cwd is the working directory (display paths are relative to it).
	Cwd string
	// MaxNodes bounds the expanded size of one file (0: default).
	MaxNodes int
	// ParseGCPercent, when positive, raises GOGC while files are parsed;
	// see spec.Loader.ParseGCPercent. The command line sets it.
	ParseGCPercent int
	// AllowEmpty accepts input without any AsyncAPI document (a diff
	// baseline from before the first contract); otherwise that is an
	// error (spec/no-documents), so that generate never wipes its outputs.
	AllowEmpty bool
}

// Result is the outcome of linting.
type Result struct {
	Diagnostics diag.List
	IR          *ir.Set
	// EventTypeCheck is the naming.event_type pattern lint enforced, as an
	// error, on every event type; "" when naming/event-type was off or a
	// warning. The event store's CHECK constraints enforce exactly this, so
	// that SQL generated for what lint accepted always applies.
	EventTypeCheck string
}

// LoadConfig finds and reads the configuration for cwd.
func LoadConfig(explicit, cwd string) (*config.Config, diag.List, error) {
	path := config.Find(explicit, cwd)
	display := func(p string) string { return location.Display(cwd, p) }
	validRule := func(id string) bool {
		_, lintRule := lint.Lookup(id)
		_, diffRule := diff.Lookup(id)
		return lintRule || diffRule
	}
	validCat := func(c string) bool { return ValidCategory(c) }
	cfg, ds, err := config.Load(path, cwd, display, validRule, validCat)
	if err != nil || cfg == nil {
		return cfg, ds, err
	}
	return cfg, append(ds, checkIgnores(cfg)...), nil
}

// ValidCategory reports whether c names a rule category.
func ValidCategory(c string) bool {
	for _, k := range lint.Categories {
		if string(k) == c {
			return true
		}
	}
	return false
}

// Lint loads, lowers and checks the contracts.
func Lint(o Options) (*Result, error) {
	cfg := o.Config
	paths := o.Paths
	root := cfg.Contracts
	if len(paths) == 0 {
		if _, err := os.Stat(cfg.Contracts); err != nil {
			return nil, fmt.Errorf("contracts directory %s: %w", location.Display(o.Cwd, cfg.Contracts), unwrap(err))
		}
		paths = []string{cfg.Contracts}
	} else {
		abs := make([]string, len(paths))
		for i, p := range paths {
			abs[i] = p
			if !filepath.IsAbs(p) {
				abs[i] = filepath.Join(o.Cwd, p)
			}
			if _, err := os.Stat(abs[i]); err != nil {
				return nil, fmt.Errorf("%s: %w", p, unwrap(err))
			}
		}
		paths = abs
		for i := range paths {
			if !location.Inside(cfg.Contracts, paths[i]) {
				root = o.Cwd
			}
		}
	}
	files, err := spec.ContractFiles(paths)
	if err != nil {
		return nil, err
	}
	l := spec.NewLoader(root, o.Cwd)
	l.MaxNodes = o.MaxNodes
	l.MaxFileSize = cfg.Limits.MaxFileSize
	l.MaxTokens = cfg.Limits.MaxTokens
	l.ParseGCPercent = o.ParseGCPercent
	set := spec.Load(l, files)
	if !o.AllowEmpty {
		l.RequireDocuments(set, paths)
	}
	irSet, lowerDiags := lower.LowerWith(set, lower.Options{EventStore: cfg.SQL.EventStore, TenantColumn: cfg.SQL.TenantColumn, NoTenant: cfg.SQL.NoTenant,
		Initialisms: cfg.Go.Initialisms, CreateVerbs: cfg.SQL.CreateVerbs})

	disabled := map[string]bool{}
	for _, c := range append(append([]string(nil), cfg.Disable...), o.Disable...) {
		disabled[c] = true
	}
	settings := lint.DefaultSettings()
	settings.EventType = mustRegexp(cfg.Naming.EventType, settings.EventType.String())
	settings.PropertyStyle = cfg.Naming.Property
	settings.MetadataRequired = cfg.MetadataRequired
	enabled := func(r lint.Rule) bool {
		if disabled[string(r.Category)] {
			return false
		}
		if sev, ok := cfg.Rules[r.ID]; ok && sev == diag.Off {
			return false
		}
		return true
	}
	all := append(append(diag.List(nil), l.Diags...), lowerDiags...)
	all = append(all, lint.Run(irSet, settings, enabled)...)
	all = applySeverities(all, cfg, disabled)
	parsed := map[string]*source.File{}
	for _, f := range l.Files() {
		parsed[f.Path] = f
	}
	ig := ignoreRun{cfg: cfg, files: parsed, partial: len(o.Paths) > 0,
		abs: func(display string) string {
			if filepath.IsAbs(display) {
				return display
			}
			return filepath.Join(o.Cwd, display)
		},
		ran: func(rule string) bool {
			r, ok := lint.Lookup(rule)
			return ok && enabled(r)
		},
	}
	kept, unused := ig.apply(all)
	kept = append(kept, applySeverities(unused, cfg, disabled)...)
	res := &Result{Diagnostics: diag.Sort(kept), IR: irSet}
	if r, ok := lint.Lookup(lint.RuleEventType); ok && enabled(r) && severity(r, cfg) == diag.Error && !ignored(cfg, r.ID) {
		res.EventTypeCheck = settings.EventType.String()
	}
	return res, nil
}

// severity is a rule's severity after config overrides.
func severity(r lint.Rule, cfg *config.Config) diag.Severity {
	if sev, ok := cfg.Rules[r.ID]; ok && !r.Fatal {
		return sev
	}
	return r.Severity
}

// ignored reports whether an ignore: entry names the rule (so that lint no
// longer enforces it everywhere).
func ignored(cfg *config.Config, rule string) bool {
	for _, ig := range cfg.Ignore {
		if ig.Rule == rule {
			return true
		}
	}
	return false
}

// applySeverities applies categories and config overrides to every
// diagnostic; fatal rules keep their severity.
func applySeverities(in diag.List, cfg *config.Config, disabled map[string]bool) diag.List {
	out := in[:0]
	for _, d := range in {
		r, ok := lint.Lookup(d.Rule)
		if !ok {
			// A rule missing from the table is a bug; keep the finding visible.
			out = append(out, d)
			continue
		}
		if !r.Fatal {
			if disabled[string(r.Category)] {
				continue
			}
			if _, ok := cfg.Rules[r.ID]; ok {
				if d.Severity = severity(r, cfg); d.Severity == diag.Off {
					continue
				}
			}
		}
		out = append(out, d)
	}
	return out
}

func unwrap(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
