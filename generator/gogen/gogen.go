// Package gogen emits the Go package of typed events, validators and the
// event registry from the IR, with github.com/dave/jennifer.
package gogen

import (
	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/ir"
)

// Options configure the Go output.
type Options struct {
	// Dir is the absolute output directory; Package the package name.
	Dir     string
	Package string
}

// Generate returns the Go files for set. (Filled in by the Go generator issue.)
func Generate(set *ir.Set, o Options) ([]files.File, error) { return nil, nil }
