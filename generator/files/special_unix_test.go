//go:build unix

package files

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSpecialFilesInOutputs: a named pipe where an output goes is an
// error, not a hang; one under another name is left alone.
func TestSpecialFilesInOutputs(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "a.gen.go"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "other.go"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Write([]File{{Path: filepath.Join(dir, "a.gen.go"), Content: []byte(hdr)}}, []string{dir})
	if err == nil || !strings.Contains(err.Error(), "a.gen.go: not a regular file (a named pipe)") {
		t.Errorf("got %v", err)
	}
	if _, err := Write([]File{{Path: filepath.Join(dir, "b.gen.go"), Content: []byte(hdr)}}, []string{dir}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(filepath.Join(dir, "other.go")); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe other.go was touched: %v", err)
	}
}
