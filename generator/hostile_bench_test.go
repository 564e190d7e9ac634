//go:build unix

package generator_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/asyncgen/asyncgen/generator/internal/hostile"
	"github.com/asyncgen/asyncgen/generator/source"
)

// BenchmarkHostile runs `asyncgen lint` (the real binary, so its memory
// limit and GC settings apply) on each hostile shape at 10 MB, and at the
// largest size the pre-scan lets through to goccy/go-yaml ("fit"): the
// target is that any input up to 10 MB is linted or refused within 2 s and
// 512 MB on 2 cores. It reports wall time per run, the CPU time of the
// process (cpu-s, user and system: on a busy machine the truer figure) and
// its peak resident memory (peak-MB).
func BenchmarkHostile(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "asyncgen")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/asyncgen").CombinedOutput(); err != nil {
		b.Fatalf("building asyncgen: %v\n%s", err, out)
	}
	const size = 10 << 20
	for _, shape := range hostile.Shapes {
		for _, v := range []struct {
			name string
			data func() []byte
		}{
			{"10MB", func() []byte { return shape.Build(size) }},
			{"fit", func() []byte { return shape.Fit(size, source.DefaultMaxTokens/2) }},
		} {
			b.Run(shape.Name+"/"+v.name, func(b *testing.B) {
				dir := b.TempDir()
				data := v.data()
				if err := os.WriteFile(filepath.Join(dir, "hostile.yaml"), data, 0o644); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(data)))
				var peak int64
				var cpu float64
				var out []byte
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					cmd := exec.Command(bin, "lint", "--disable", "naming", "hostile.yaml")
					cmd.Dir = dir
					cmd.Env = append(os.Environ(), "GOMEMLIMIT=", "GOGC=")
					var err error
					if out, err = cmd.CombinedOutput(); err != nil {
						if _, ok := err.(*exec.ExitError); !ok {
							b.Fatal(err)
						}
					}
					if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
						peak = max(peak, int64(ru.Maxrss)) // KiB on Linux
						cpu += float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
					}
				}
				b.Logf("%d bytes: %s", len(data), firstLine(out))
				b.ReportMetric(float64(peak)/1024, "peak-MB")
				b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
			})
		}
	}
}

// firstLine is the first line of the command's output (its outcome, with
// -v), cut to 200 bytes.
func firstLine(out []byte) string {
	s, _, _ := strings.Cut(string(out), "\n")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	if s == "" {
		return "(no output: clean)"
	}
	return s
}
