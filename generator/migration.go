package generator

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// SQLOptions are the SQL generator's options from the configuration and
// what lint enforced on res (the event-type CHECK follows lint).
func SQLOptions(cfg *config.Config, res *Result) sqlgen.Options {
	return sqlgen.Options{
		Dir: cfg.SQL.Out, Schema: cfg.SQL.Schema, EventStore: cfg.SQL.EventStore,
		TenantColumn: cfg.SQL.TenantColumn, TenantClaim: cfg.SQL.TenantClaim,
		EventTypePattern: res.EventTypeCheck, NoEventTypeCheck: res.EventTypeCheck == "",
	}
}

// MigrationName checks a migration name and returns the file name a
// migration written to dir now would get (dir need not exist yet).
func MigrationName(dir, name string, now time.Time) (string, error) {
	var existing []string
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("migrations directory: %w", err)
	}
	for _, e := range entries {
		existing = append(existing, e.Name())
	}
	return sqlgen.MigrationFileName(existing, name, now)
}

// WriteMigration writes the SQL that generate produces for res as one new
// migration in dir (created if missing), named YYYYMMDDHHMMSS_name.sql
// after every migration already there, and returns its path. It never
// overwrites a file: the migration is written to a temporary file and
// linked into place, which fails if the name is taken.
func WriteMigration(res *Result, cfg *config.Config, name, dir string, now time.Time) (string, error) {
	out, err := sqlgen.Generate(res.IR, SQLOptions(cfg, res))
	if err != nil {
		return "", fmt.Errorf("generating SQL: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	file, err := MigrationName(dir, name, now)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, file)
	if err := writeNew(path, sqlgen.Migration(out)); err != nil {
		return "", err
	}
	return path, nil
}

// writeNew writes content to path, which must not exist: through a
// temporary file linked into place, so that the file appears whole or not
// at all and an existing file is never replaced.
func writeNew(path string, content []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".asyncgen-migration-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("migration %s already exists; not overwriting it", path)
		}
		return err
	}
	return nil
}
