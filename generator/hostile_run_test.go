package generator_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/pgtest"
)

// The hostile contracts' outputs, run for real: the Go builds, vets and
// runs no code of the contract's; the SQL applies twice to PostgreSQL,
// stores the text exactly and routes an event.

// TestHostileTextNeverRuns builds and runs a program importing the Go
// generated from the reproductions (text that once became a
// working func init printing PWNED, and a struct field), in every field
// and in the message description alone.
func TestHostileTextNeverRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated packages")
	}
	mod := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(mod, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module hostile\n\ngo 1.24\n")
	var imports, uses strings.Builder
	n := 0
	for _, text := range hostileTexts[:4] {
		for _, mask := range []uint64{allFields, 1 << descriptionField} {
			run := generateHostile(t, text, mask, "public")
			pkg := fmt.Sprintf("p%d", n)
			n++
			for _, f := range run.goOut {
				write(filepath.Join(pkg, filepath.Base(f.Path)), strings.Replace(string(f.Content), "package events", "package "+pkg, 1))
			}
			fmt.Fprintf(&imports, "\t%q\n", "hostile/"+pkg)
			fmt.Fprintf(&uses, "\tfmt.Println(len(%s.EventTypes))\n", pkg)
		}
	}
	write("main.go", "package main\n\nimport (\n\t\"fmt\"\n"+imports.String()+")\n\nfunc main() {\n"+uses.String()+"}\n")
	for _, args := range [][]string{{"vet", "./..."}, {"run", "."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		if bytes.Contains(out, []byte("PWNED")) {
			t.Fatalf("go %s ran contract text:\n%s", strings.Join(args, " "), out)
		}
		if args[0] == "run" && strings.Count(string(out), "2\n") != n {
			t.Fatalf("go run printed %q, want the 2 event types of %d packages", out, n)
		}
	}
}

// descriptionField is the index of the user.registered message's
// description among hostileTemplate's text fields.
var descriptionField = strings.Count(hostileTemplate[:strings.Index(hostileTemplate, "      description: TEXT\n      tags:")], "TEXT")

// TestHostileTextOnPostgres applies the SQL of every seed (each in a
// schema of its own, one database) twice, checks that event_types holds
// the description exactly as written and that an inserted event is routed
// without error.
func TestHostileTextOnPostgres(t *testing.T) {
	dsn := pgtest.DSN(t, "asyncgen_hostile")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	applied := 0
	for i, text := range hostileTexts {
		text = strings.ToValidUTF8(text, "\uFFFD")
		schema := fmt.Sprintf("hostile_%02d", i)
		run := generateHostile(t, text, allFields, schema)
		if run.sqlErr != nil {
			t.Fatalf("%q: %v", text, run.sqlErr)
		}
		sort.Slice(run.sqlOut, func(a, b int) bool { return run.sqlOut[a].Path < run.sqlOut[b].Path })
		for round := 1; round <= 2; round++ {
			for _, f := range run.sqlOut {
				if _, err := conn.Exec(ctx, string(f.Content)); err != nil {
					t.Fatalf("%q: applying %s (round %d): %v", text, filepath.Base(f.Path), round, err)
				}
			}
		}
		applied++
		var desc *string
		if err := conn.QueryRow(ctx, `SELECT description FROM `+schema+`.event_types WHERE event_type = 'user.registered'`).Scan(&desc); err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		// lower trims the space around descriptions; nothing else changes
		// but a NUL, which PostgreSQL cannot store (ir.Storable).
		if want := ir.Storable(strings.TrimSpace(text)); deref(desc) != want && !(desc == nil && want == "") {
			t.Errorf("%q: event_types.description = %q, want %q", text, deref(desc), want)
		}
		// The AFTER INSERT trigger routes the row and records the outcome.
		var id string
		if err := conn.QueryRow(ctx, `INSERT INTO `+schema+`.domain_events (stream_id, stream_type, stream_version, event_type, event_data)
			VALUES (gen_random_uuid(), 'user', 1, 'user.registered', '{"user_id": "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", "role": "owner"}')
			RETURNING id::text`).Scan(&id); err != nil {
			t.Fatalf("%q: inserting an event: %v", text, err)
		}
		var processed bool
		var procErr *string
		if err := conn.QueryRow(ctx, `SELECT processed_at IS NOT NULL, processing_error FROM `+schema+`.domain_events WHERE id = $1`, id).Scan(&processed, &procErr); err != nil || !processed || procErr != nil {
			t.Errorf("%q: the event was not routed: %v %v", text, err, deref(procErr))
		}
	}
	if applied != len(hostileTexts) {
		t.Fatalf("applied %d of %d seeds", applied, len(hostileTexts))
	}
}

func deref(s *string) string {
	if s == nil {
		return "<NULL>"
	}
	return *s
}
