// Package pgtest gives tests a PostgreSQL 15 database of their own on the
// server named by ASYNCGEN_TEST_DSN (.ci/run starts a throwaway cluster and
// exports it). Without the variable a test fails when CI is set (a missing
// database must never turn into a green run) and is skipped elsewhere.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// EnvDSN is the variable that names the test server.
const EnvDSN = "ASYNCGEN_TEST_DSN"

// ServerDSN returns the server DSN, or fails (in CI) / skips the test.
func ServerDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(EnvDSN)
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal(EnvDSN + " is not set: this test needs PostgreSQL 15; .ci/run starts one and exports it")
		}
		t.Skip(EnvDSN + " is not set (run .ci/run, or start PostgreSQL 15 and export it)")
	}
	return dsn
}

// DSN creates a fresh database named prefix_<random> for the test, makes
// sure the role authenticated exists (RLS policies name it), drops the
// database when the test ends, and returns the database's DSN.
func DSN(t testing.TB, prefix string) string {
	t.Helper()
	dsn := ServerDSN(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connecting to %s: %v", EnvDSN, err)
	}
	defer admin.Close(context.Background())
	var suffix [6]byte
	_, _ = rand.Read(suffix[:])
	name := prefix + "_" + hex.EncodeToString(suffix[:])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("creating test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
		}
	})
	// Roles are cluster-wide: a parallel test may create it at the same time.
	_, err = admin.Exec(ctx, `DO $do$ BEGIN
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'authenticated') THEN CREATE ROLE authenticated NOLOGIN; END IF;
	END $do$`)
	var pgErr *pgconn.PgError
	if err != nil && !(errors.As(err, &pgErr) && (pgErr.Code == "42710" || pgErr.Code == "23505")) {
		t.Fatalf("creating role authenticated: %v", err)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s: %v", EnvDSN, err)
	}
	u.Path = "/" + name
	return u.String()
}
