package main

import (
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
				printRules(c.App.Writer)
				printIgnores(c)
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

func printRules(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tCATEGORY\tDEFAULT\tPURPOSE")
	for _, r := range lint.Rules() {
		sev := r.Severity.String()
		if r.Fatal {
			sev += " (fatal)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Category, sev, r.Doc)
	}
	tw.Flush()
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
