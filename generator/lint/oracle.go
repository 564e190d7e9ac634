package lint

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/asyncgen/asyncgen/generator/formats"
	"github.com/asyncgen/asyncgen/generator/ir"
)

// oracle compiles schemas with santhosh-tekuri/jsonschema/v5 (draft-07),
// from the IR's resources only: it never loads anything else.
//
// Compiling is the most expensive part of lint (jsonschema/v5 checks every
// subschema against the meta-schema), so schemas are compiled once per run,
// in parallel: the roots (event payloads, the Checked message schemas, and
// every schema neither reaches, see plan) are grouped by the file that
// holds them, and each group gets its own compiler, fed one bundle of the
// group's distinct schema objects, or the files the group reaches when it
// cannot be bundled (compileGroup). The group's worker also validates the
// message examples of its roots and the default and examples of the
// schemas it owns, so that only the outcomes are kept and the compiled
// schemas are freed with the group.
type oracle struct {
	// roots lists the compiled schemas once each, in plan order.
	roots    []*ir.Schema
	compiled map[*ir.Schema]error
	examples map[*ir.Event][]error
	parts    map[*ir.Checked][]error
	values   map[*ir.Schema]valueErrors
}

// valueErrors are the outcomes of validating a schema's own default and
// each of its examples against it (nil entries are valid values).
type valueErrors struct {
	Default  error
	Examples []error
}

// jsonschema returns the run's oracle, waiting for it when Run started
// building it in the background.
func (c *Context) jsonschema() *oracle {
	return c.oracle()
}

// compile returns the outcome of compiling a root schema (every root is
// compiled when the oracle is built).
func (o *oracle) compile(s *ir.Schema) error {
	err, ok := o.compiled[s]
	if !ok {
		return fmt.Errorf("schema %s#%s was not compiled", s.URL, s.Pointer)
	}
	return err
}

// validateExamples returns the outcome of validating each example of ev
// against its compiled payload (nil when the payload did not compile).
func (o *oracle) validateExamples(ev *ir.Event) []error {
	return o.examples[ev]
}

// groupResult is what one group's worker keeps.
type groupResult struct {
	compiled map[*ir.Schema]error
	examples map[*ir.Event][]error
	parts    map[*ir.Checked][]error
	values   map[*ir.Schema]valueErrors
}

func newGroupResult(roots int) groupResult {
	return groupResult{compiled: make(map[*ir.Schema]error, roots), examples: map[*ir.Event][]error{},
		parts: map[*ir.Checked][]error{}, values: map[*ir.Schema]valueErrors{}}
}

// buildOracle compiles every root of set, a group per file on GOMAXPROCS
// workers, and validates the examples and defaults.
func buildOracle(set *ir.Set) *oracle {
	p := makePlan(set)

	// Each resource is encoded once, lazily, and shared by every compiler;
	// workers encode different resources at the same time.
	type encoding struct {
		once sync.Once
		b    []byte
	}
	encoded := make(map[string]*encoding, len(set.ResourceURLs))
	for _, u := range set.ResourceURLs {
		encoded[u] = &encoding{}
	}
	encode := func(u string) []byte {
		e := encoded[u]
		if e == nil {
			return nil // not a loaded file
		}
		e.once.Do(func() {
			e.b = set.ResourceJSON(u)
		})
		return e.b
	}

	results := make([]groupResult, len(p.keys))
	work := make(chan int)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	if workers > len(p.keys) {
		workers = len(p.keys)
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i] = compileGroupSafely(set, p.groups[p.keys[i]], encode)
			}
		}()
	}
	for i := range p.keys {
		work <- i
	}
	close(work)
	wg.Wait()

	o := &oracle{roots: p.roots, compiled: make(map[*ir.Schema]error, len(p.roots)), examples: map[*ir.Event][]error{},
		parts: map[*ir.Checked][]error{}, values: map[*ir.Schema]valueErrors{}}
	for _, r := range results {
		for s, err := range r.compiled {
			o.compiled[s] = err
		}
		for ev, errs := range r.examples {
			o.examples[ev] = errs
		}
		for c, errs := range r.parts {
			o.parts[c] = errs
		}
		for s, v := range r.values {
			o.values[s] = v
		}
	}
	return o
}

// compileGroupFn is compileGroup; tests replace it to make a worker panic.
var compileGroupFn = compileGroup

// compileGroupSafely runs compileGroup on a worker goroutine, where a panic
// would end the process past the command's recovery: it becomes the
// compile error of every root of the group instead, which schema/meta
// reports at each root while lint goes on.
func compileGroupSafely(set *ir.Set, g *group, encode func(string) []byte) (res groupResult) {
	defer func() {
		if r := recover(); r != nil {
			res = newGroupResult(len(g.roots))
			for _, p := range g.roots {
				res.compiled[p] = fmt.Errorf("internal error: jsonschema/v5 failed on this schema (%v); please report it", r)
			}
		}
	}()
	return compileGroupFn(set, g, encode)
}

// compileGroup compiles the roots of a group, which live in one file, and
// validates their message examples and the values of the schemas the
// group owns. It first hands jsonschema/v5 one bundle in which every
// distinct schema object of the group appears once (bundle); when a
// schema cannot be bundled or the bundle does not compile, the group is
// compiled from the files themselves, so that the diagnostics point where
// the files say.
func compileGroup(set *ir.Set, g *group, encode func(string) []byte) groupResult {
	if set.SchemaJSON != nil {
		if comp, ids, schemas, ok := compileBundleWith(set, g.roots); ok {
			res := validateGroup(g, schemas, make([]error, len(g.roots)))
			validateValues(g.values, res.values, func(s *ir.Schema) (*jsonschema.Schema, error) {
				id, ok := ids[s]
				if !ok {
					return nil, fmt.Errorf("not in the bundle")
				}
				return comp.Compile(bundleURL + id)
			})
			return res
		}
	}
	comp, schemas, errs := compileFilesWith(set, g.roots, encode)
	res := validateGroup(g, schemas, errs)
	validateValues(g.values, res.values, func(s *ir.Schema) (*jsonschema.Schema, error) {
		return comp.Compile(s.URL + "#" + s.Pointer)
	})
	return res
}

// bundleURL names the oracle's bundles; the loader refuses every other URL
// that is not a loaded file.
const bundleURL = "file:///asyncgen-oracle/bundle.json"

// bundle writes the schemas reachable from payloads as one draft-07
// document, {"definitions": {...}}, in which identical schema objects
// (same JSON, same resolved children) are one definition, and returns the
// reference of each payload. Most of jsonschema/v5's time goes to checking
// every schema object against the meta-schema while compiling; real trees
// repeat the same small schemas (uuid, timestamps, shared metadata) many
// times. A schema on a $ref cycle is named after its location instead of
// its content. ids maps every schema written to its reference in the
// bundle ("#/definitions/n3"). ok is false when some schema cannot be
// written this way.
func bundle(set *ir.Set, payloads []*ir.Schema) (doc []byte, ids map[*ir.Schema]string, ok bool) {
	ids = map[*ir.Schema]string{}
	byContent := map[string]string{}
	onStack := map[*ir.Schema]bool{}
	cyclic := map[*ir.Schema]string{}
	var defs []byte
	ok = true
	define := func(name string, b []byte) {
		if len(defs) > 0 {
			defs = append(defs, ',')
		}
		defs = append(defs, '"')
		defs = append(defs, name...)
		defs = append(defs, '"', ':')
		defs = append(defs, b...)
	}
	cycleName := func(s *ir.Schema) string {
		if _, seen := cyclic[s]; !seen {
			cyclic[s] = fmt.Sprintf("c%d", len(cyclic))
		}
		return cyclic[s]
	}
	var ref func(*ir.Schema) string
	ref = func(s *ir.Schema) string {
		if r, seen := ids[s]; seen {
			return r
		}
		if onStack[s] {
			return "#/definitions/" + cycleName(s)
		}
		onStack[s] = true
		b, good := set.SchemaJSON(s, ref)
		delete(onStack, s)
		if !good {
			ok = false
			return "#"
		}
		var r string
		if name, isCyclic := cyclic[s]; isCyclic {
			r = "#/definitions/" + name
			define(name, b)
		} else if prev, dup := byContent[string(b)]; dup {
			r = prev
		} else {
			name := fmt.Sprintf("n%d", len(byContent))
			r = "#/definitions/" + name
			byContent[string(b)] = r
			define(name, b)
		}
		ids[s] = r
		return r
	}
	for _, p := range payloads {
		if ref(p); !ok {
			return nil, nil, false
		}
	}
	doc = append([]byte(`{"definitions":{`), defs...)
	return append(doc, "}}"...), ids, true
}

// newCompiler returns a draft-07 compiler that loads nothing by itself.
func newCompiler() *jsonschema.Compiler {
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft7
	// The formats generated code checks, and only those.
	comp.Formats = formats.ForJSONSchema()
	comp.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("asyncgen does not load %s", u)
	}
	return comp
}

// compileBundle compiles the payloads from one bundle; ok is false when
// they cannot be bundled or any of them does not compile.
func compileBundle(set *ir.Set, payloads []*ir.Schema) ([]*jsonschema.Schema, bool) {
	_, _, schemas, ok := compileBundleWith(set, payloads)
	return schemas, ok
}

// compileBundleWith is compileBundle that also returns the compiler and
// the bundle's references, to compile the subschemas later (a cache hit:
// compiling a root compiled them).
func compileBundleWith(set *ir.Set, payloads []*ir.Schema) (*jsonschema.Compiler, map[*ir.Schema]string, []*jsonschema.Schema, bool) {
	doc, ids, ok := bundle(set, payloads)
	if !ok {
		return nil, nil, nil, false
	}
	comp := newCompiler()
	if err := comp.AddResource(bundleURL, bytes.NewReader(doc)); err != nil {
		return nil, nil, nil, false
	}
	schemas := make([]*jsonschema.Schema, len(payloads))
	for i, p := range payloads {
		sch, err := comp.Compile(bundleURL + ids[p])
		if err != nil {
			return nil, nil, nil, false
		}
		schemas[i] = sch
	}
	return comp, ids, schemas, true
}

// compileFiles compiles each payload from the files, with a compiler
// holding exactly the files the payloads reach through $refs.
func compileFiles(set *ir.Set, payloads []*ir.Schema, encode func(string) []byte) ([]*jsonschema.Schema, []error) {
	_, schemas, errs := compileFilesWith(set, payloads, encode)
	return schemas, errs
}

// compileFilesWith is compileFiles that also returns the compiler.
func compileFilesWith(set *ir.Set, payloads []*ir.Schema, encode func(string) []byte) (*jsonschema.Compiler, []*jsonschema.Schema, []error) {
	urls := map[string]bool{}
	visited := map[*ir.Schema]bool{}
	var walk func(*ir.Schema)
	walk = func(s *ir.Schema) {
		if s == nil || visited[s] {
			return
		}
		visited[s] = true
		if s.URL != "" {
			urls[s.URL] = true
		}
		s.EachChild(walk)
	}
	for _, p := range payloads {
		walk(p)
	}
	comp := newCompiler()
	sorted := make([]string, 0, len(urls))
	for u := range urls {
		sorted = append(sorted, u)
	}
	sort.Strings(sorted)
	for _, u := range sorted {
		if b := encode(u); b != nil {
			_ = comp.AddResource(u, bytes.NewReader(b))
		}
	}
	schemas := make([]*jsonschema.Schema, len(payloads))
	errs := make([]error, len(payloads))
	for i, p := range payloads {
		schemas[i], errs[i] = comp.Compile(p.URL + "#" + p.Pointer)
	}
	return comp, schemas, errs
}

// validateGroup keeps each root's compile outcome and validates the
// message examples of its events and Checked parts against it.
func validateGroup(g *group, schemas []*jsonschema.Schema, errs []error) groupResult {
	out := newGroupResult(len(g.roots))
	for i, p := range g.roots {
		out.compiled[p] = errs[i]
	}
	validate := func(sch *jsonschema.Schema, exs []ir.Example) []error {
		verrs := make([]error, len(exs))
		for j, ex := range exs {
			if err := sch.Validate(ex.Value); err != nil {
				verrs[j] = err
			}
		}
		return verrs
	}
	for i, p := range g.roots {
		if errs[i] != nil {
			continue
		}
		for _, ev := range g.events[p] {
			out.examples[ev] = validate(schemas[i], ev.Examples)
		}
		for _, c := range g.checked[p] {
			out.parts[c] = validate(schemas[i], c.Examples)
		}
	}
	return out
}

// validateValues validates the default and each example of every schema
// of values against the schema itself, compiled by compile; a schema that
// does not compile is left out (schema/meta reports it).
func validateValues(values []*ir.Schema, out map[*ir.Schema]valueErrors, compile func(*ir.Schema) (*jsonschema.Schema, error)) {
	for _, s := range values {
		sch, err := compile(s)
		if err != nil {
			continue
		}
		var r valueErrors
		if s.HasDefault {
			r.Default = sch.Validate(s.Default)
		}
		if len(s.Examples) > 0 {
			r.Examples = make([]error, len(s.Examples))
			for i, v := range s.Examples {
				r.Examples[i] = sch.Validate(v)
			}
		}
		out[s] = r
	}
}

// violation is one leaf error of a validation, with the instance pointer.
type violation struct {
	Instance string
	Keyword  string
	Message  string
}

// violations flattens a validation error into its leaf causes, sorted
// (jsonschema/v5 does not order them deterministically).
func violations(err error) []violation {
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []violation{{Message: err.Error()}}
	}
	var out []violation
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			kw := e.KeywordLocation
			if i := strings.LastIndex(kw, "/"); i >= 0 {
				kw = kw[i+1:]
			}
			out = append(out, violation{Instance: e.InstanceLocation, Keyword: kw, Message: e.Message})
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Instance != out[j].Instance {
			return out[i].Instance < out[j].Instance
		}
		return out[i].Message < out[j].Message
	})
	return out
}
