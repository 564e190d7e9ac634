package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/registry"
)

// registerCommand diffs against every registered version and upserts
// event_types in one transaction when the diff passes.
func registerCommand() *cli.Command {
	return &cli.Command{
		Name:      "register",
		Usage:     "register the contracts' schemas in the event_types registry, refusing breaking changes",
		ArgsUsage: "[PATH...]",
		Flags: append(compatFlags("text or json"),
			&cli.StringFlag{Name: "db", Usage: "the registry database `DSN` (postgres://…)", Required: true},
			&cli.BoolFlag{Name: "allow-breaking", Usage: "register despite breaking or unaccepted changes; recorded in the version history"},
			&cli.BoolFlag{Name: "dry-run", Usage: "print the diff and what would be registered; write nothing"},
		),
		Action: func(c *cli.Context) error {
			cfg, cwd, format, err := compatSetup(c, []string{"text", "json"})
			if err != nil {
				return err
			}
			opts, failOn, err := diffOptions(c, cfg)
			if err != nil {
				return err
			}
			timeouts, err := dbTimeouts(c)
			if err != nil {
				return err
			}
			res, err := lintNew(c, cfg, cwd, true)
			if err != nil {
				return err
			}
			result, err := registry.Register(c.Context, res.IR, registry.Options{
				DSN:           c.String("db"),
				SQL:           generator.SQLOptions(cfg, res),
				Diff:          opts,
				FailOn:        failOn,
				AllowBreaking: c.Bool("allow-breaking"),
				DryRun:        c.Bool("dry-run"),
				Verify:        verifyOptions(c, cfg),
				Timeouts:      timeouts,
			})
			if err != nil {
				return usageErr("%v", err)
			}
			if format == "json" {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(result); err != nil {
					return err
				}
			} else if err := writeRegisterText(c.App.Writer, result, c.Bool("dry-run")); err != nil {
				return err
			}
			if result.Refused != "" {
				return &exitError{code: exitFindings}
			}
			return nil
		},
	}
}

func writeRegisterText(w io.Writer, r *registry.Result, dryRun bool) error {
	if err := diff.Write(w, "text", r.Report, versionString()); err != nil {
		return err
	}
	would := ""
	if dryRun || r.Refused != "" {
		would = "would be "
	}
	unchanged := 0
	for _, s := range r.Plan {
		switch s.Action {
		case "unchanged":
			unchanged++
		case "register":
			fmt.Fprintf(w, "register: %s: %sregistered as a new event type, version %d\n", s.EventType, would, s.Version)
		case "new-version":
			fmt.Fprintf(w, "register: %s: version %d %sregistered\n", s.EventType, s.Version, would)
		case "deactivate":
			fmt.Fprintf(w, "register: %s: no longer in the contracts, %smarked inactive (its versions stay registered)\n", s.EventType, would)
		}
	}
	if unchanged > 0 {
		fmt.Fprintf(w, "register: %d event types unchanged\n", unchanged)
	}
	var err error
	switch {
	case r.Refused != "":
		_, err = fmt.Fprintf(w, "register: refused: %s\n", r.Refused)
	case dryRun:
		_, err = fmt.Fprintln(w, "register: dry run: nothing was written")
	default:
		_, err = fmt.Fprintln(w, "register: committed")
	}
	return err
}
