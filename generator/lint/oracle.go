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

	"github.com/asyncgen/asyncgen/generator/ir"
)

// oracle compiles event payloads with santhosh-tekuri/jsonschema/v5
// (draft-07), from the IR's resources only: it never loads anything else.
//
// Compiling is the most expensive part of lint (jsonschema/v5 checks every
// subschema against the meta-schema), so payloads are compiled once per run,
// in parallel: events are grouped by the file that holds their payload, and
// each group gets its own compiler holding only the files it reaches. The
// group's worker also validates the examples of its events, so that only
// the outcomes are kept and the compiled schemas are freed with the group.
type oracle struct {
	compiled map[*ir.Schema]error
	examples map[*ir.Event][]error
}

func (c *Context) jsonschema() *oracle {
	if c.oracle == nil {
		c.oracle = buildOracle(c.Set)
	}
	return c.oracle
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

func buildOracle(set *ir.Set) *oracle {
	// Group payloads by the file that holds them.
	groups := map[string][]*ir.Schema{}
	seen := map[*ir.Schema]bool{}
	events := map[*ir.Schema][]*ir.Event{}
	for _, ev := range set.Events {
		s := ev.Payload
		if s == nil || s.Bool != nil {
			continue
		}
		if len(ev.Examples) > 0 {
			events[s] = append(events[s], ev)
		}
		if seen[s] {
			continue
		}
		seen[s] = true
		groups[s.URL] = append(groups[s.URL], s)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)

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
				results[i] = compileGroup(set, groups[keys[i]], events, encode)
			}
		}()
	}
	for i := range keys {
		work <- i
	}
	close(work)
	wg.Wait()

	o := &oracle{compiled: make(map[*ir.Schema]error, len(seen)), examples: map[*ir.Event][]error{}}
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

// compileGroup compiles payloads that live in one file with a compiler
// holding exactly the files those payloads reach through $refs, and
// validates the examples of the events (by payload) against them.
func compileGroup(set *ir.Set, payloads []*ir.Schema, events map[*ir.Schema][]*ir.Event, encode func(string) []byte) groupResult {
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
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft7
	comp.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("asyncgen does not load %s", u)
	}
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
	out := groupResult{compiled: make(map[*ir.Schema]error, len(payloads)), examples: map[*ir.Event][]error{}}
	schemas := make([]*jsonschema.Schema, len(payloads))
	for i, p := range payloads {
		schemas[i], out.compiled[p] = comp.Compile(p.URL + "#" + p.Pointer)
	}
	// Examples are validated once every payload of the group is compiled,
	// as the rules did when they read compiled schemas.
	for i, p := range payloads {
		if out.compiled[p] != nil {
			continue
		}
		for _, ev := range events[p] {
			errs := make([]error, len(ev.Examples))
			for j, ex := range ev.Examples {
				if err := schemas[i].Validate(ex.Value); err != nil {
					errs[j] = err
				}
			}
			out.examples[ev] = errs
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
