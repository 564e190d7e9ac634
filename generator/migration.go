package generator

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// SQLOptions are the SQL generator's options from the configuration and
// what lint enforced on res (the event-type CHECK follows lint).
func SQLOptions(cfg *config.Config, res *Result) sqlgen.Options {
	return sqlgen.Options{
		Dir: cfg.SQL.Out, Schema: cfg.SQL.Schema, EventStore: cfg.SQL.EventStore,
		TenantColumn: cfg.SQL.TenantColumn, TenantClaim: cfg.SQL.TenantClaim, NoTenant: cfg.SQL.NoTenant,
		OnError: cfg.SQL.OnError, CheckData: cfg.SQL.CheckData,
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

// MigrationRequest asks generate to write a migration.
type MigrationRequest struct {
	// Name and Dir name the migration file (Dir is created if missing).
	Name, Dir string
	// Base is the generated SQL the migration starts from, and BaseName
	// what it is (for the migration's comment). A nil Base means the
	// generated SQL files in the configured sql.out, as they are before
	// this run writes.
	Base     []files.File
	BaseName string
	Now      time.Time
}

// GenerateMigration is Generate (writing) plus a migration: once the
// outputs are rendered and before anything is written, it computes the
// delta from the base SQL to the new SQL (sqlgen.Delta) and writes it as
// one new migration in m.Dir, named YYYYMMDDHHMMSS_name.sql after every
// migration already there. It returns the migration's path, or "" when
// the SQL did not change. A delta that sqlgen refuses (a column changes
// type) fails the run before any file is written. The migration is
// written before the outputs, so that a failure in between leaves a
// migration to apply rather than outputs no migration leads to.
func GenerateMigration(o Options, m MigrationRequest) (*GenerateResult, string, error) {
	path := ""
	res, err := generate(o, false, func(sql []files.File) error {
		base, name := m.Base, m.BaseName
		if base == nil {
			var err error
			if base, err = ReadGeneratedSQL(o.Config.SQL.Out); err != nil {
				return err
			}
			name = "the generated SQL in " + location.Display(o.Cwd, o.Config.SQL.Out)
		}
		delta, err := sqlgen.Delta(base, sql, name)
		if err != nil || delta == nil {
			return err
		}
		if err := os.MkdirAll(m.Dir, 0o755); err != nil {
			return err
		}
		file, err := MigrationName(m.Dir, m.Name, m.Now)
		if err != nil {
			return err
		}
		path = filepath.Join(m.Dir, file)
		return writeNew(path, delta)
	})
	return res, path, err
}

// ReadGeneratedSQL reads the generated SQL files of dir (*.sql starting
// with the generated header; others are not asyncgen's), each through the
// safe reader (regular files of at most files.DefaultMaxFileSize); none
// when dir does not exist.
func ReadGeneratedSQL(dir string) ([]files.File, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return []files.File{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := []files.File{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		b, err := files.ReadFile(p, 0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if bytes.HasPrefix(b, []byte(sqlgen.Header+"\n")) {
			out = append(out, files.File{Path: p, Content: b})
		}
	}
	return out, nil
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
