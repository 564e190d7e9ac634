package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/lint"
)

// parseGCPercent lets the heap grow further while YAML is parsed: goccy's
// parser allocates ~145 bytes per input byte while the converted trees stay
// small, so collecting at the default rate mostly rescans the same trees.
const parseGCPercent = 400

// memoryLimit is the soft limit of the Go runtime's memory (unless
// GOMEMLIMIT sets one): parsing runs with parseGCPercent, and a large
// input could otherwise grow the heap to five times what it keeps alive.
// Real trees stay below it (the 2,000-event tree peaks near 380 MB), so it
// only ever makes the collector work harder on hostile input.
const memoryLimit = 448 << 20

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// version is stamped by the build (-ldflags "-X main.version=…"); without it
// the module version from the build info is used.
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "devel"
}

// exitError carries an exit code through urfave/cli.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func usageErr(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// globalFlags work before and after the command name.
func globalFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "config file (default: asyncgen.yaml, searched upward from the working directory)"},
		&cli.StringFlag{Name: "format", Usage: "output format: text, json, github or sarif", Value: "text"},
	}
}

// valueFlags lists flags that take a value, for reordering arguments.
var valueFlags = map[string]bool{
	"config": true, "format": true, "disable": true, "migration": true, "migrations-dir": true,
	"against": true, "mode": true, "content-model": true, "fail-on": true, "verify-events": true,
	"sample": true, "db": true, "o": true, "output": true, "accept": true, "timeout": true,
}

// run is main without the process: tests call it in-process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "asyncgen: internal error: %v\n%s", r, debug.Stack())
			code = exitUsage
		}
	}()
	// urfave/cli reports an unknown command through CommandNotFound and then
	// returns no error: remember it, so that a typo exits 2, not 0.
	unknownCommand := false
	app := &cli.App{
		Name:           "asyncgen",
		Usage:          "AsyncAPI 2.x event contracts → Go types, validators and PostgreSQL SQL",
		Writer:         stdout,
		ErrWriter:      stderr,
		Flags:          globalFlags(),
		HideVersion:    true,
		ExitErrHandler: func(*cli.Context, error) {},
		CommandNotFound: func(c *cli.Context, name string) {
			unknownCommand = true
			fmt.Fprintf(stderr, "asyncgen: unknown command %q (asyncgen --help lists the commands)\n", name)
		},
		// Without a command there is nothing to do: that is a usage error
		// (exit 2, usage on stderr), not a successful run. An unknown
		// command name also lands here.
		Action: func(c *cli.Context) error {
			if name := c.Args().First(); name != "" {
				c.App.CommandNotFound(c, name)
				return nil
			}
			c.App.Writer = stderr
			_ = cli.ShowAppHelp(c)
			c.App.Writer = stdout
			return usageErr("no command given")
		},
		Commands: []*cli.Command{
			lintCommand(),
			generateCommand(),
			diffCommand(),
			snapshotCommand(),
			registerCommand(),
			{
				Name:  "version",
				Usage: "print the version",
				Action: func(c *cli.Context) error {
					fmt.Fprintln(stdout, "asyncgen", versionString())
					return nil
				},
			},
		},
	}
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "show help"}
	err := app.RunContext(ctx, reorder(args))
	if err == nil && unknownCommand {
		return exitUsage
	}
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "asyncgen: %v\n", ee.err)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "asyncgen: %v\n", err)
	return exitUsage
}

// reorder moves flags written after positional arguments in front of them,
// because urfave/cli stops parsing flags at the first positional argument.
func reorder(args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	i := 1
	// global flags before the command
	for i < len(args) && strings.HasPrefix(args[i], "-") {
		out = append(out, args[i])
		if takesValue(args[i]) && i+1 < len(args) {
			out = append(out, args[i+1])
			i++
		}
		i++
	}
	if i >= len(args) {
		return out
	}
	out = append(out, args[i]) // the command
	i++
	var flags, pos []string
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if strings.HasPrefix(a, "-") && a != "-" {
			flags = append(flags, a)
			if takesValue(a) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	out = append(out, flags...)
	if len(pos) > 0 {
		out = append(out, "--")
		out = append(out, pos...)
	}
	return out
}

func takesValue(flag string) bool {
	if strings.Contains(flag, "=") {
		return false
	}
	return valueFlags[strings.TrimLeft(flag, "-")]
}

// flagValue returns a flag's value from the command, else from the app.
func flagValue(c *cli.Context, name string) string {
	for _, ctx := range c.Lineage() {
		if ctx.IsSet(name) {
			return ctx.String(name)
		}
	}
	return c.String(name)
}

// setup reads config and the working directory shared by every command.
func setup(c *cli.Context, stderr io.Writer) (*config.Config, string, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, "", usageErr("%v", err)
	}
	format := flagValue(c, "format")
	if !validFormat(format, diag.Formats) {
		return nil, "", usageErr("unknown --format %q (want %s)", format, strings.Join(diag.Formats, ", "))
	}
	cfg, ds, err := generator.LoadConfig(flagValue(c, "config"), cwd)
	if err != nil {
		return nil, "", usageErr("%v", err)
	}
	if len(ds) > 0 {
		_ = diag.Write(stderr, "text", diag.Sort(ds), nil, versionString())
		if ds.HasErrors() {
			return nil, "", &exitError{code: exitUsage, err: errors.New("invalid configuration")}
		}
	}
	return cfg, cwd, nil
}

func validFormat(f string, formats []string) bool {
	for _, x := range formats {
		if f == x {
			return true
		}
	}
	return false
}

func ruleInfos() []diag.RuleInfo {
	var out []diag.RuleInfo
	for _, r := range lint.Rules() {
		out = append(out, diag.RuleInfo{ID: r.ID, Doc: r.Doc})
	}
	return out
}
