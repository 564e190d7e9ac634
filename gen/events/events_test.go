// Tests of the checked-in package generated from contracts/: every example
// decodes and validates through the registry, systematic mutations are
// judged as jsonschema/v5 judges them, and typed values changed in Go are
// judged by Validate() as jsonschema/v5 judges their JSON.
package events_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/asyncgen/asyncgen/gen/events"
	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/gogen/mutate"
	"github.com/asyncgen/asyncgen/generator/ir"
)

// contracts lints ../../contracts and returns the IR.
func contracts(t *testing.T) *ir.Set {
	t.Helper()
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	cfg := config.Default(root)
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: root})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error {
			t.Fatalf("contracts do not lint clean: %v", d)
		}
	}
	return res.IR
}

// oracle compiles payload schemas with jsonschema/v5 from the contracts.
func oracle(t *testing.T, set *ir.Set) func(*ir.Schema) *jsonschema.Schema {
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft7
	comp.LoadURL = func(u string) (io.ReadCloser, error) { return nil, fmt.Errorf("refusing %s", u) }
	for _, u := range set.ResourceURLs {
		if err := comp.AddResource(u, bytes.NewReader(set.ResourceJSON(u))); err != nil {
			t.Fatal(err)
		}
	}
	return func(s *ir.Schema) *jsonschema.Schema {
		sch, err := comp.Compile(s.URL + "#" + s.Pointer)
		if err != nil {
			t.Fatal(err)
		}
		return sch
	}
}

func generic(t *testing.T, b []byte) any {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestRegistry(t *testing.T) {
	set := contracts(t)
	if len(events.EventTypes) != len(set.Events) {
		t.Fatalf("%d registered event types, contracts define %d", len(events.EventTypes), len(set.Events))
	}
	for i, info := range events.EventTypes {
		ev := set.Events[i]
		if info.Type != ev.Type || info.Stream != ev.Stream {
			t.Errorf("EventTypes[%d] = %s/%s, want %s/%s", i, info.Type, info.Stream, ev.Type, ev.Stream)
		}
		if got := info.New().EventType(); got != info.Type {
			t.Errorf("%s: New().EventType() = %s", info.Type, got)
		}
	}
	if !sort.SliceIsSorted(events.EventTypes, func(i, j int) bool { return events.EventTypes[i].Type < events.EventTypes[j].Type }) {
		t.Error("EventTypes are not sorted")
	}
	if _, err := events.Decode("no.such_event", []byte(`{}`)); err == nil {
		t.Error("Decode accepted an unknown event type")
	}
}

// TestExamples decodes every example of contracts/ through the registry.
func TestExamples(t *testing.T) {
	set := contracts(t)
	n := 0
	for _, ev := range set.Events {
		for _, ex := range ev.Examples {
			b, _ := json.Marshal(ex.Value)
			e, err := events.Decode(ev.Type, b)
			if err != nil {
				t.Errorf("%s example %q: %v", ev.Type, ex.Name, err)
				continue
			}
			if e.EventType() != ev.Type {
				t.Errorf("%s: decoded as %s", ev.Type, e.EventType())
			}
			if err := e.Validate(); err != nil {
				t.Errorf("%s example %q: Validate: %v", ev.Type, ex.Name, err)
			}
			// The re-encoded event decodes again and means the same.
			out, err := json.Marshal(e)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := events.Decode(ev.Type, out); err != nil {
				t.Errorf("%s example %q: re-encoded event does not decode: %v\n%s", ev.Type, ex.Name, err, out)
			}
			n++
		}
	}
	if n < len(set.Events) {
		t.Errorf("only %d examples for %d events", n, len(set.Events))
	}
}

// TestMutations: every systematic mutation of every example is judged by
// Decode exactly as jsonschema/v5 judges it; the rejected ones name the
// JSON pointer of a violation.
func TestMutations(t *testing.T) {
	set := contracts(t)
	compile := oracle(t, set)
	total, rejected := 0, 0
	for _, ev := range set.Events {
		sch := compile(ev.Payload)
		for _, ex := range ev.Examples {
			for _, m := range mutate.Of(ev.Payload, ex.Value) {
				b, _ := json.Marshal(m.Value)
				want := sch.Validate(generic(t, b)) == nil
				_, err := events.Decode(ev.Type, b)
				total++
				if (err == nil) != want {
					t.Errorf("%s %s %s: jsonschema/v5 valid=%v, Decode error: %v", ev.Type, ex.Name, m.Name, want, err)
				}
				if err != nil {
					rejected++
					var ve *events.ValidationError
					if !errors.As(err, &ve) && !strings.Contains(err.Error(), "JSON") {
						t.Errorf("%s %s: error without a JSON pointer: %v", ev.Type, m.Name, err)
					}
				}
			}
		}
	}
	t.Logf("%d mutations, %d rejected, all judged as jsonschema/v5 judges them", total, rejected)
}

// TestTypedValidate changes decoded events field by field in Go (empty and
// odd strings, out-of-range numbers, nil pointers and slices, zero times)
// and checks that Validate() agrees with jsonschema/v5 on the JSON of the
// changed value.
func TestTypedValidate(t *testing.T) {
	set := contracts(t)
	compile := oracle(t, set)
	total := 0
	for _, ev := range set.Events {
		sch := compile(ev.Payload)
		for _, ex := range ev.Examples {
			b, _ := json.Marshal(ex.Value)
			e, err := events.Decode(ev.Type, b)
			if err != nil {
				t.Fatalf("%s: %v", ev.Type, err)
			}
			// Collect the changes on one decoded value, then apply each to a
			// fresh decode (changes reach through pointers, so no sharing).
			type change struct {
				path  string
				apply func(root reflect.Value)
			}
			var changes []change
			visitFields(reflect.ValueOf(e).Elem(), func(r reflect.Value) reflect.Value { return r }, "", func(path string, apply func(reflect.Value)) {
				changes = append(changes, change{path, apply})
			})
			for _, c := range changes {
				fresh, _ := events.Decode(ev.Type, b)
				c.apply(reflect.ValueOf(fresh).Elem())
				out, err := json.Marshal(fresh)
				if err != nil {
					t.Fatalf("%s %s: marshal: %v", ev.Type, c.path, err)
				}
				want := sch.Validate(generic(t, out)) == nil
				got := fresh.Validate()
				total++
				if (got == nil) != want {
					t.Errorf("%s %s %s: jsonschema/v5 valid=%v on %s, Validate() = %v", ev.Type, ex.Name, c.path, want, out, got)
				}
			}
		}
	}
	t.Logf("%d typed changes judged alike", total)
}

// visitFields calls try for every change of every field reachable from v;
// at navigates from a root to v.
func visitFields(v reflect.Value, at func(reflect.Value) reflect.Value, path string, try func(path string, apply func(reflect.Value))) {
	set := func(name string, f func(x reflect.Value)) {
		try(path+" ("+name+")", func(root reflect.Value) { f(at(root)) })
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		set("nil", func(x reflect.Value) { x.Set(reflect.Zero(x.Type())) })
		visitFields(v.Elem(), func(r reflect.Value) reflect.Value { return at(r).Elem() }, path, try)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			set("zero time", func(x reflect.Value) { x.Set(reflect.Zero(x.Type())) })
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			i := i
			visitFields(v.Field(i), func(r reflect.Value) reflect.Value { return at(r).Field(i) }, path+"/"+f.Name, try)
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // json.RawMessage
		}
		set("nil", func(x reflect.Value) { x.Set(reflect.Zero(x.Type())) })
		set("empty", func(x reflect.Value) { x.Set(reflect.MakeSlice(x.Type(), 0, 0)) })
		if v.Len() > 0 {
			set("duplicate", func(x reflect.Value) { x.Set(reflect.Append(x, x.Index(0))) })
			for i := 0; i < v.Len() && i < 2; i++ {
				i := i
				visitFields(v.Index(i), func(r reflect.Value) reflect.Value { return at(r).Index(i) }, fmt.Sprintf("%s/%d", path, i), try)
			}
		}
	case reflect.Map:
		set("nil", func(x reflect.Value) { x.Set(reflect.Zero(x.Type())) })
		set("empty", func(x reflect.Value) { x.Set(reflect.MakeMap(x.Type())) })
	case reflect.String:
		for _, s := range []string{"", "x", "!!", strings.Repeat("y", 600), "not-in-the-enum", "2026-03-14", "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"} {
			s := s
			set(fmt.Sprintf("%.12q", s), func(x reflect.Value) { x.SetString(s) })
		}
	case reflect.Int64, reflect.Int32:
		for _, n := range []int64{-1, 0, 1, 3, 7, 101, 1 << 40} {
			n := n
			set(fmt.Sprint(n), func(x reflect.Value) { x.SetInt(n) })
		}
	case reflect.Float64:
		for _, f := range []float64{-1, 0, 0.1, 0.25, 1.3, 99.75, 1e12} {
			f := f
			set(fmt.Sprint(f), func(x reflect.Value) { x.SetFloat(f) })
		}
	case reflect.Bool:
		set("flip", func(x reflect.Value) { x.SetBool(!x.Bool()) })
	}
}
