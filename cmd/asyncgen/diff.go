package main

import "github.com/urfave/cli/v2"

// diffCommand classifies schema changes against a baseline (issue: diff).
func diffCommand() *cli.Command {
	return &cli.Command{
		Name:   "diff",
		Usage:  "classify schema changes against a baseline (not implemented yet)",
		Hidden: true,
		Action: func(c *cli.Context) error { return usageErr("diff is not implemented yet") },
	}
}
