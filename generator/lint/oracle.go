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

// oracle compiles event payloads with santhosh-tekuri/jsonschema/v5
// (draft-07), from the IR's resources only: it never loads anything else.
//
// Compiling is the most expensive part of lint (jsonschema/v5 checks every
// subschema against the meta-schema), so payloads are compiled once per run,
// in parallel: events are grouped by the file that holds their payload, and
// each group gets its own compiler, fed one bundle of the group's distinct
// schema objects, or the files the group reaches when it cannot be bundled
// (compileGroup). The group's worker also validates the examples of its
// events, so that only the outcomes are kept and the compiled schemas are
// freed with the group.
type oracle struct {
	compiled map[*ir.Schema]error
	examples map[*ir.Event][]error
}

// jsonschema returns the run's oracle, waiting for it when Run started
// building it in the background.
func (c *Context) jsonschema() *oracle {
	return c.oracle()
}

// compile returns the outcome of compiling a payload schema (every event
// payload is compiled when the oracle is built).
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
}

// buildOracle compiles every payload of set, a group per file on
// GOMAXPROCS workers, and validates the examples of their events.
func buildOracle(set *ir.Set) *oracle {
	keys, groups, events := payloadGroups(set)

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

	results := make([]groupResult, len(keys))
	work := make(chan int)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	if workers > len(keys) {
		workers = len(keys)
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i] = compileGroupSafely(set, groups[keys[i]], events, encode)
			}
		}()
	}
	for i := range keys {
		work <- i
	}
	close(work)
	wg.Wait()

	o := &oracle{compiled: make(map[*ir.Schema]error, len(events)), examples: map[*ir.Event][]error{}}
	for _, r := range results {
		for s, err := range r.compiled {
			o.compiled[s] = err
		}
		for ev, errs := range r.examples {
			o.examples[ev] = errs
		}
	}
	return o
}

// compileGroupFn is compileGroup; tests replace it to make a worker panic.
var compileGroupFn = compileGroup

// compileGroupSafely runs compileGroup on a worker goroutine, where a panic
// would end the process past the command's recovery: it becomes the
// compile error of every payload of the group instead, which schema/meta
// reports at each payload while lint goes on.
func compileGroupSafely(set *ir.Set, payloads []*ir.Schema, events map[*ir.Schema][]*ir.Event, encode func(string) []byte) (res groupResult) {
	defer func() {
		if r := recover(); r != nil {
			res = groupResult{compiled: make(map[*ir.Schema]error, len(payloads)), examples: map[*ir.Event][]error{}}
			for _, p := range payloads {
				res.compiled[p] = fmt.Errorf("internal error: jsonschema/v5 failed on this schema (%v); please report it", r)
			}
		}
	}()
	return compileGroupFn(set, payloads, events, encode)
}

// payloadGroups groups the distinct payload schemas that need compiling
// (booleans do not) by the file that holds them; keys are the files in
// order. events lists, per payload, the events that use it.
func payloadGroups(set *ir.Set) (keys []string, groups map[string][]*ir.Schema, events map[*ir.Schema][]*ir.Event) {
	groups = map[string][]*ir.Schema{}
	events = map[*ir.Schema][]*ir.Event{}
	for _, ev := range set.Events {
		s := ev.Payload
		if s == nil || s.Bool != nil {
			continue
		}
		if _, seen := events[s]; !seen {
			groups[s.URL] = append(groups[s.URL], s)
		}
		events[s] = append(events[s], ev)
	}
	keys = make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, groups, events
}

// compileGroup compiles payloads that live in one file and validates the
// examples of their events. It first hands jsonschema/v5 one bundle in
// which every distinct schema object of the group appears once
// (bundle); when a schema cannot be bundled or the bundle does not
// compile, the group is compiled from the files themselves, so that the
// diagnostics point where the files say.
func compileGroup(set *ir.Set, payloads []*ir.Schema, events map[*ir.Schema][]*ir.Event, encode func(string) []byte) groupResult {
	if set.SchemaJSON != nil {
		if schemas, ok := compileBundle(set, payloads); ok {
			return validateGroup(payloads, schemas, make([]error, len(payloads)), events)
		}
	}
	schemas, errs := compileFiles(set, payloads, encode)
	return validateGroup(payloads, schemas, errs, events)
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
// its content. ok is false when some schema cannot be written this way.
func bundle(set *ir.Set, payloads []*ir.Schema) (doc []byte, refs []string, ok bool) {
	ids := map[*ir.Schema]string{}
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
	refs = make([]string, len(payloads))
	for i, p := range payloads {
		if refs[i] = ref(p); !ok {
			return nil, nil, false
		}
	}
	doc = append([]byte(`{"definitions":{`), defs...)
	return append(doc, "}}"...), refs, true
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
	doc, refs, ok := bundle(set, payloads)
	if !ok {
		return nil, false
	}
	comp := newCompiler()
	if err := comp.AddResource(bundleURL, bytes.NewReader(doc)); err != nil {
		return nil, false
	}
	schemas := make([]*jsonschema.Schema, len(payloads))
	for i := range payloads {
		sch, err := comp.Compile(bundleURL + refs[i])
		if err != nil {
			return nil, false
		}
		schemas[i] = sch
	}
	return schemas, true
}

// compileFiles compiles each payload from the files, with a compiler
// holding exactly the files the payloads reach through $refs.
func compileFiles(set *ir.Set, payloads []*ir.Schema, encode func(string) []byte) ([]*jsonschema.Schema, []error) {
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
	return schemas, errs
}

// validateGroup keeps each payload's compile outcome and validates the
// examples of the events (by payload) against the compiled schemas.
func validateGroup(payloads []*ir.Schema, schemas []*jsonschema.Schema, errs []error, events map[*ir.Schema][]*ir.Event) groupResult {
	out := groupResult{compiled: make(map[*ir.Schema]error, len(payloads)), examples: map[*ir.Event][]error{}}
	for i, p := range payloads {
		out.compiled[p] = errs[i]
	}
	for i, p := range payloads {
		if errs[i] != nil {
			continue
		}
		for _, ev := range events[p] {
			verrs := make([]error, len(ev.Examples))
			for j, ex := range ev.Examples {
				if err := schemas[i].Validate(ex.Value); err != nil {
					verrs[j] = err
				}
			}
			out.examples[ev] = verrs
		}
	}
	return out
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
