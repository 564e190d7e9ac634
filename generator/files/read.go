package files

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// DefaultMaxFileSize bounds the bytes read from one file (contracts, the
// config, snapshots) when no limit is configured. Real contract files are
// kilobytes; the largest public AsyncAPI documents are a few megabytes.
const DefaultMaxFileSize = 32 << 20

// TooLargeError is returned by ReadFile for a file above the limit.
type TooLargeError struct {
	Size, Max int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the file is larger than the limit of %s", FormatSize(e.Max))
}

// ErrNotRegular is returned by ReadFile for anything but a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ReadFile reads a regular file of at most max bytes (max <= 0:
// DefaultMaxFileSize). It never blocks on a named pipe or device and never
// reads more than max+1 bytes: the file is opened non-blocking, checked
// with fstat (the file opened, not a path that may have changed), and read
// through a limit. A symbolic link is followed; containment is the
// caller's business.
func ReadFile(path string, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxFileSize
	}
	f, st, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Size() > max {
		return nil, &TooLargeError{Size: st.Size(), Max: max}
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max { // it grew while we read it
		return nil, &TooLargeError{Size: int64(len(data)), Max: max}
	}
	return data, nil
}

// ReadHead reads at most the first n bytes of a regular file, with the
// same care as ReadFile: enough to compare a file with content of n-1
// bytes, or to look for a header.
func ReadHead(path string, n int64) ([]byte, error) {
	f, _, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// openRegular opens path for reading, refusing anything but a regular file
// without blocking on it.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("%w (%s); asyncgen reads only regular files", ErrNotRegular, fileKind(st.Mode()))
	}
	return f, st, nil
}

// fileKind names a non-regular file type for users.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// FormatSize writes a byte count the way limits are configured: in KiB,
// MiB or GiB when it is a whole number of them, else in bytes.
func FormatSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
