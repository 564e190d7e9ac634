package generator_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/internal/corpus"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/pgtest"
)

// plainAPI is how a team lints a plain MQTT, Kafka or WebSocket API: the
// event-store categories off.
var plainAPI = []string{"naming", "conventions", "versioning", "examples"}

// codegenOff are the generate goldens checked with the codegen category
// off as well (the mode that must accept what the official AsyncAPI parser
// accepts): patterns Go's regexp cannot compile (a lookahead, a
// backreference in a patternProperties key, propertyNames) and NUL
// characters (in descriptions, enum values, a const), which only codegen
// rules report. Lint must pass them, and the invariant must hold.
var codegenOff = map[string]bool{"go-uncheckable-pattern": true, "sql-nul-text": true}

// invariantInput is one contract set the invariant is checked on.
type invariantInput struct {
	name string
	cfg  *config.Config
	// paths are the documents (none: the configured contracts directory).
	paths   []string
	disable []string
	// mustLint: lint must pass (an official-valid corpus document); else a
	// set lint refuses is no counterexample, only not counted.
	mustLint bool

	pkg, sqlDir string
	res         *generator.GenerateResult
	failure     string
}

// TestLintPassImpliesGenerate checks asyncgen's promise on real contracts:
// whenever lint exits 0, generate exits 0, the Go it writes builds, vets,
// is gofmt-clean and imports and decodes without panicking, and the SQL
// applies twice to PostgreSQL 15 and routes an inserted row of every
// registered event type (none is left with P9001). It runs on every
// document of ../shared/corpus the official AsyncAPI parser accepts, each
// alone, linted as a plain API (--disable
// naming,conventions,versioning,examples); on contracts/ as shipped; on
// every generate golden with its own config and the plain-API categories
// off; and on the codegenOff goldens with the codegen category off too.
// All Go packages are built and vetted by one go command in one module and
// imported by one program (importAll); each SQL output gets a database of
// its own.
func TestLintPassImpliesGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("generates, builds and applies every corpus document")
	}
	root := repoRootDir(t)
	work := t.TempDir()
	inputs := invariantInputs(t, root)
	for i, in := range inputs {
		in.pkg = fmt.Sprintf("c%03d", i)
		in.sqlDir = filepath.Join(work, "sql", in.pkg)
		in.cfg.Go = config.GoConfig{Out: filepath.Join(work, "mod", in.pkg), Package: in.pkg}
		in.cfg.SQL.Out = in.sqlDir
		res, err, panicked := generateNoPanic(in)
		switch {
		case panicked != "":
			in.failure = "generate panicked: " + panicked
		case err != nil && res == nil:
			// generate exits 2; was it lint that failed?
			lint, lerr := generator.Lint(generator.Options{Config: in.cfg, Paths: in.paths, Disable: in.disable, Cwd: in.cfg.Dir})
			if lerr != nil || lint.Diagnostics.HasErrors() {
				in.failure = fmt.Sprintf("lint: %v %v", lerr, firstErrors(lint))
			} else {
				in.failure = "lint passed, generate failed: " + err.Error()
			}
		case res.Report == nil:
			in.failure = "lint: " + firstErrors(res.Result)
		default:
			in.res = res
		}
	}
	goFailures := buildAll(t, filepath.Join(work, "mod"), inputs)
	importAll(t, filepath.Join(work, "mod"), inputs, goFailures)
	sqlFailures := applyAll(t, inputs)
	ok := 0
	for _, in := range inputs {
		switch {
		case in.failure == "" && goFailures[in.pkg] == "" && sqlFailures[in.pkg] == "":
			ok++
			continue
		case in.res == nil && !in.mustLint:
			// lint refused a set that need not pass: no counterexample
			ok++
			continue
		case in.failure == "":
			in.failure = strings.TrimSpace(goFailures[in.pkg] + "\n" + sqlFailures[in.pkg])
		}
		t.Errorf("%s: %s", in.name, in.failure)
	}
	msg := fmt.Sprintf("generated %d/%d", ok, len(inputs))
	t.Log(msg)
	fmt.Println(msg)
}

// invariantInputs lists the corpus documents, contracts/ and the goldens.
func invariantInputs(t *testing.T, root string) []*invariantInput {
	var inputs []*invariantInput
	dir := filepath.Join(root, "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("../shared/corpus not found beside the repository")
		}
		t.Log("../shared/corpus not found: checking contracts/ and the goldens only")
	} else {
		docs, err := corpus.Valid(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			cfg := config.Default(dir)
			cfg.Contracts = dir
			inputs = append(inputs, &invariantInput{name: d.Name, cfg: cfg, paths: []string{d.Path}, disable: plainAPI, mustLint: true})
		}
	}
	inputs = append(inputs, extraInputs(t)...)
	cfg := config.Default(root)
	inputs = append(inputs, &invariantInput{name: "contracts/", cfg: cfg, mustLint: true})
	goldens, _ := filepath.Glob(filepath.Join(root, "testdata", "gen", "*", "contracts"))
	sort.Strings(goldens)
	found := map[string]bool{}
	for _, g := range goldens {
		caseDir := filepath.Dir(g)
		cfg := config.Default(caseDir)
		if p := filepath.Join(caseDir, config.FileName); fileExists(p) {
			var ds diag.List
			var err error
			if cfg, ds, err = generator.LoadConfig(p, caseDir); err != nil || ds.HasErrors() {
				t.Fatalf("%s: %v %v", p, err, ds)
			}
		}
		name := filepath.Base(caseDir)
		in := &invariantInput{name: "testdata/gen/" + name, cfg: cfg, disable: plainAPI}
		if codegenOff[name] {
			found[name] = true
			in.name += " (codegen off)"
			in.disable = append([]string{"codegen"}, plainAPI...)
			in.mustLint = true
		}
		inputs = append(inputs, in)
	}
	for name := range codegenOff {
		if !found[name] {
			t.Errorf("codegenOff names testdata/gen/%s, which has no contracts", name)
		}
	}
	return inputs
}

// extraInputs lists the documents of $ASYNCGEN_INVARIANT_EXTRA (a
// directory of further AsyncAPI 2.x documents, kept outside the
// repository), each alone and linted as a plain API; nothing when the
// variable is unset. Those $ASYNCGEN_INVARIANT_EXTRA_VERDICTS lists as
// official-valid must lint and generate; the others are still generated
// (a panic fails the test) but lint may refuse them.
func extraInputs(t *testing.T) []*invariantInput {
	dir := os.Getenv(corpus.EnvExtra)
	if dir == "" {
		return nil
	}
	docs, err := corpus.Extra(dir, os.Getenv(corpus.EnvExtraVerdicts))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatalf("%s=%s holds no AsyncAPI 2.x document", corpus.EnvExtra, dir)
	}
	var inputs []*invariantInput
	for _, d := range docs {
		cfg := config.Default(filepath.Dir(d.Path))
		cfg.Contracts = filepath.Dir(d.Path)
		inputs = append(inputs, &invariantInput{name: d.Name, cfg: cfg, paths: []string{d.Path}, disable: plainAPI, mustLint: d.Valid})
	}
	return inputs
}

// generateNoPanic runs generate on one input and turns a panic into a
// failure of that input (the others still run).
func generateNoPanic(in *invariantInput) (res *generator.GenerateResult, err error, panicked string) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprint(r)
		}
	}()
	res, err = generator.Generate(generator.Options{Config: in.cfg, Paths: in.paths, Disable: in.disable, Cwd: in.cfg.Dir}, false)
	return res, err, ""
}

// buildAll builds, vets and gofmt-checks every generated package in one
// module and returns each failing package's output.
func buildAll(t *testing.T, mod string, inputs []*invariantInput) map[string]string {
	failures := map[string]string{}
	generated := false
	for _, in := range inputs {
		if in.res == nil {
			continue
		}
		generated = true
		files, _ := filepath.Glob(filepath.Join(mod, in.pkg, "*.go"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if formatted, err := format.Source(b); err != nil || !bytes.Equal(formatted, b) {
				failures[in.pkg] += fmt.Sprintf("%s is not gofmt-clean (%v)\n", filepath.Base(f), err)
			}
		}
	}
	if !generated {
		return failures
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module invariant\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
		out, err := cmd.CombinedOutput()
		if err == nil {
			continue
		}
		// Lines name the package directory (./c07/x.gen.go:3:1: …, # invariant/c07).
		blamed := false
		for _, line := range strings.Split(string(out), "\n") {
			if m := pkgInOutput.FindStringSubmatch(line); m != nil {
				failures[m[1]+m[2]] += "go " + args[0] + ": " + line + "\n"
				blamed = true
			}
		}
		if !blamed {
			t.Fatalf("go %s: %v\n%s", args[0], err, out)
		}
	}
	return failures
}

var pkgInOutput = regexp.MustCompile(`(?:^|[ /.])(c\d{3})[/ :]|invariant/(c\d{3})`)

// applyAll applies each generated SQL output twice to a database of its
// own and routes one row of every registered event type; it returns each
// failing output's problems. Without a server it reports nothing (and
// pgtest fails the test under CI).
func applyAll(t *testing.T, inputs []*invariantInput) map[string]string {
	failures := map[string]string{}
	if os.Getenv(pgtest.EnvDSN) == "" {
		pgtest.ServerDSN(t) // fails under CI
		t.Log("SQL not applied: " + pgtest.EnvDSN + " is not set")
		return failures
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for _, in := range inputs {
		if in.res == nil {
			continue
		}
		dsn := pgtest.DSN(t, "asyncgen_invariant")
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if problem := applyAndRoute(dsn, in); problem != "" {
				mu.Lock()
				failures[in.pkg] = problem
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return failures
}

// applyAndRoute applies one SQL output twice and inserts a row of every
// registered event type; it returns what went wrong, or "".
func applyAndRoute(dsn string, in *invariantInput) string {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err.Error()
	}
	defer conn.Close(context.Background())
	files, _ := filepath.Glob(filepath.Join(in.sqlDir, "*.sql"))
	sort.Strings(files)
	for pass := 1; pass <= 2; pass++ {
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return err.Error()
			}
			if _, err := conn.Exec(ctx, string(b)); err != nil {
				return fmt.Sprintf("applying %s (pass %d): %v", filepath.Base(f), pass, err)
			}
		}
	}
	store := pgx.Identifier{in.cfg.SQL.Schema, in.cfg.SQL.EventStore}.Sanitize()
	var problems []string
	for _, st := range in.res.IR.Streams {
		for _, es := range st.SQL.Events {
			data, _ := json.Marshal(rowData(es.Event))
			var perr *string
			// A NUL cannot be stored: the row holds what the generated
			// SQL routes on, its text \x00 (ir.Storable).
			err := conn.QueryRow(ctx, `INSERT INTO `+store+` (stream_id, stream_type, stream_version, event_type, event_data)
				VALUES ($1, $2, 1, $3, $4::jsonb) RETURNING processing_error`, randomUUID(), ir.Storable(st.Name), ir.Storable(es.Event.Type), string(data)).Scan(&perr)
			switch {
			case err != nil && (sqlState(err) == "P9001" || in.cfg.SQL.OnError != config.OnErrorAbort):
				problems = append(problems, fmt.Sprintf("inserting %q: %v", es.Event.Type, err))
			case err != nil:
				// on_error: abort fails the insert when the routed handler
				// refuses the row (P9002 no row, P9003 check_data …),
				// where record stores the event with that error.
			case perr != nil && strings.HasPrefix(*perr, "P9001"):
				problems = append(problems, fmt.Sprintf("%q is not routed: %s", es.Event.Type, *perr))
			}
		}
	}
	return strings.Join(problems, "\n")
}

// sqlState is the SQLSTATE of a server error, or "".
func sqlState(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

// rowData is what the event store would hold as the event's data: its
// first example (an envelope's event_data), else an empty object, with
// any NUL as jsonb can hold it (ir.StorableJSON).
func rowData(ev *ir.Event) any {
	if len(ev.Examples) == 0 {
		return map[string]any{}
	}
	v := ev.Examples[0].Value
	if m, ok := v.(map[string]any); ok && ev.Envelope {
		if d, ok := m["event_data"]; ok {
			return ir.StorableJSON(d)
		}
	}
	return ir.StorableJSON(v)
}

func randomUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// firstErrors shows a lint result's first errors.
func firstErrors(res *generator.Result) string {
	if res == nil {
		return ""
	}
	var out []string
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error && len(out) < 3 {
			out = append(out, fmt.Sprintf("%s: %s [%s]", d.Pos, d.Message, d.Rule))
		}
	}
	return strings.Join(out, "; ")
}

// repoRootDir is the directory holding go.mod.
func repoRootDir(t *testing.T) string {
	wd, _ := os.Getwd()
	for d := wd; d != filepath.Dir(d); d = filepath.Dir(d) {
		if fileExists(filepath.Join(d, "go.mod")) {
			return d
		}
	}
	t.Fatal("go.mod not found")
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
