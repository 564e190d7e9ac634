package lint

import (
	"bytes"
	"encoding/json"
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
// each group gets its own compiler holding only the files it reaches.
type oracle struct {
	compiled map[*ir.Schema]compiled
}

type compiled struct {
	schema *jsonschema.Schema
	err    error
}

func (c *Context) jsonschema() *oracle {
	if c.oracle == nil {
		c.oracle = buildOracle(c.Set)
	}
	return c.oracle
}

// compile returns the compiled payload schema (every event payload is
// compiled when the oracle is built).
func (o *oracle) compile(s *ir.Schema) (*jsonschema.Schema, error) {
	r, ok := o.compiled[s]
	if !ok {
		return nil, fmt.Errorf("schema %s#%s was not compiled", s.URL, s.Pointer)
	}
	return r.schema, r.err
}

func buildOracle(set *ir.Set) *oracle {
	// Group payloads by the file that holds them.
	groups := map[string][]*ir.Schema{}
	seen := map[*ir.Schema]bool{}
	for _, ev := range set.Events {
		s := ev.Payload
		if s == nil || s.Bool != nil || seen[s] {
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

	// Each resource is encoded once, lazily, and shared by every compiler.
	var encMu sync.Mutex
	encoded := map[string][]byte{}
	encode := func(u string) []byte {
		encMu.Lock()
		defer encMu.Unlock()
		if b, ok := encoded[u]; ok {
			return b
		}
		b, _ := json.Marshal(set.Resources[u])
		encoded[u] = b
		return b
	}

	results := make([]map[*ir.Schema]compiled, len(keys))
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
				results[i] = compileGroup(set, groups[keys[i]], encode)
			}
		}()
	}
	for i := range keys {
		work <- i
	}
	close(work)
	wg.Wait()

	o := &oracle{compiled: make(map[*ir.Schema]compiled, len(seen))}
	for _, r := range results {
		for s, c := range r {
			o.compiled[s] = c
		}
	}
	return o
}

// compileGroup compiles payloads that live in one file with a compiler
// holding exactly the files those payloads reach through $refs.
func compileGroup(set *ir.Set, payloads []*ir.Schema, encode func(string) []byte) map[*ir.Schema]compiled {
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
		for _, ch := range Children(s) {
			walk(ch)
		}
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
		if _, ok := set.Resources[u]; ok {
			_ = comp.AddResource(u, bytes.NewReader(encode(u)))
		}
	}
	out := make(map[*ir.Schema]compiled, len(payloads))
	for _, p := range payloads {
		sch, err := comp.Compile(p.URL + "#" + p.Pointer)
		out[p] = compiled{sch, err}
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
