package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// oracle compiles schemas with santhosh-tekuri/jsonschema/v5 (draft-07),
// from the IR's resources only: it never loads anything else.
type oracle struct {
	compiler *jsonschema.Compiler
	cache    map[string]compiled
}

type compiled struct {
	schema *jsonschema.Schema
	err    error
}

func (c *Context) jsonschema() *oracle {
	if c.oracle != nil {
		return c.oracle
	}
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft7
	comp.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("asyncgen does not load %s", u)
	}
	urls := make([]string, 0, len(c.Set.Resources))
	for u := range c.Set.Resources {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, u := range urls {
		b, _ := json.Marshal(c.Set.Resources[u])
		_ = comp.AddResource(u, bytes.NewReader(b))
	}
	c.oracle = &oracle{compiler: comp, cache: map[string]compiled{}}
	return c.oracle
}

// compile returns the compiled schema at s's location.
func (o *oracle) compile(s *ir.Schema) (*jsonschema.Schema, error) {
	u := s.URL + "#" + s.Pointer
	if r, ok := o.cache[u]; ok {
		return r.schema, r.err
	}
	sch, err := o.compiler.Compile(u)
	o.cache[u] = compiled{sch, err}
	return sch, err
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
