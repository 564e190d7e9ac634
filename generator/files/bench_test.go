package files

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkWrite replaces a 300-file output set (50 KB each, the size of
// the 2,000-event tree's) through the journal: staging, flushing to disk,
// commit and renames.
func BenchmarkWrite(b *testing.B) {
	dir := b.TempDir()
	body := strings.Repeat("// line of generated code\n", 2000)
	set := func(v int) []File {
		out := make([]File, 300)
		for i := range out {
			out[i] = File{Path: filepath.Join(dir, fmt.Sprintf("f%03d.gen.go", i)), Content: []byte(fmt.Sprintf("%s// v%d\n%s", hdr, v, body))}
		}
		return out
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := Write(set(i), []string{dir})
		if err != nil || len(r.Written) < 300 {
			b.Fatal(err, len(r.Written))
		}
	}
}
