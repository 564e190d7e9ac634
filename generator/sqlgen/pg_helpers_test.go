package sqlgen_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/asyncgen/asyncgen/generator/files"
)

// testDB connects to a database of its own on the server named by
// ASYNCGEN_TEST_DSN (started by .ci/run), created for this test and
// dropped at its end, and makes sure the role `authenticated` exists.
// Without the variable the test fails in CI and is skipped elsewhere.
func testDB(t *testing.T) *pgx.Conn {
	t.Helper()
	dsn := os.Getenv("ASYNCGEN_TEST_DSN")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("ASYNCGEN_TEST_DSN is not set; .ci/run starts PostgreSQL 15 and sets it")
		}
		t.Skip("ASYNCGEN_TEST_DSN is not set (run .ci/run, or start PostgreSQL 15 and export it)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connecting to ASYNCGEN_TEST_DSN: %v", err)
	}
	var suffix [6]byte
	_, _ = rand.Read(suffix[:])
	name := "asyncgen_test_" + hex.EncodeToString(suffix[:])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close(ctx)
		t.Fatalf("creating test database: %v", err)
	}
	// Roles are cluster-wide: a parallel test may create it at the same time.
	_, err = admin.Exec(ctx, `DO $do$ BEGIN
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'authenticated') THEN CREATE ROLE authenticated NOLOGIN; END IF;
	END $do$`)
	var pgErr *pgconn.PgError
	if err != nil && !(errors.As(err, &pgErr) && (pgErr.Code == "42710" || pgErr.Code == "23505")) {
		t.Fatalf("creating role authenticated: %v", err)
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Database = name
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("connecting to %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn.Close(ctx)
		if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("dropping test database: %v", err)
		}
		admin.Close(ctx)
	})
	return conn
}

// applyAll runs every generated file in name order, as `psql -f` would in
// `ls` order.
func applyAll(t *testing.T, conn *pgx.Conn, out []files.File) {
	t.Helper()
	sorted := append([]files.File(nil), out...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	for _, f := range sorted {
		if _, err := conn.Exec(context.Background(), string(f.Content)); err != nil {
			t.Fatalf("applying %s: %v", filepath.Base(f.Path), err)
		}
	}
}

// pgCode is the SQLSTATE of err, or "".
func pgCode(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}
