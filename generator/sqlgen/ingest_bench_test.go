package sqlgen_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/pgtest"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// Ingest figures (BENCHMARKS.md, "Ingest"): 20,000 mixed events of the
// shipped contracts inserted into the event store once per variant:
//
//	raw        the event store's triggers disabled: the baseline
//	empty      a PL/pgSQL BEFORE trigger that only returns NEW: the floor
//	           of any trigger
//	statement  a PL/pgSQL BEFORE trigger that runs one SQL statement per
//	           event (a primary-key probe): the floor of any trigger that
//	           writes a projection row per event
//	record     the generated trigger, sql.on_error: record (the default)
//	abort      the generated trigger, sql.on_error: abort
//
// in two ways: append, one INSERT statement per event as an application
// (and the generated Go Append) writes them, ingestBatch events per
// transaction sent in one round trip; and bulk, one INSERT … SELECT of
// ingestBatch rows per transaction from a staging table.
//
// Each variant starts from empty tables; one benchmark iteration runs every
// variant once, so -benchtime Nx interleaves N rounds. Reported, each the
// best round of the variant (on a shared machine other load only ever
// slows a round down): wall-clock events/s; the CPU time the server
// process spent per event (cpu-µs/event, from /proc/<backend
// pid>/schedstat when the server runs on this machine), which that load
// disturbs less; each variant's share of raw throughput (%-of-raw, from
// CPU time when known, else from wall time); and the event store's dead
// tuples and updates per event with the generated trigger (all rounds).
const (
	ingestEvents = 20000
	ingestBatch  = 100
)

func BenchmarkIngest(b *testing.B) {
	dsn := pgtest.DSN(b, "asyncgen_bench")
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { conn.Close(context.Background()) })
	set, diags, opts := loadCase(b, "../..")
	if diags.HasErrors() {
		b.Fatalf("shipped contracts do not lint:\n%v", diags)
	}
	sqlFor := func(onError string) []files.File {
		o := opts
		o.OnError = onError
		out, err := sqlgen.Generate(set, o)
		if err != nil {
			b.Fatal(err)
		}
		return out
	}
	record, abort := sqlFor(sqlgen.OnErrorRecord), sqlFor(sqlgen.OnErrorAbort)
	applyAll(b, conn, record)
	events := mixedEvents(b, set, ingestEvents, 0, 1)
	stageEvents(b, conn, events)
	store := pgx.Identifier{opts.Schema, opts.EventStore}.Sanitize()
	exec(b, conn, `CREATE FUNCTION bench_empty() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`)
	exec(b, conn, `CREATE FUNCTION bench_statement() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN PERFORM 1 FROM `+store+` WHERE id = NEW.id; RETURN NEW; END $$`)
	truncate := `TRUNCATE ` + store
	for _, st := range set.Streams {
		for _, t := range st.SQL.Tables {
			truncate += ", " + pgx.Identifier{opts.Schema, t.Name}.Sanitize()
		}
	}
	const columns = `stream_id, stream_type, stream_version, event_type, event_data, event_metadata`
	modes := []struct {
		name   string
		insert func(from, to int) error
	}{
		{"append", func(from, to int) error {
			batch := &pgx.Batch{}
			for _, e := range events[from:to] {
				batch.Queue(`INSERT INTO `+store+` (`+columns+`) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
					e.streamID, e.streamType, e.version, e.eventType, string(e.data), string(e.metadata))
			}
			// One implicit transaction: the batch is sent with one Sync.
			return conn.SendBatch(ctx, batch).Close()
		}},
		{"bulk", func(from, to int) error {
			_, err := conn.Exec(ctx, `INSERT INTO `+store+` (`+columns+`) SELECT `+columns+`
				FROM bench_events WHERE ord >= $1 AND ord < $2 ORDER BY ord`, from, to)
			return err
		}},
	}
	variants := []struct {
		name  string
		setup string
		sql   []files.File
	}{
		{"raw", `ALTER TABLE ` + store + ` DISABLE TRIGGER USER`, nil},
		{"empty", `ALTER TABLE ` + store + ` DISABLE TRIGGER USER; CREATE TRIGGER bench_floor BEFORE INSERT ON ` + store + ` FOR EACH ROW EXECUTE FUNCTION bench_empty()`, nil},
		{"statement", `ALTER TABLE ` + store + ` DISABLE TRIGGER USER; CREATE TRIGGER bench_floor BEFORE INSERT ON ` + store + ` FOR EACH ROW EXECUTE FUNCTION bench_statement()`, nil},
		{"record", ``, record},
		{"abort", ``, abort},
	}
	pid := backendPID(b, conn)
	_, cpuKnown := backendCPU(pid)
	for _, mode := range modes {
		b.Run(mode.name, func(b *testing.B) {
			// The best round of each variant.
			elapsed, cpu := map[string]time.Duration{}, map[string]time.Duration{}
			best := func(m map[string]time.Duration, name string, d time.Duration) {
				if old, ok := m[name]; !ok || d < old {
					m[name] = d
				}
			}
			var dead, updates int64
			for i := 0; i < b.N; i++ {
				for _, v := range variants {
					b.StopTimer()
					exec(b, conn, `DROP TRIGGER IF EXISTS bench_floor ON `+store+`; ALTER TABLE `+store+` ENABLE TRIGGER USER`)
					if v.sql != nil {
						applyAll(b, conn, v.sql)
					}
					if v.setup != "" {
						exec(b, conn, v.setup)
					}
					exec(b, conn, truncate)
					_, _ = conn.Exec(ctx, `CHECKPOINT`)
					before := tableStats(b, conn, store)
					cpuStart, _ := backendCPU(pid)
					b.StartTimer()
					start := time.Now()
					for from := 0; from < ingestEvents; from += ingestBatch {
						if err := mode.insert(from, from+ingestBatch); err != nil {
							b.Fatalf("%s: %v", v.name, err)
						}
					}
					best(elapsed, v.name, time.Since(start))
					b.StopTimer()
					cpuEnd, _ := backendCPU(pid)
					best(cpu, v.name, cpuEnd-cpuStart)
					if v.sql != nil {
						after := tableStats(b, conn, store)
						dead += after.dead
						updates += after.updates - before.updates
						var unprocessed int
						if err := conn.QueryRow(ctx, `SELECT count(*) FROM `+store+` WHERE processed_at IS NULL`).Scan(&unprocessed); err != nil {
							b.Fatal(err)
						}
						if unprocessed != 0 {
							b.Fatalf("%s: %d of the benchmark's events were not processed", v.name, unprocessed)
						}
					}
					exec(b, conn, `DROP TRIGGER IF EXISTS bench_floor ON `+store+`; ALTER TABLE `+store+` ENABLE TRIGGER USER`)
					b.StartTimer()
				}
			}
			b.StopTimer()
			n := float64(ingestEvents)
			for _, v := range variants {
				b.ReportMetric(n/elapsed[v.name].Seconds(), v.name+"-events/s")
				if cpuKnown {
					b.ReportMetric(float64(cpu[v.name].Microseconds())/n, v.name+"-cpu-µs/event")
				}
			}
			for _, v := range variants[1:] {
				share := 100 * elapsed["raw"].Seconds() / elapsed[v.name].Seconds()
				if cpuKnown {
					share = 100 * cpu["raw"].Seconds() / cpu[v.name].Seconds()
				}
				b.ReportMetric(share, v.name+"-%-of-raw")
			}
			// Both generated variants count: 2 runs per iteration.
			b.ReportMetric(float64(dead)/float64(2*ingestEvents*b.N), "dead-tuples/event")
			b.ReportMetric(float64(updates)/float64(2*ingestEvents*b.N), "updates/event")
		})
	}
}

// stats are a table's cumulative statistics.
type stats struct{ dead, updates int64 }

// tableStats flushes this session's statistics and reads the table's dead
// tuples and updates.
func tableStats(t testing.TB, conn *pgx.Conn, table string) stats {
	t.Helper()
	// The flush happens when the session goes idle after this statement.
	exec(t, conn, `SELECT pg_stat_force_next_flush()`)
	var s stats
	if err := conn.QueryRow(ctx, `SELECT n_dead_tup, n_tup_upd FROM pg_stat_user_tables WHERE relid = $1::regclass`, table).Scan(&s.dead, &s.updates); err != nil {
		t.Fatal(err)
	}
	return s
}

func backendPID(t testing.TB, conn *pgx.Conn) int {
	t.Helper()
	var pid int
	if err := conn.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	return pid
}

// backendCPU is the CPU time the server process pid has used, from
// /proc/<pid>/schedstat (nanoseconds); false when the server is not a
// process of this machine that we may read.
func backendCPU(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/schedstat", pid))
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0, false
	}
	ns, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return 0, false
	}
	return time.Duration(ns), true
}

func exec(t testing.TB, conn *pgx.Conn, sql string, args ...any) {
	t.Helper()
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", firstLine(sql), err)
	}
}

func firstLine(s string) string {
	for i, c := range s {
		if c == '\n' {
			return s[:i] + " …"
		}
	}
	return fmt.Sprint(s)
}
