// Package baseline loads what `asyncgen diff --against BASE` compares with:
// a contracts directory, a git revision (read with git plumbing, no
// checkout), a snapshot file, or the schema registry (every registered
// version).
package baseline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/lint"
	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/registry"
	"github.com/asyncgen/asyncgen/generator/snapshot"
)

// Options say where the new contracts live, for defaults.
type Options struct {
	// Config is the run's configuration: its contracts directory is the
	// default subdirectory of git baselines, its SQL schema the registry's.
	Config *config.Config
	// Cwd is the working directory (display paths are relative to it).
	Cwd string
	// Timeouts bound waiting for a registry database (postgres://…).
	Timeouts registry.Timeouts
}

// Load reads a baseline. The result lists its versions, oldest first;
// files, git and snapshots have one, the registry one per registered
// version.
func Load(ctx context.Context, spec string, o Options) ([]*diff.Side, error) {
	switch {
	case spec == "":
		return nil, errors.New("--against is empty")
	case strings.HasPrefix(spec, "postgres://"), strings.HasPrefix(spec, "postgresql://"):
		return registry.Versions(ctx, spec, o.Config.SQL.Schema, o.Timeouts)
	case strings.HasPrefix(spec, "git:"):
		side, err := loadGit(ctx, strings.TrimPrefix(spec, "git:"), o)
		if err != nil {
			return nil, err
		}
		return []*diff.Side{side}, nil
	}
	path := spec
	if !filepath.IsAbs(path) {
		path = filepath.Join(o.Cwd, path)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("--against %s: %w (want a directory, a snapshot file, git:<rev>[:<subdir>] or postgres://…)", spec, unwrap(err))
	}
	if info.IsDir() {
		side, err := loadDir(path, spec, o.Cwd, o.Config.Limits, nil)
		if err != nil {
			return nil, err
		}
		return []*diff.Side{side}, nil
	}
	data, err := files.ReadFile(path, o.Config.Limits.MaxFileSize)
	if err != nil {
		return nil, fmt.Errorf("--against %s: %w", spec, unwrap(err))
	}
	if !snapshot.IsSnapshot(data) {
		return nil, fmt.Errorf("--against %s: not a directory or an asyncgen snapshot (write one with `asyncgen snapshot -o FILE`)", spec)
	}
	side, err := snapshot.Read(data, location.Display(o.Cwd, path), spec)
	if err != nil {
		return nil, err
	}
	return []*diff.Side{side}, nil
}

// allCategories are switched off for baselines: only fatal problems (a
// file that does not load) matter in the old contracts.
var allCategories = []string{"spec", "schema", "examples", "naming", "versioning", "conventions", "codegen"}

// LoadDir loads a contracts directory as a baseline side.
func LoadDir(dir, label, cwd string, fileLabel func(string) string) (*diff.Side, error) {
	return loadDir(dir, label, cwd, config.Limits{}, fileLabel)
}

// loadDir is LoadDir with the limits of the current configuration.
func loadDir(dir, label, cwd string, limits config.Limits, fileLabel func(string) string) (*diff.Side, error) {
	cfg := config.Default(dir)
	cfg.Contracts = dir
	cfg.Limits = limits
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: cwd, Disable: allCategories, AllowEmpty: true})
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", label, err)
	}
	var fatal diag.List
	for _, d := range res.Diagnostics {
		if r, ok := lint.Lookup(d.Rule); d.Severity == diag.Error && (!ok || r.Fatal) {
			fatal = append(fatal, d)
		}
	}
	if len(fatal) > 0 {
		var lines []string
		for i, d := range fatal {
			if i == 5 {
				lines = append(lines, fmt.Sprintf("… and %d more", len(fatal)-5))
				break
			}
			p := d.Pos
			if fileLabel != nil {
				p.File = fileLabel(p.File)
			}
			lines = append(lines, fmt.Sprintf("%s: %s [%s]", p, d.Message, d.Rule))
		}
		return nil, fmt.Errorf("baseline %s does not load:\n  %s", label, strings.Join(lines, "\n  "))
	}
	side := diff.NewSide(res.IR, label)
	side.FileLabel = fileLabel
	return side, nil
}

// maxFileSize is the configured file size limit, or the default.
func maxFileSize(cfg *config.Config) int64 {
	if cfg.Limits.MaxFileSize > 0 {
		return cfg.Limits.MaxFileSize
	}
	return files.DefaultMaxFileSize
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
