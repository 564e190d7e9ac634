package main

import "github.com/urfave/cli/v2"

// snapshotCommand prints the canonical resolved JSON of all events (issue: diff).
func snapshotCommand() *cli.Command {
	return &cli.Command{
		Name:   "snapshot",
		Usage:  "canonical resolved JSON of all events (not implemented yet)",
		Hidden: true,
		Action: func(c *cli.Context) error { return usageErr("snapshot is not implemented yet") },
	}
}
