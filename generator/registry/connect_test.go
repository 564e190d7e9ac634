package registry

import (
	"testing"
	"time"
)

// TestTimeoutSettings: without --timeout the DSN's connect_timeout and
// statement_timeout apply, else 10s and 1m; --timeout overrides both. The
// client waits a quarter longer than the server, at least 1s, at most 5s.
func TestTimeoutSettings(t *testing.T) {
	const base = "postgres://u@127.0.0.1:5432/db?sslmode=disable"
	tests := []struct {
		name      string
		dsn       string
		flag      time.Duration
		connect   time.Duration
		statement string // the session setting sent; "" when the DSN's own stays
		deadline  time.Duration
	}{
		{"defaults", base, 0, 10 * time.Second, "60000", time.Minute + 5*time.Second},
		{"dsn connect_timeout", base + "&connect_timeout=3", 0, 3 * time.Second, "60000", time.Minute + 5*time.Second},
		{"dsn statement_timeout", base + "&statement_timeout=2000", 0, 10 * time.Second, "", 3 * time.Second},
		{"dsn options", base + "&options=-c%20statement_timeout%3D4s", 0, 10 * time.Second, "", 5 * time.Second},
		{"dsn disables it", base + "&statement_timeout=0", 0, 10 * time.Second, "", 0},
		{"keyword form", "host=127.0.0.1 user=u connect_timeout=7", 0, 7 * time.Second, "60000", time.Minute + 5*time.Second},
		{"--timeout wins", base + "&connect_timeout=3&statement_timeout=2000", 2 * time.Second, 2 * time.Second, "2000", 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := connConfig(tt.dsn, Timeouts{Connect: tt.flag, Statement: tt.flag})
			if err != nil {
				t.Fatal(err)
			}
			if cfg.ConnectTimeout != tt.connect {
				t.Errorf("connect timeout %s, want %s", cfg.ConnectTimeout, tt.connect)
			}
			if tt.statement != "" && cfg.RuntimeParams["statement_timeout"] != tt.statement {
				t.Errorf("statement_timeout %q, want %q", cfg.RuntimeParams["statement_timeout"], tt.statement)
			}
			var deadline time.Duration
			if d, ok := cfg.Tracer.(statementDeadline); ok {
				deadline = d.limit
			}
			if deadline != tt.deadline {
				t.Errorf("client deadline per statement %s, want %s", deadline, tt.deadline)
			}
		})
	}
}
