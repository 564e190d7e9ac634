package generator

import (
	"fmt"

	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/gogen"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// GenerateResult is the outcome of generate. When lint found no errors, its
// IR has dropped the functions that read the source files
// (ir.Set.DropSource): use Lint for a stage that needs them.
type GenerateResult struct {
	*Result
	// Report is nil when lint found errors (nothing was generated).
	Report *files.Report
}

// Generate lints, and only when lint finds no errors, renders every output
// in memory and writes them in one atomic step (or, with check, compares
// them with the disk and writes nothing).
func Generate(o Options, check bool) (*GenerateResult, error) {
	return generate(o, check, nil)
}

// generate is Generate; beforeWrite, when set, sees the rendered SQL once
// everything is rendered and before anything is written, and may stop the
// run with an error.
func generate(o Options, check bool, beforeWrite func(sql []files.File) error) (*GenerateResult, error) {
	res, err := Lint(o)
	if err != nil {
		return nil, err
	}
	out := &GenerateResult{Result: res}
	if res.Diagnostics.HasErrors() {
		return out, nil
	}
	// The generators read the IR only: let the parsed files go.
	res.IR.DropSource()
	cfg := o.Config
	sqlOpts := SQLOptions(cfg, res)
	store, err := sqlgen.EventStoreName(sqlOpts)
	if err != nil {
		return nil, fmt.Errorf("generating SQL: %w", err)
	}
	goFiles, err := gogen.Generate(res.IR, gogen.Options{Dir: cfg.Go.Out, Package: cfg.Go.Package, EventStore: store})
	if err != nil {
		return nil, fmt.Errorf("generating Go: %w", err)
	}
	sqlFiles, err := sqlgen.Generate(res.IR, sqlOpts)
	if err != nil {
		return nil, fmt.Errorf("generating SQL: %w", err)
	}
	if beforeWrite != nil {
		if err := beforeWrite(sqlFiles); err != nil {
			return nil, err
		}
	}
	all := append(goFiles, sqlFiles...)
	owned := []string{cfg.Go.Out, cfg.SQL.Out}
	var rep files.Report
	if check {
		rep, _, err = files.Plan(all, owned)
	} else {
		rep, err = files.Write(all, owned)
	}
	if err != nil {
		return nil, err
	}
	out.Report = &rep
	return out, nil
}
