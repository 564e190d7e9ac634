package sqlgen_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

func TestMigrationFileName(t *testing.T) {
	now := time.Date(2026, 3, 14, 9, 26, 53, 999, time.FixedZone("CET", 3600))
	for _, c := range []struct {
		name     string
		existing []string
		want     string
		err      bool
	}{
		{name: "empty dir: now in UTC", want: "20260314082653_add.sql"},
		{name: "older migrations", existing: []string{"20250101000000_init.sql", "20260314082652_x.sql"}, want: "20260314082653_add.sql"},
		{name: "same second", existing: []string{"20260314082653_other.sql"}, want: "20260314082654_add.sql"},
		{name: "future migrations", existing: []string{"29991231235959_future.sql", "20270101000000_next.sql", "README.md", "000001_seq.sql"}, want: "30000101000000_add.sql"},
		{name: "future not .sql", existing: []string{"20300101000000_down.txt"}, want: "20300101000001_add.sql"},
		{name: "bad timestamp", existing: []string{"20261399000000_x.sql"}, err: true},
		{name: "no room left", existing: []string{"99991231235959_end.sql"}, err: true},
	} {
		got, err := sqlgen.MigrationFileName(c.existing, "add", now)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("%s: got %q, %v; want %q (error %v)", c.name, got, err, c.want, c.err)
		}
		for _, e := range c.existing {
			if got != "" && got <= e && e[0] >= '0' && e[0] <= '9' && len(e) > 14 && e[14] == '_' {
				t.Errorf("%s: %s does not sort after %s", c.name, got, e)
			}
		}
	}
	for _, bad := range []string{"", "has space", "../up", "a/b", "-lead", strings.Repeat("x", 101)} {
		if _, err := sqlgen.MigrationFileName(nil, bad, now); err == nil {
			t.Errorf("name %q accepted", bad)
		}
	}
}

// TestMigrationApplies: the joined migration applies twice.
func TestMigrationApplies(t *testing.T) {
	conn := testDB(t)
	set, _, opts := loadCase(t, "../..")
	out, err := sqlgen.Generate(set, opts)
	if err != nil {
		t.Fatal(err)
	}
	m := sqlgen.Migration(out)
	if !strings.HasPrefix(string(m), sqlgen.Header+"\n") || strings.Count(string(m), sqlgen.Header) != 1 {
		t.Error("the migration must carry the generated header once")
	}
	for i := 0; i < 2; i++ {
		if _, err := conn.Exec(context.Background(), string(m)); err != nil {
			t.Fatalf("applying the migration, run %d: %v", i+1, err)
		}
	}
}
