package sqlgen

import (
	"strings"
	"testing"
)

// TestSplitStatements: semicolons inside literals, quoted identifiers,
// dollar-quoted bodies and comments do not end a statement; the comment
// block right above a statement belongs to it.
func TestSplitStatements(t *testing.T) {
	sql := `-- header; not a statement

-- about a
SELECT 'a;''b' AS "x;""y";
SELECT E'it\'s; \\' /* c; */ ;
CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $function$ BEGIN RAISE NOTICE 'x;'; END $function$;
DO $do$ BEGIN PERFORM 1; END $do$;
SELECT $1;
-- trailing comment
`
	got, err := splitStatements(sql)
	if err != nil {
		t.Fatal(err)
	}
	want := []statement{
		{Comment: "-- about a\n", Text: `SELECT 'a;''b' AS "x;""y";`},
		{Text: `SELECT E'it\'s; \\' /* c; */ ;`},
		{Text: `CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $function$ BEGIN RAISE NOTICE 'x;'; END $function$;`},
		{Text: `DO $do$ BEGIN PERFORM 1; END $do$;`},
		{Text: `SELECT $1;`},
	}
	if len(got) != len(want) {
		t.Fatalf("%d statements, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("statement %d = %q, want %q", i, got[i], want[i])
		}
	}
	for _, bad := range []string{"SELECT 1", "SELECT 'open;", "SELECT $x$ open;", `SELECT "open;`, "/* open"} {
		if _, err := splitStatements(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if w := strings.Join(words(`ALTER TABLE public."a b" ADD COLUMN IF NOT EXISTS "c,d" text, ADD x(1)`, 0), "|"); w != `ALTER|TABLE|public."a b"|ADD|COLUMN|IF|NOT|EXISTS|"c,d"|text|,|ADD|x|(|1|)` {
		t.Errorf("words = %s", w)
	}
}

// TestColumnsWithOddNames: column lists split at top-level commas only.
func TestColumnsWithOddNames(t *testing.T) {
	got := addedColumns(`ALTER TABLE public."t,1"
    ADD COLUMN IF NOT EXISTS "a,b" text,
    ADD COLUMN IF NOT EXISTS "c(" numeric;`)
	if len(got) != 2 || got[0] != [2]string{`"a,b"`, "text"} || got[1] != [2]string{`"c("`, "numeric"} {
		t.Errorf("addedColumns = %q", got)
	}
	got = columnDefs(`CREATE TABLE IF NOT EXISTS t (
    "x,y" uuid NOT NULL PRIMARY KEY,
    n     bigint,
    CONSTRAINT k CHECK (n > 0)
);`)
	if len(got) != 2 || got[0] != [2]string{`"x,y"`, "uuid NOT NULL PRIMARY KEY"} || got[1] != [2]string{"n", "bigint"} {
		t.Errorf("columnDefs = %q", got)
	}
}
