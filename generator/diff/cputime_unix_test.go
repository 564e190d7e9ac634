//go:build unix

package diff_test

import "syscall"

// cpuSeconds is the CPU time the process has used (user + system): a
// figure that, unlike ns/op, does not grow when other processes share the
// machine's cores.
func cpuSeconds() (float64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	sec := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return sec(ru.Utime) + sec(ru.Stime), true
}
