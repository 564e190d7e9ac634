//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// hostileTree copies the ref-outside-root lint case into a temp dir, with
// outside.yaml moved to outside/ (beside contracts/), and returns the dir.
func hostileTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := lintCase(t, "ref-outside-root")
	copyTree(t, filepath.Join(src, "contracts"), filepath.Join(dir, "contracts"))
	copyTree(t, src, filepath.Join(dir, "outside"))
	os.RemoveAll(filepath.Join(dir, "outside", "contracts"))
	os.Remove(filepath.Join(dir, "outside", "want.txt"))
	return dir
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
}

// setRef points the payload $ref of identity/user.yaml at ref.
func setRef(t *testing.T, dir, ref string) {
	t.Helper()
	p := filepath.Join(dir, "contracts", "identity", "user.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "'../../outside.yaml#/UserRegisteredData'", "'"+ref+"'", 1)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSymlinksCannotEscapeTheRoot: a symbolic link inside the contracts
// tree that leads outside it is refused, whether a $ref goes through it
// or the directory walk finds it; nothing outside the root is read.
func TestSymlinksCannotEscapeTheRoot(t *testing.T) {
	dir := hostileTree(t)
	symlink(t, filepath.Join(dir, "outside"), filepath.Join(dir, "contracts", "shared"))
	symlink(t, filepath.Join(dir, "outside", "outside.yaml"), filepath.Join(dir, "contracts", "leak.yaml"))
	symlink(t, "/dev/zero", filepath.Join(dir, "contracts", "zero.yaml"))
	setRef(t, dir, "../shared/outside.yaml#/UserRegisteredData")
	stdout, stderr, code := runIn(t, dir, "lint")
	want := strings.Join([]string{
		"contracts/identity/user.yaml:27:15: error: $ref \"../shared/outside.yaml#/UserRegisteredData\" leaves the contracts root contracts/: contracts/shared/outside.yaml resolves through a symbolic link to outside/outside.yaml [spec/ref-outside-root]",
		"contracts/leak.yaml: error: the file resolves through a symbolic link to outside/outside.yaml, outside the contracts root contracts/; asyncgen reads nothing outside the root [spec/ref-outside-root]",
		"contracts/zero.yaml: error: the file resolves through a symbolic link to /dev/zero, outside the contracts root contracts/; asyncgen reads nothing outside the root [spec/ref-outside-root]",
	}, "\n") + "\n"
	if code != exitFindings || stdout != want {
		t.Errorf("exit %d, want %d\ngot:\n%s\nwant:\n%s\nstderr:\n%s", code, exitFindings, stdout, want, stderr)
	}
	if strings.Contains(stdout, "UserRegisteredData\" has") || strings.Contains(stdout, "examples/") {
		t.Errorf("the outside file was read:\n%s", stdout)
	}
}

// TestSpecialFilesAreNotRead: a named pipe in the contracts tree, a $ref to
// it, and a device named on the command line get a diagnostic instead of
// a hang (a pipe) or an endless read (/dev/zero).
func TestSpecialFilesAreNotRead(t *testing.T) {
	dir := hostileTree(t)
	fifo := filepath.Join(dir, "contracts", "identity", "f.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	setRef(t, dir, "f.yaml#/UserRegisteredData")
	stdout, stderr, code := runIn(t, dir, "lint")
	want := strings.Join([]string{
		"contracts/identity/f.yaml: error: cannot read file: not a regular file (a named pipe); asyncgen reads only regular files [spec/io]",
		"contracts/identity/user.yaml:27:15: error: $ref \"f.yaml#/UserRegisteredData\": contracts/identity/f.yaml is not a regular file; asyncgen reads only regular files [spec/io]",
	}, "\n") + "\n"
	if code != exitFindings || stdout != want {
		t.Errorf("exit %d, want %d\ngot:\n%s\nwant:\n%s\nstderr:\n%s", code, exitFindings, stdout, want, stderr)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	stdout, _, code = runIn(t, dir, "lint", "/dev/zero")
	if want := "/dev/zero: error: cannot read file: not a regular file (a character device); asyncgen reads only regular files [spec/io]\n"; code != exitFindings || stdout != want {
		t.Errorf("lint /dev/zero: exit %d\ngot:  %swant: %s", code, stdout, want)
	}
}

// TestFileSizeLimit: a file above limits.max_file_size is refused before
// it is parsed.
func TestFileSizeLimit(t *testing.T) {
	dir := hostileTree(t)
	os.WriteFile(filepath.Join(dir, "asyncgen.yaml"), []byte("limits: {max_file_size: 1000}\n"), 0o644)
	stdout, stderr, code := runIn(t, dir, "lint")
	want := "contracts/identity/user.yaml: error: the file is larger than the limit of 1000 bytes (limits.max_file_size in asyncgen.yaml) [spec/input-limit]\n"
	if code != exitFindings || stdout != want {
		t.Errorf("exit %d, want %d\ngot:\n%s\nwant:\n%s\nstderr:\n%s", code, exitFindings, stdout, want, stderr)
	}
}

// TestSpecialBaselineFile: diff --against a named pipe is a usage error,
// not a hang.
func TestSpecialBaselineFile(t *testing.T) {
	dir := diffCase(t, "p18-enum-value-removed")
	if err := syscall.Mkfifo(filepath.Join(dir, "base.json"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	_, stderr, code := runCLI(t, dir, "diff", "--against", "base.json", "new")
	if code != exitUsage || !strings.Contains(stderr, "--against base.json: not a regular file (a named pipe)") {
		t.Errorf("exit %d, want %d\n%s", code, exitUsage, stderr)
	}
}

// TestSymlinkedContractsDirectory: a contracts directory that is itself a
// symbolic link is walked (it used to yield no files at all).
func TestSymlinkedContractsDirectory(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(lintCase(t, "clean"), "contracts"), filepath.Join(dir, "api", "contracts"))
	symlink(t, filepath.Join("api", "contracts"), filepath.Join(dir, "contracts"))
	stdout, stderr, code := runIn(t, dir, "lint")
	if code != exitOK || stdout != "" {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	stdout, _, _ = runIn(t, dir, "snapshot")
	if !strings.Contains(stdout, `"user.registered"`) {
		t.Errorf("the linked directory's documents were not read:\n%.300s", stdout)
	}
}
