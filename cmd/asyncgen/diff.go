package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/baseline"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/lint"
	"github.com/asyncgen/asyncgen/generator/registry"
)

// diffCommand classifies schema changes against a baseline.
func diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "classify schema changes against a baseline: a directory, git:<rev>[:<subdir>], a snapshot file or postgres://… (every registered version)",
		ArgsUsage: "[PATH...]",
		Flags: append(compatFlags("text, json, markdown, github or sarif"),
			&cli.StringFlag{Name: "against", Usage: "the baseline `BASE`: a directory, git:<rev>[:<subdir>], a snapshot file, or postgres://…"},
			&cli.BoolFlag{Name: "list", Usage: "print the rule table (rule, scope, backward and forward verdicts, bump when not breaking; see " + diff.DocPath + ") and exit"},
		),
		Action: func(c *cli.Context) error {
			if c.Bool("list") {
				printDiffRules(c.App.Writer)
				return nil
			}
			if c.String("against") == "" {
				return usageErr("diff needs --against BASE (a directory, git:<rev>[:<subdir>], a snapshot file or postgres://…)")
			}
			cfg, cwd, format, err := compatSetup(c, diff.Formats)
			if err != nil {
				return err
			}
			opts, failOn, err := diffOptions(c, cfg)
			if err != nil {
				return err
			}
			res, err := lintNew(c, cfg, cwd, false)
			if err != nil {
				return err
			}
			timeouts, err := dbTimeouts(c)
			if err != nil {
				return err
			}
			base, err := baseline.Load(c.Context, c.String("against"), baseline.Options{Config: cfg, Cwd: cwd, Timeouts: timeouts})
			if err != nil {
				return usageErr("%v", err)
			}
			cur := diff.NewSide(res.IR, "new")
			report := diff.Compare(base, cur, opts)
			if err := verifyEvents(c, cfg, cur, report, opts); err != nil {
				return err
			}
			if err := diff.Write(c.App.Writer, format, report, versionString()); err != nil {
				return usageErr("%v", err)
			}
			if report.Count(failOn) > 0 {
				return &exitError{code: exitFindings}
			}
			return nil
		},
	}
}

// compatFlags are the flags diff and register share.
func compatFlags(formats string) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "config file (default: asyncgen.yaml, searched upward from the working directory)"},
		&cli.StringFlag{Name: "format", Usage: "output format: " + formats, Value: "text"},
		disableFlag(),
		&cli.StringFlag{Name: "mode", Usage: "compatibility mode: " + strings.Join(diff.ModeNames, ", "), Value: "backward-transitive"},
		&cli.StringFlag{Name: "content-model", Usage: "policy for undeclared properties: lenient or strict", Value: "lenient"},
		&cli.StringFlag{Name: "fail-on", Usage: "exit 1 on findings at or above `SEVERITY`: error or warning", Value: "error"},
		&cli.StringSliceFlag{Name: "accept", Usage: "accept a finding by `FINGERPRINT`, RULE or RULE@EVENT_TYPE (repeatable; checked-in entries go under diff.accept in asyncgen.yaml)"},
		&cli.StringFlag{Name: "verify-events", Usage: "validate stored domain_events of changed event types against the new schema (`DSN`)"},
		&cli.IntFlag{Name: "sample", Usage: "with --verify-events, check at most `N` random events per type (evidence, not proof)"},
		&cli.DurationFlag{Name: "timeout", Usage: "bound on connecting to the database and on each statement (`DURATION`, e.g. 30s); default: the DSN's connect_timeout and statement_timeout, else 10s to connect and 1m per statement"},
	}
}

// dbTimeouts reads --timeout: one bound for connecting and for each
// statement; unset, the DSN's settings or the defaults apply.
func dbTimeouts(c *cli.Context) (registry.Timeouts, error) {
	d := c.Duration("timeout")
	if c.IsSet("timeout") && d <= 0 {
		return registry.Timeouts{}, usageErr("--timeout must be positive, got %s", d)
	}
	return registry.Timeouts{Connect: d, Statement: d}, nil
}

// compatSetup reads the config like setup does, with the command's own formats.
func compatSetup(c *cli.Context, formats []string) (*config.Config, string, string, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, "", "", usageErr("%v", err)
	}
	format := c.String("format")
	if !validFormat(format, formats) {
		return nil, "", "", usageErr("unknown --format %q (want %s)", format, strings.Join(formats, ", "))
	}
	cfg, ds, err := generator.LoadConfig(flagValue(c, "config"), cwd)
	if err != nil {
		return nil, "", "", usageErr("%v", err)
	}
	if len(ds) > 0 {
		_ = diag.Write(c.App.ErrWriter, "text", diag.Sort(ds), nil, versionString())
		if ds.HasErrors() {
			return nil, "", "", &exitError{code: exitUsage, err: errors.New("invalid configuration")}
		}
	}
	return cfg, cwd, format, nil
}

// diffOptions reads the flags diff and register share, with the config's
// accepted changes (diff.accept) and rule severities (rules:).
func diffOptions(c *cli.Context, cfg *config.Config) (diff.Options, diff.Severity, error) {
	mode, err := diff.ParseMode(c.String("mode"))
	if err != nil {
		return diff.Options{}, 0, usageErr("--mode: %v", err)
	}
	cm, err := diff.ParseContentModel(c.String("content-model"))
	if err != nil {
		return diff.Options{}, 0, usageErr("--content-model: %v", err)
	}
	failOn, err := diff.ParseSeverity(c.String("fail-on"))
	if err != nil || failOn == diff.Info {
		return diff.Options{}, 0, usageErr("--fail-on: want error or warning, got %q", c.String("fail-on"))
	}
	if c.Int("sample") < 0 || (c.IsSet("sample") && c.String("verify-events") == "") {
		return diff.Options{}, 0, usageErr("--sample N needs --verify-events DSN and N ≥ 0")
	}
	opts := diff.Options{Mode: mode, ContentModel: cm, Today: time.Now(), Severity: map[string]diff.Severity{}}
	for _, e := range cfg.Diff.Accept {
		opts.Accept = append(opts.Accept, diff.Accept{Rule: e.Rule, Event: e.Event, Pointer: e.Pointer, Fingerprint: e.Fingerprint, Reason: e.Reason, Until: e.Until, Pos: e.Pos})
	}
	for _, a := range c.StringSlice("accept") {
		for _, v := range strings.Split(a, ",") {
			if v = strings.TrimSpace(v); v != "" {
				opts.Accept = append(opts.Accept, diff.ParseAcceptFlag(v))
			}
		}
	}
	for id, sev := range cfg.Rules {
		if _, ok := diff.Lookup(id); ok {
			opts.Severity[id] = [...]diff.Severity{diag.Error: diff.Error, diag.Warning: diff.Warning, diag.Off: diff.Off}[sev]
		}
	}
	return opts, failOn, nil
}

// lintNew loads the new contracts. Errors that make the model unreliable
// (spec, schema, fatal) stop the command; with strict (register) every
// lint error does.
func lintNew(c *cli.Context, cfg *config.Config, cwd string, strict bool) (*generator.Result, error) {
	disable, err := disabledCategories(c)
	if err != nil {
		return nil, err
	}
	res, err := generator.Lint(generator.Options{Config: cfg, Paths: c.Args().Slice(), Disable: disable, Cwd: cwd})
	if err != nil {
		return nil, usageErr("%v", err)
	}
	if res.Diagnostics.HasErrors() {
		var errs diag.List
		for _, d := range res.Diagnostics {
			r, known := lint.Lookup(d.Rule)
			blocking := strict || !known || r.Fatal || r.Category == lint.Spec || r.Category == lint.Schema
			if d.Severity == diag.Error && blocking {
				errs = append(errs, d)
			}
		}
		if len(errs) > 0 {
			_ = diag.Write(c.App.ErrWriter, "text", errs, nil, versionString())
			return nil, &exitError{code: exitFindings, err: fmt.Errorf("the contracts have lint errors (%d); fix them first", len(errs))}
		}
	}
	return res, nil
}

// verifyEvents runs --verify-events and records the results in the report.
func verifyEvents(c *cli.Context, cfg *config.Config, cur *diff.Side, report *diff.Report, opts diff.Options) error {
	o := verifyOptions(c, cfg)
	if o == nil {
		return nil
	}
	results, err := registry.Verify(c.Context, *o, cur, report.ChangedEvents())
	if err != nil {
		return usageErr("%v", err)
	}
	report.ApplyVerification(results, opts)
	return nil
}

func verifyOptions(c *cli.Context, cfg *config.Config) *registry.VerifyOptions {
	dsn := c.String("verify-events")
	if dsn == "" {
		return nil
	}
	timeouts, _ := dbTimeouts(c) // checked by the command first
	return &registry.VerifyOptions{DSN: dsn, Schema: cfg.SQL.Schema, Table: cfg.SQL.EventStore, Sample: c.Int("sample"), Timeouts: timeouts}
}

// printDiffRules prints the diff's rule table; docs/compatibility.md
// describes each rule with an example.
func printDiffRules(w io.Writer) {
	fmt.Fprintf(w, "Each rule is described, with an example, in %s (anchor: the rule id).\n\n", diff.DocPath)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSCOPE\tBACKWARD\tFORWARD\tBUMP IF NOT BREAKING\tPURPOSE")
	for _, r := range diff.Rules() {
		b, f := r.Verdicts()
		bump := r.Bump.String()
		switch {
		case r.Scope == diff.ScopeVersion || r.Scope == diff.ScopeAccept:
			bump = "-"
		case r.Unclassified:
			bump += " (needs acceptance)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Scope, b, f, bump, r.Doc)
	}
	tw.Flush()
}
