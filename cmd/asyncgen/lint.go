package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/lint"
	"github.com/asyncgen/asyncgen/generator/location"
)

func disableFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "disable", Usage: "switch off rule categories: spec, schema, examples, naming, versioning, conventions, codegen (comma-separated)"}
}

func lintCommand() *cli.Command {
	return &cli.Command{
		Name:      "lint",
		Usage:     "validate contracts; writes no files",
		ArgsUsage: "[PATH...]",
		Flags:     append(globalFlags(), disableFlag(), &cli.BoolFlag{Name: "list", Usage: "print the rule table and exit"}),
		Action: func(c *cli.Context) error {
			if c.Bool("list") {
				format := flagValue(c, "format")
				if err := printRules(c.App.Writer, format); err != nil {
					return err
				}
				if format == "text" {
					printIgnores(c)
				}
				return nil
			}
			res, err := lintRun(c)
			if err != nil {
				return err
			}
			if err := diag.Write(c.App.Writer, flagValue(c, "format"), res.Diagnostics, ruleInfos(), versionString()); err != nil {
				return usageErr("%v", err)
			}
			if res.Diagnostics.HasErrors() {
				return &exitError{code: exitFindings}
			}
			return nil
		},
	}
}

// lintRun loads config and runs lint; generate and diff lint first with it.
func lintRun(c *cli.Context) (*generator.Result, error) {
	cfg, cwd, err := setup(c, c.App.ErrWriter)
	if err != nil {
		return nil, err
	}
	disable, err := disabledCategories(c)
	if err != nil {
		return nil, err
	}
	res, err := generator.Lint(generator.Options{Config: cfg, Paths: c.Args().Slice(), Disable: disable, Cwd: cwd, ParseGCPercent: parseGCPercent})
	if err != nil {
		return nil, usageErr("%v", err)
	}
	return res, nil
}

// ruleJSON is one row of lint --list --format json.
type ruleJSON struct {
	ID       string `json:"id"`
	Category string `json:"category"`
	Severity string `json:"severity"`
	Fatal    bool   `json:"fatal"`
	Purpose  string `json:"purpose"`
}

// printRules prints the rule table as a text table or, with format json,
// as {"rules":[{"id","category","severity","fatal","purpose"}]}.
func printRules(w io.Writer, format string) error {
	switch format {
	case "json":
		rows := []ruleJSON{}
		for _, r := range lint.Rules() {
			rows = append(rows, ruleJSON{ID: r.ID, Category: string(r.Category), Severity: r.Severity.String(), Fatal: r.Fatal, Purpose: r.Doc})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(map[string][]ruleJSON{"rules": rows})
	case "text":
	default:
		return usageErr("lint --list prints text or json, not --format %s", format)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tCATEGORY\tDEFAULT\tPURPOSE")
	for _, r := range lint.Rules() {
		sev := r.Severity.String()
		if r.Fatal {
			sev += " (fatal)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Category, sev, r.Doc)
	}
	return tw.Flush()
}

// printIgnores lists the config's ignore: entries after the rule table, so
// that what lint silences is never hidden. A config that does not load is
// reported on stderr; the rule table stands without it.
func printIgnores(c *cli.Context) {
	cwd, err := os.Getwd()
	if err != nil {
		return
	}
	cfg, ds, err := generator.LoadConfig(flagValue(c, "config"), cwd)
	if err != nil {
		fmt.Fprintln(c.App.ErrWriter, err)
		return
	}
	if len(ds) > 0 {
		_ = diag.Write(c.App.ErrWriter, "text", diag.Sort(ds), nil, versionString())
	}
	if ds.HasErrors() || len(cfg.Ignore) == 0 {
		return
	}
	contracts, err := filepath.Rel(cwd, cfg.Contracts)
	if err != nil {
		contracts = cfg.Contracts
	}
	w := c.App.Writer
	fmt.Fprintf(w, "\nIGNORED (%s; paths relative to %s/)\n", location.Display(cwd, cfg.Path), filepath.ToSlash(contracts))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tPATTERN\tAT")
	for _, ig := range cfg.Ignore {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", ig.Rule, ig.Pattern, ig.Pos)
	}
	tw.Flush()
}

// disabledCategories reads --disable (comma-separated, repeatable).
func disabledCategories(c *cli.Context) ([]string, error) {
	var disable []string
	for _, v := range c.StringSlice("disable") {
		for _, d := range strings.Split(v, ",") {
			d = strings.TrimSpace(d)
			if d == "" {
				continue
			}
			if !generator.ValidCategory(d) {
				return nil, usageErr("--disable: unknown category %q (want spec, schema, examples, naming, versioning, conventions, codegen)", d)
			}
			disable = append(disable, d)
		}
	}
	return disable, nil
}
