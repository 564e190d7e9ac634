package sqlgen_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator/files"
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

// migrationSQL generates the SQL of a testdata/migration version.
func migrationSQL(t *testing.T, version string) []files.File {
	t.Helper()
	set, diags, opts := loadCase(t, "../../testdata/migration/"+version)
	if diags.HasErrors() {
		t.Fatalf("%s does not lint:\n%v", version, diags)
	}
	out, err := sqlgen.Generate(set, opts)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDelta: the delta from v1 to v2 holds only what changed
// (testdata/migration/want/v1-v2.sql), nothing changed gives no
// migration, and a column whose type changes is refused.
func TestDelta(t *testing.T) {
	v1, v2, v3 := migrationSQL(t, "v1"), migrationSQL(t, "v2"), migrationSQL(t, "v3")
	delta, err := sqlgen.Delta(v1, v2, "the SQL on disk")
	if err != nil {
		t.Fatal(err)
	}
	compareGolden(t, "../../testdata/migration/want", map[string][]byte{"v1-v2.sql": delta})
	if d, err := sqlgen.Delta(v2, v2, "the SQL on disk"); d != nil || err != nil {
		t.Errorf("Delta of unchanged SQL = %d bytes, %v; want nothing", len(d), err)
	}
	_, err = sqlgen.Delta(v2, v3, "the SQL on disk")
	if err == nil || !strings.Contains(err.Error(), "column public.order_projection.total_cents changes from bigint to numeric") {
		t.Errorf("a changed column type: %v, want a refusal naming the column and both types", err)
	}
}

// TestDeltaOnPostgres: applying the v1 SQL and then the delta (twice)
// gives the same catalog as applying the v2 SQL to an empty database, and
// so does the delta from nothing.
func TestDeltaOnPostgres(t *testing.T) {
	v1, v2 := migrationSQL(t, "v1"), migrationSQL(t, "v2")
	delta, err := sqlgen.Delta(v1, v2, "v1")
	if err != nil {
		t.Fatal(err)
	}
	full, err := sqlgen.Delta(nil, v2, "nothing")
	if err != nil {
		t.Fatal(err)
	}
	want := testDB(t)
	applyAll(t, want, v2)
	migrated := testDB(t)
	applyAll(t, migrated, v1)
	fromScratch := testDB(t)
	for i := 0; i < 2; i++ {
		if _, err := migrated.Exec(ctx, string(delta)); err != nil {
			t.Fatalf("applying the delta, run %d: %v", i+1, err)
		}
		if _, err := fromScratch.Exec(ctx, string(full)); err != nil {
			t.Fatalf("applying the delta from nothing, run %d: %v", i+1, err)
		}
	}
	w := catalog(t, want)
	for name, conn := range map[string]*pgx.Conn{"v1 + delta": migrated, "delta from nothing": fromScratch} {
		if got := catalog(t, conn); got != w {
			t.Errorf("%s differs from v2 applied to an empty database:\n%s", name, lineDiff(w, got))
		}
	}
	// A hook the team wrote for a removed event is theirs: it stays.
	team := testDB(t)
	applyAll(t, team, v1)
	exec(t, team, `CREATE OR REPLACE FUNCTION public.custom_order_noted(p_event public.domain_events) RETURNS void LANGUAGE plpgsql AS $$ BEGIN END $$`)
	exec(t, team, string(delta))
	if n := count(t, team, `SELECT count(*) FROM pg_proc WHERE proname = 'custom_order_noted'`); n != 1 {
		t.Error("the delta dropped a hook the team wrote")
	}
}

// catalog describes a database's public schema: columns and types,
// functions with their definitions, triggers, policies, row-level
// security, indexes and comments.
func catalog(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	return catalogOf(t, conn, "public")
}

// catalogOf is catalog for the given schema.
func catalogOf(t *testing.T, conn *pgx.Conn, schema string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = $1 ORDER BY 1`,
		`SELECT pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.pronamespace = $1::regnamespace ORDER BY p.proname, pg_get_function_identity_arguments(p.oid)`,
		`SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace = $1::regnamespace ORDER BY 1`,
		`SELECT tablename || ' ' || policyname || ' ' || cmd || ' ' || coalesce(qual, '') FROM pg_policies WHERE schemaname = $1 ORDER BY 1`,
		`SELECT relname || ' rls=' || relrowsecurity FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind = 'r' ORDER BY 1`,
		`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY 1`,
		`SELECT d.classoid::regclass || ' ' || coalesce(c.relname, p.proname) || ' ' || d.objsubid || ' ' || d.description
			FROM pg_description d LEFT JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
			LEFT JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass AND p.oid = d.objoid
			WHERE coalesce(c.relnamespace, p.pronamespace) = $1::regnamespace ORDER BY 1`,
	} {
		rows, err := conn.Query(ctx, q, schema)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			b.WriteString(s + "\n")
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}
