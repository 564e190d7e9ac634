// Package fuzzkit holds what the fuzz targets of the loader share: seeds
// taken from real contract files, and a deadline that turns a hang into a
// failing input instead of a stalled fuzzer.
package fuzzkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Seeds returns the content of every .yaml, .yml and .json file under
// dirs. A missing directory only means fewer seeds; it is logged.
func Seeds(tb testing.TB, dirs ...string) [][]byte {
	var out [][]byte
	for _, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			tb.Logf("seed directory %s: %v (skipped)", dir, err)
			continue
		}
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".yaml", ".yml", ".json":
				if b, err := os.ReadFile(p); err == nil {
					out = append(out, b)
				}
			}
			return nil
		})
	}
	return out
}

// Within runs check in a goroutine of its own and fails t when it has not
// returned after d; what names the work in the failure ("parsing 12
// bytes"). A t.Fatal inside check ends that goroutine and fails the test
// as usual.
func Within(t *testing.T, d time.Duration, what string, check func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		check()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not finish in %s", what, d)
	}
}
