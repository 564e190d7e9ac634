// Command writetree writes the synthetic benchmark tree (100 files, 2,000
// events by default) for measuring real CLI runs (see BENCHMARKS.md):
//
//	go run ./generator/internal/synthtree/writetree -o /tmp/tree
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/asyncgen/asyncgen/generator/internal/synthtree"
)

func main() {
	out := flag.String("o", "", "output directory (created)")
	files := flag.Int("files", 100, "number of domain files")
	events := flag.Int("events", 20, "events per file")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "writetree: -o DIR is required")
		os.Exit(2)
	}
	if err := synthtree.Write(*out, *files, *events); err != nil {
		fmt.Fprintln(os.Stderr, "writetree:", err)
		os.Exit(1)
	}
}
