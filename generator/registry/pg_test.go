package registry_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// testDB creates a fresh database on the server ASYNCGEN_TEST_DSN names
// (.ci/run starts one) and returns its DSN; it is dropped after the test.
// Without the variable the test fails in CI and is skipped elsewhere.
func testDB(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("ASYNCGEN_TEST_DSN")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("ASYNCGEN_TEST_DSN is not set: the registry tests need PostgreSQL 15 (see .ci/run)")
		}
		t.Skip("ASYNCGEN_TEST_DSN is not set; run .ci/run or point it at a PostgreSQL 15 server")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connecting to ASYNCGEN_TEST_DSN: %v", err)
	}
	defer admin.Close(context.Background())
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "asyncgen_registry_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("creating the test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		_, _ = c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
