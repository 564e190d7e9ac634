package main

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/baseline"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/location"
)

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:      "generate",
		Usage:     "lint, then write the Go package and the SQL (nothing is written when lint finds errors)",
		ArgsUsage: "[PATH...]",
		Flags: append(globalFlags(), disableFlag(),
			&cli.BoolFlag{Name: "check", Usage: "write nothing; exit 1 and list the files that are stale"},
			&cli.StringFlag{Name: "migration", Usage: "also write what changed in the SQL as one new migration `NAME` (YYYYMMDDHHMMSS_NAME.sql, UTC) in --migrations-dir"},
			&cli.StringFlag{Name: "migrations-dir", Usage: "`DIR` for --migration; the new file sorts after every migration already there"},
			&cli.StringFlag{Name: "against", Usage: "with --migration: the SQL the migration starts from, a `BASE` directory of generated SQL or git:<rev>[:<dir>] (default: the SQL in sql.out before this run)"},
		),
		Action: func(c *cli.Context) error {
			cfg, cwd, err := setup(c, c.App.ErrWriter)
			if err != nil {
				return err
			}
			disable, err := disabledCategories(c)
			if err != nil {
				return err
			}
			check := c.Bool("check")
			migration, migrationsDir := c.String("migration"), c.String("migrations-dir")
			if (migration == "") != (migrationsDir == "") {
				return usageErr("--migration and --migrations-dir go together")
			}
			against := c.String("against")
			if against != "" && migration == "" {
				return usageErr("--against goes with --migration (diff takes --against on its own)")
			}
			if migration != "" {
				if check {
					return usageErr("--migration cannot be combined with --check")
				}
				if !filepath.IsAbs(migrationsDir) {
					migrationsDir = filepath.Join(cwd, migrationsDir)
				}
				// Refuse a bad name or directory before anything is written.
				if _, err := generator.MigrationName(migrationsDir, migration, time.Now()); err != nil {
					return usageErr("%v", err)
				}
			}
			opts := generator.Options{Config: cfg, Paths: c.Args().Slice(), Disable: disable, Cwd: cwd, ParseGCPercent: parseGCPercent}
			var res *generator.GenerateResult
			migrationPath := ""
			if migration != "" {
				req := generator.MigrationRequest{Name: migration, Dir: migrationsDir, Now: time.Now()}
				if against != "" {
					if req.Base, req.BaseName, err = baseline.LoadSQL(c.Context, against, baseline.Options{Config: cfg, Cwd: cwd}); err != nil {
						return usageErr("%v", err)
					}
				}
				res, migrationPath, err = generator.GenerateMigration(opts, req)
			} else {
				res, err = generator.Generate(opts, check)
			}
			if err != nil {
				return usageErr("%v", err)
			}
			format := flagValue(c, "format")
			if err := diag.Write(c.App.Writer, format, res.Diagnostics, ruleInfos(), versionString()); err != nil {
				return usageErr("%v", err)
			}
			if res.Report == nil {
				return &exitError{code: exitFindings, err: fmt.Errorf("lint found errors; nothing was generated")}
			}
			if check {
				stale := res.Report.Stale()
				for _, p := range stale {
					fmt.Fprintf(c.App.ErrWriter, "%s: stale generated file; run asyncgen generate\n", location.Display(cwd, p))
				}
				if len(stale) > 0 {
					return &exitError{code: exitFindings}
				}
				return nil
			}
			if format == "text" {
				fmt.Fprintf(c.App.ErrWriter, "asyncgen: %d written, %d unchanged, %d removed\n", len(res.Report.Written), len(res.Report.Unchanged), len(res.Report.Removed))
			}
			if migration != "" && format == "text" {
				if migrationPath == "" {
					fmt.Fprintf(c.App.ErrWriter, "asyncgen: the SQL did not change; no migration written\n")
				} else {
					fmt.Fprintf(c.App.ErrWriter, "asyncgen: wrote migration %s\n", location.Display(cwd, migrationPath))
				}
			}
			return nil
		},
	}
}
