package sqlgen_test

import (
	"context"
	"errors"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/asyncgen/asyncgen/generator/pgtest"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/asyncgen/asyncgen/generator/files"
)

// testDB connects to a fresh database of its own (see pgtest.DSN), closed
// and dropped when the test ends.
func testDB(t *testing.T) *pgx.Conn {
	t.Helper()
	dsn := pgtest.DSN(t, "asyncgen_test")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connecting to the test database: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// applyAll runs every generated file in name order, as `psql -f` would in
// `ls` order.
func applyAll(t testing.TB, conn *pgx.Conn, out []files.File) {
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
