package main

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/snapshot"
)

// snapshotCommand prints (or writes) the canonical resolved JSON of all events.
func snapshotCommand() *cli.Command {
	return &cli.Command{
		Name:      "snapshot",
		Usage:     "canonical, deterministic JSON of every event (type, stream, resolved schemas, version), usable as a diff baseline",
		ArgsUsage: "[PATH...]",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "config", Usage: "config file (default: asyncgen.yaml, searched upward from the working directory)"},
			disableFlag(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the snapshot to `FILE` (atomically; unchanged files are left alone) instead of stdout"},
		},
		Action: func(c *cli.Context) error {
			cfg, cwd, _, err := compatSetup(c, []string{"text"})
			if err != nil {
				return err
			}
			res, err := lintNew(c, cfg, cwd, false)
			if err != nil {
				return err
			}
			data := snapshot.Build(res.IR).Encode()
			out := c.String("output")
			if out == "" || out == "-" {
				_, err := c.App.Writer.Write(data)
				return err
			}
			if !filepath.IsAbs(out) {
				out = filepath.Join(cwd, out)
			}
			if err := writeAtomic(out, data); err != nil {
				return usageErr("%v", err)
			}
			return nil
		},
	}
}

// writeAtomic writes through a temporary file and a rename, and leaves an
// identical file alone.
func writeAtomic(path string, data []byte) error {
	if old, err := files.ReadFile(path, int64(len(data))); err == nil && bytes.Equal(old, data) {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
