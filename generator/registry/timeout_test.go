package registry_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator/pgtest"
	"github.com/asyncgen/asyncgen/generator/registry"
)

// TestSilentServerTimesOut: a server that accepts the connection and never
// answers fails register, the registry baseline and verify-events with the
// connect timeout instead of hanging.
func TestSilentServerTimesOut(t *testing.T) {
	dsn := pgtest.SilentDSN(t)
	addr := strings.TrimPrefix(strings.Split(dsn, "/")[2], "asyncgen@")
	short := registry.Timeouts{Connect: 100 * time.Millisecond, Statement: 100 * time.Millisecond}
	want := "no answer from the database at " + addr + " within 100ms (connect timeout"
	set := load(t, contracts("1.0.0", "placed", ""))
	o := options(dsn)
	o.Timeouts = short
	_, err := registry.Register(context.Background(), set, o)
	if err == nil || !strings.Contains(err.Error(), "registry: "+want) {
		t.Errorf("register: %v", err)
	}
	_, err = registry.Versions(context.Background(), dsn, "public", short)
	if err == nil || !strings.Contains(err.Error(), "registry: "+want) {
		t.Errorf("versions: %v", err)
	}
	_, err = registry.Verify(context.Background(), registry.VerifyOptions{DSN: dsn, Timeouts: short}, nil, []string{"order.placed"})
	if err == nil || !strings.Contains(err.Error(), "verify-events: "+want) {
		t.Errorf("verify: %v", err)
	}
}

// TestMuteServerStatementDeadline: a server that completes the startup and
// then never answers a statement (PostgreSQL's own statement_timeout
// cannot fire there) fails on the client's statement deadline; the session
// setting statement_timeout was sent too.
func TestMuteServerStatementDeadline(t *testing.T) {
	srv := pgtest.Mute(t)
	_, err := registry.Versions(context.Background(), srv.DSN, "public", registry.Timeouts{Statement: 200 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "did not answer within the statement timeout") {
		t.Errorf("versions: %v", err)
	}
	if got := srv.Params()["statement_timeout"]; got != "200" {
		t.Errorf("statement_timeout sent at startup: %q, want 200", got)
	}
	// Without --timeout the default is sent.
	_, _ = registry.Versions(context.Background(), srv.DSN, "public", registry.Timeouts{Connect: time.Second, Statement: 10 * time.Millisecond})
	if got := srv.Params()["statement_timeout"]; got != "10" {
		t.Errorf("statement_timeout sent at startup: %q, want 10", got)
	}
}

// TestStatementTimeoutOnServer: register waits for the registration lock;
// while another session holds it, the statement timeout ends the wait
// with an error that says what to do.
func TestStatementTimeoutOnServer(t *testing.T) {
	dsn := pgtest.DSN(t, "asyncgen_timeout")
	ctx := context.Background()
	holder, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	tx, err := holder.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, registry.LockKey("public")); err != nil {
		t.Fatal(err)
	}
	o := options(dsn)
	o.Timeouts = registry.Timeouts{Statement: 300 * time.Millisecond}
	_, err = registry.Register(ctx, load(t, contracts("1.0.0", "placed", "")), o)
	if err == nil || !strings.Contains(err.Error(), "registry: taking the registration lock:") ||
		!strings.Contains(err.Error(), "canceling statement due to statement timeout") ||
		!strings.Contains(err.Error(), "--timeout sets it") {
		t.Errorf("register while the lock is held: %v", err)
	}
}
