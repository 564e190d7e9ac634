package main

import "github.com/urfave/cli/v2"

// registerCommand upserts event_types after a diff against the registry (issue: diff).
func registerCommand() *cli.Command {
	return &cli.Command{
		Name:   "register",
		Usage:  "register schemas in the event_types registry (not implemented yet)",
		Hidden: true,
		Action: func(c *cli.Context) error { return usageErr("register is not implemented yet") },
	}
}
