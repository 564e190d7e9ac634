//go:build !unix

package diff_test

// cpuSeconds is not measured outside unix.
func cpuSeconds() (float64, bool) { return 0, false }
