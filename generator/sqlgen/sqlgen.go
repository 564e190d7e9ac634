// Package sqlgen emits PostgreSQL 15 SQL for the event store from the IR:
// projections, handlers, routers and event_types registration.
package sqlgen

import (
	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/ir"
)

// Options configure the SQL output.
type Options struct {
	// Dir is the absolute output directory.
	Dir          string
	Schema       string
	EventStore   string
	TenantColumn string
	TenantClaim  string
}

// Generate returns the SQL files for set. (Filled in by the SQL generator issue.)
func Generate(set *ir.Set, o Options) ([]files.File, error) { return nil, nil }
