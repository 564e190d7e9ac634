package sqlgen_test

import (
	"context"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// TestGenerateRefusesUnsafeNames: lower gives every name a form SQL can
// hold; should an IR carry one that no quoting makes safe anyway, or
// options do, Generate refuses it rather than write broken SQL.
func TestGenerateRefusesUnsafeNames(t *testing.T) {
	for _, bad := range []func(*ir.Set){
		func(s *ir.Set) { s.Streams[0].SQL.Tables[0].Columns[0].Name = "price$$" },
		func(s *ir.Set) { s.Streams[0].SQL.Tables[0].Name = strings.Repeat("t", 64) },
		func(s *ir.Set) { s.Streams[0].SQL.Events[0].Handler = "handle_\nx" },
		func(s *ir.Set) { s.Streams[0].SQL.Tables[0].Indexes[0].Name = "" },
	} {
		set, _, opts := loadCase(t, "../../testdata/gen/sql-basic")
		bad(set)
		if _, err := sqlgen.Generate(set, opts); err == nil {
			t.Errorf("Generate accepted an unsafe name")
		}
	}
	ok, _, opts := loadCase(t, "../../testdata/gen/sql-basic")
	for _, bad := range []sqlgen.Options{
		{Schema: "a$b"}, {EventStore: strings.Repeat("e", 64)}, {TenantColumn: "x\ny"}, {TenantColumn: "updated_at"},
		{TenantClaim: "nul\x00"},
	} {
		bad.Dir = opts.Dir
		if _, err := sqlgen.Generate(ok, bad); err == nil {
			t.Errorf("Generate accepted options %+v", bad)
		}
	}
}

// TestGenerateDeterministic: the same IR gives the same bytes.
func TestGenerateDeterministic(t *testing.T) {
	set, _, opts := loadCase(t, "../..")
	a, err := sqlgen.Generate(set, opts)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		b, _ := sqlgen.Generate(set, opts)
		for j := range a {
			if string(a[j].Content) != string(b[j].Content) || a[j].Path != b[j].Path {
				t.Fatalf("run %d: %s differs", i, a[j].Path)
			}
		}
	}
	for _, f := range a {
		if !strings.HasPrefix(string(f.Content), sqlgen.Header+"\n") {
			t.Errorf("%s does not start with the generated header", f.Path)
		}
	}
}

// TestKeywordsMatchServer compares the keyword list with the server's.
func TestKeywordsMatchServer(t *testing.T) {
	conn := testDB(t)
	rows, err := conn.Query(context.Background(), `SELECT word, catcode FROM pg_get_keywords()`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var word, cat string
		if err := rows.Scan(&word, &cat); err != nil {
			t.Fatal(err)
		}
		want := byte(0)
		if cat != "U" {
			want = cat[0]
			n++
		}
		if got := ir.SQLKeywordCategory(word); got != want {
			t.Errorf("keyword %q: category %q, server says %q", word, got, cat)
		}
	}
	if n == 0 {
		t.Fatal("server listed no reserved keywords")
	}
}

// TestLiteralsRoundTrip: every escaped literal reads back as the text.
func TestLiteralsRoundTrip(t *testing.T) {
	conn := testDB(t)
	var all strings.Builder
	for r := rune(1); r < 0x80; r++ {
		all.WriteRune(r)
	}
	texts := []string{all.String(), "$$", "$function$ $x$", `\\'\'`, "'; DROP TABLE x; --", "e\u0301 ✓ \u2028 \U0001F600", "E'\\x24'"}
	for _, text := range texts {
		l, err := sqlgen.Literal(text)
		if err != nil {
			t.Fatal(err)
		}
		for _, setting := range []string{"on", "off"} {
			if _, err := conn.Exec(context.Background(), "SET standard_conforming_strings = "+setting); err != nil {
				t.Fatal(err)
			}
			var got string
			// inside a dollar-quoted body too
			q := "DO $function$ BEGIN PERFORM set_config('asyncgen.t', " + l + ", false); END $function$"
			if _, err := conn.Exec(context.Background(), q); err != nil {
				t.Fatalf("%q (standard_conforming_strings=%s): %v", text, setting, err)
			}
			if err := conn.QueryRow(context.Background(), "SELECT current_setting('asyncgen.t')").Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != text {
				t.Errorf("literal %s read back as %q, want %q (standard_conforming_strings=%s)", l, got, text, setting)
			}
		}
	}
}

// TestRegistryDDL: the registry table alone applies twice, also in a
// schema of its own, and is the one in 000_event_store.sql.
func TestRegistryDDL(t *testing.T) {
	conn := testDB(t)
	for _, o := range []sqlgen.Options{{}, {Schema: "Registry Schema"}} {
		ddl := sqlgen.RegistryDDL(o)
		for i := 0; i < 2; i++ {
			if _, err := conn.Exec(context.Background(), ddl); err != nil {
				t.Fatalf("RegistryDDL(%+v), run %d: %v", o, i+1, err)
			}
		}
	}
	var n int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM information_schema.tables WHERE table_name = 'event_types'`).Scan(&n); err != nil || n != 2 {
		t.Errorf("event_types tables: %d, %v; want 2", n, err)
	}
	set, _, opts := loadCase(t, "../../testdata/gen/sql-basic")
	out, err := sqlgen.Generate(set, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out[0].Content), sqlgen.RegistryDDL(opts)) {
		t.Error("000_event_store.sql does not contain RegistryDDL's text")
	}
}

// TestGenerateEmptySet: without events the shared files still apply.
func TestGenerateEmptySet(t *testing.T) {
	out, err := sqlgen.Generate(&ir.Set{}, sqlgen.Options{Dir: "/gen/sql"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 3 {
		t.Fatalf("%d files, want 000, 090 and 095", len(out))
	}
	conn := testDB(t)
	applyAll(t, conn, out)
	applyAll(t, conn, out)
	var perr string
	err = conn.QueryRow(context.Background(), `INSERT INTO public.domain_events (stream_id, stream_type, stream_version, event_type, event_data)
		VALUES (gen_random_uuid(), 'any', 1, 'any.happened', '{}') RETURNING id::text`).Scan(&perr)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(context.Background(), `SELECT processing_error FROM public.domain_events`).Scan(&perr); err != nil || !strings.HasPrefix(perr, "P9001: ") {
		t.Errorf("processing_error = %q, %v; want P9001", perr, err)
	}
}

// TestEventTypeCheckFollowsLint: with NoEventTypeCheck (lint did not
// enforce naming.event_type) the event store and the registry take any
// event type, also on a database an earlier apply gave the CHECK.
func TestEventTypeCheckFollowsLint(t *testing.T) {
	conn := testDB(t)
	insert := func() error {
		_, err := conn.Exec(context.Background(), `INSERT INTO public.domain_events (stream_id, stream_type, stream_version, event_type, event_data)
			VALUES (gen_random_uuid(), 'PRE', 1, 'PRE/CMD_ACTIVATE', '{}')`)
		if err == nil {
			_, err = conn.Exec(context.Background(), `INSERT INTO public.event_types (event_type, stream_type, event_schema) VALUES ('PRE/CMD_ACTIVATE', 'PRE', '{}')`)
		}
		return err
	}
	checked, err := sqlgen.Generate(&ir.Set{}, sqlgen.Options{Dir: "/gen/sql"})
	if err != nil {
		t.Fatal(err)
	}
	applyAll(t, conn, checked)
	if err := insert(); pgCode(err) != "23514" {
		t.Fatalf("with the check, inserting an event type outside the pattern: %v; want a check violation", err)
	}
	unchecked, err := sqlgen.Generate(&ir.Set{}, sqlgen.Options{Dir: "/gen/sql", NoEventTypeCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	applyAll(t, conn, unchecked)
	applyAll(t, conn, unchecked)
	if err := insert(); err != nil {
		t.Fatalf("without the check: %v", err)
	}
}
