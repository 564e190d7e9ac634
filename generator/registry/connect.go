package registry

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Default bounds on waiting for the database, used when neither the DSN
// (connect_timeout, statement_timeout) nor --timeout sets them: a server
// that accepts the connection and never answers must not hang a CI job.
const (
	DefaultConnectTimeout   = 10 * time.Second
	DefaultStatementTimeout = time.Minute
)

// Timeouts bound every wait on the database. A zero field takes the DSN's
// setting, else the default; a set field (--timeout) overrides both.
type Timeouts struct {
	// Connect bounds establishing a connection: TCP, TLS and the startup
	// exchange, over every host the DSN names.
	Connect time.Duration
	// Statement bounds each statement: PostgreSQL's statement_timeout,
	// and the same limit (plus a grace period for the server's own error)
	// on the client, so that a server that stops answering after the
	// connection was made cannot hang either.
	Statement time.Duration
}

// maxClientGrace bounds how much longer than statement_timeout the client
// waits for a statement, so that the server's clearer error comes first.
const maxClientGrace = 5 * time.Second

// minClientGrace keeps the client's deadline clear of the server's own
// statement_timeout on a busy machine, so that a server that answers gets to
// report its timeout (the clearer message) before the client gives up.
const minClientGrace = time.Second

// connect opens one connection with the timeouts applied. what names the
// caller in errors ("registry", "verify-events"). The session's errors go
// through explainTimeout.
func connect(ctx context.Context, dsn, what string, t Timeouts) (*pgx.Conn, error) {
	cfg, err := connConfig(dsn, t)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		if timedOut(err) {
			return nil, fmt.Errorf("%s: no answer from the database at %s within %s (connect timeout; the DSN's connect_timeout or --timeout sets it)", what, address(cfg), cfg.ConnectTimeout)
		}
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	return conn, nil
}

// connConfig parses dsn and applies the timeouts: the connect timeout on
// the client, statement_timeout as a session setting and, a little later,
// as a deadline on the client (see statementDeadline).
func connConfig(dsn string, t Timeouts) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	if t.Connect > 0 || cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = orDefault(t.Connect, DefaultConnectTimeout)
	}
	statement, set := dsnStatementTimeout(cfg)
	if t.Statement > 0 || !set {
		statement = orDefault(t.Statement, DefaultStatementTimeout)
		cfg.RuntimeParams["statement_timeout"] = strconv.FormatInt(statement.Milliseconds(), 10)
	}
	if statement > 0 {
		cfg.Tracer = statementDeadline{statement + max(minClientGrace, min(statement/4, maxClientGrace))}
	}
	return cfg, nil
}

// orDefault returns d when it is set, else def.
func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

func address(cfg *pgx.ConnConfig) string {
	if strings.HasPrefix(cfg.Host, "/") {
		return cfg.Host
	}
	return net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
}

// dsnStatementTimeout reads a statement_timeout the DSN sets, as a
// parameter (statement_timeout=5000) or in options (-c statement_timeout=5s).
// A value it cannot read counts as set, with no client-side limit.
func dsnStatementTimeout(cfg *pgx.ConnConfig) (time.Duration, bool) {
	if v, ok := cfg.RuntimeParams["statement_timeout"]; ok {
		return pgDuration(v), true
	}
	if m := optionTimeout.FindStringSubmatch(cfg.RuntimeParams["options"]); m != nil {
		return pgDuration(m[1]), true
	}
	return 0, false
}

var optionTimeout = regexp.MustCompile(`statement_timeout\s*=\s*'?([^'\s]+)`)

// pgDuration reads a PostgreSQL time setting: milliseconds without a unit,
// else a number with us, ms, s, min, h or d. It returns 0 (no limit) for 0
// and for what it cannot read.
func pgDuration(s string) time.Duration {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := s, "ms"
	if i >= 0 {
		num, unit = s[:i], strings.TrimSpace(s[i:])
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0
	}
	per := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second, "min": time.Minute, "h": time.Hour, "d": 24 * time.Hour}[unit]
	return time.Duration(f * float64(per))
}

// timedOut reports whether err is a timeout: a context deadline, a
// network timeout, or PostgreSQL's statement timeout (57014).
func timedOut(err error) bool {
	var ne net.Error
	var pe *pgconn.PgError
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() ||
		errors.As(err, &pe) && pe.Code == "57014" && strings.Contains(pe.Message, "statement timeout")
}

// explainTimeout adds what to do to a statement's timeout; other errors
// are left as they are. Callers defer it on their error result.
func explainTimeout(err *error) {
	var done timeoutHint
	if *err != nil && timedOut(*err) && !errors.As(*err, &done) {
		*err = timeoutHint{*err}
	}
}

// timeoutHint is an error explained by explainTimeout.
type timeoutHint struct{ error }

func (e timeoutHint) Error() string {
	return fmt.Sprintf("%v (the database did not answer within the statement timeout: the DSN's statement_timeout or --timeout sets it, default %s)", e.error, DefaultStatementTimeout)
}

func (e timeoutHint) Unwrap() error { return e.error }

// statementDeadline is a query tracer that gives every statement a
// client-side deadline: PostgreSQL's statement_timeout cannot fire when the
// statement never reaches the server (a proxy waiting for a backend, a
// dead network path).
type statementDeadline struct{ limit time.Duration }

type cancelKey struct{}

// TraceQueryStart returns the context the statement runs with.
func (s statementDeadline) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	ctx, cancel := context.WithTimeout(ctx, s.limit)
	return context.WithValue(ctx, cancelKey{}, cancel)
}

// TraceQueryEnd releases the statement's deadline.
func (s statementDeadline) TraceQueryEnd(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryEndData) {
	if cancel, ok := ctx.Value(cancelKey{}).(context.CancelFunc); ok {
		cancel()
	}
}
