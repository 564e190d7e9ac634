package rtsrc

import (
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestNumbers(t *testing.T) {
	mult := []struct {
		v, d string
		want bool
	}{
		{"0.3", "0.1", true}, {"4.5", "1.5", true}, {"35", "1.5", false}, {"0.0075", "0.0001", true},
		{"0.00751", "0.0001", false}, {"1e308", "0.123456789", false}, {"10", "5", true}, {"12", "5", false},
		{"0", "7", true}, {"1.25", "0.25", true}, {"1.3", "0.25", false}, {"-15", "5", true}, {"100000000000000000000000000000", "3", false},
	}
	for _, c := range mult {
		if got := rtMultipleOf(c.v, c.d); got != c.want {
			t.Errorf("rtMultipleOf(%s, %s) = %v", c.v, c.d, got)
		}
	}
	ints := map[string]bool{"1.0": true, "1e2": true, "1.5": false, "-0": true, "1.5e1": true, "12345678901234567890123": true, "1e-2": false}
	for s, want := range ints {
		if got := rtIsInteger(s); got != want {
			t.Errorf("rtIsInteger(%s) = %v", s, got)
		}
	}
	if rtCompare("1", "1.0") != 0 || rtCompare("0.1", "0.10000000000000001") != -1 || rtCompare("3", "2.5") != 1 {
		t.Error("rtCompare")
	}
	if !rtMultipleOfFloat(0.75, "0.25") || rtMultipleOfFloat(0.8, "0.25") || !rtMultipleOfInt(100, "5") {
		t.Error("float/int multipleOf")
	}
	if n := testing.AllocsPerRun(100, func() { rtMultipleOfFloat(12.25, "0.25") }); n != 0 {
		t.Errorf("rtMultipleOfFloat allocates %v", n)
	}
}

func TestFormats(t *testing.T) {
	good := map[string][]string{
		"date-time": {"1998-12-31T23:59:60Z", "1998-12-31T15:59:60.123-08:00", "1963-06-19t08:30:06.283185z"},
		"time":      {"00:29:60-23:30", "23:29:60+23:30", "12:34:56-00:00"},
		"email":     {"te~st@example.com", "joe.bloggs@example.com"},
		"ipv6":      {"::ffff:192.168.0.1", "1:2::192.168.0.1", "::"},
		"ipv4":      {"0.0.0.0"},
		"uri":       {"https://example.com/a?b=c#d"},
		"hostname":  {"acme-robotics.example"},
	}
	bad := map[string][]string{
		"date-time": {"1998-12-31T22:59:60Z", "1990-12-31T15:59:59-24:00", "1963-06-19T08:30:06.28123+01:00Z"},
		"time":      {"23:59:60+01:00", "12:00:00"},
		"email":     {".test@example.com", "te..st@example.com", "joe bloggs@example.com", "2962"},
		"ipv6":      {"fe80::a%eth1", "::ffff:192.168.0.01", "1:2:3:4:1.2.3", "127.0.0.1"},
		"ipv4":      {"127.1", "01.2.3.4"},
		"uri":       {"//example.com", "not a uri"},
		"hostname":  {"-a.example"},
	}
	for f, l := range good {
		for _, s := range l {
			if !rtFormat(f, s) {
				t.Errorf("%s %q rejected", f, s)
			}
		}
	}
	for f, l := range bad {
		for _, s := range l {
			if rtFormat(f, s) {
				t.Errorf("%s %q accepted", f, s)
			}
		}
	}
	if tm, ok := rtTime("1998-12-31T23:59:60Z"); !ok || tm.Year() != 1999 {
		t.Errorf("leap second: %v %v", tm, ok)
	}
}

func TestFormatsDoNotAllocate(t *testing.T) {
	for f, s := range map[string]string{"email": "joe.bloggs@example.com", "ipv4": "192.168.0.1", "hostname": "a.b.example", "uuid": "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", "date-time": "2026-03-14T09:26:53Z", "ipv6": "::ffff:192.168.0.1", "date": "2026-03-14", "uri": "https://example.com/a?b=c#d"} {
		if n := testing.AllocsPerRun(50, func() { rtFormat(f, s) }); n != 0 {
			t.Errorf("%s allocates %v", f, n)
		}
	}
}

func TestPath(t *testing.T) {
	root := rtKey(nil, "a/b")
	item := rtIndex(&root, 12)
	leaf := rtKey(&item, "c~d")
	if got := leaf.render(); got != "/a~1b/12/c~0d" {
		t.Errorf("render = %q", got)
	}
	var none *rtPath
	if none.render() != "" {
		t.Error("root path")
	}
}

// TestDecodeMatchesEncodingJSON compares rtDecode with encoding/json
// (UseNumber) on valid and invalid documents.
func TestDecodeMatchesEncodingJSON(t *testing.T) {
	docs := []string{
		`{"a":1,"b":[true,false,null,"x"],"c":{"d":-1.5e+10}}`, `[]`, `{}`, `"\u00e9\ud83d\ude00\u0041"`, `"\ud800x"`,
		`"\ud800\u0041"`, "\"\xff\xfe\"", `{"a":1,"a":2}`, `  12  `, `0.0`, `-0`, `1E2`, `"a\/b\\c\"\b\f\n\r\t"`,
		`{"a":}`, `[1,]`, `01`, `1.`, `-`, `.5`, `"abc`, "\"a\x01\"", `{"a" 1}`, `tru`, `[1] 2`, `nul`, `"\x"`, `"\u12"`,
		`{"k\u00e9y":"v"}`, `1e`, `[[[[]]]]`, `{"a":[{"b":{}}]}`, `"\ud83d\ud83d\ude00"`, `"\udc00"`,
	}
	for _, doc := range docs {
		got, gotErr := rtDecode([]byte(doc))
		dec := json.NewDecoder(strings.NewReader(doc))
		dec.UseNumber()
		var want any
		wantErr := dec.Decode(&want)
		if wantErr == nil {
			if _, err := dec.Token(); err != io.EOF {
				wantErr = errors.New("trailing data")
			}
		}
		if (gotErr == nil) != (wantErr == nil) {
			t.Errorf("%q: rtDecode error %v, encoding/json error %v", doc, gotErr, wantErr)
			continue
		}
		if gotErr == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("%q: rtDecode %#v, encoding/json %#v", doc, got, want)
		}
	}
}

// FuzzDecode: rtDecode accepts exactly what encoding/json accepts and
// yields the same values.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e3,"x\u00e9",null,true]}`, `"\ud83d\ude00"`, `[{}]`, `-0.0e-0`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, gotErr := rtDecode(data)
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.UseNumber()
		var want any
		wantErr := dec.Decode(&want)
		if wantErr == nil {
			if _, err := dec.Token(); err != io.EOF {
				wantErr = errors.New("trailing data")
			}
		}
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%q: rtDecode error %v, encoding/json error %v", data, gotErr, wantErr)
		}
		if gotErr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: rtDecode %#v, encoding/json %#v", data, got, want)
		}
	})
}

// TestUndecided: a subschema whose only violations are uncheckable (a
// pattern Go cannot compile) is neither a match nor a mismatch; each
// combinator reports it (fails closed) unless its outcome is the same
// either way.
func TestUndecided(t *testing.T) {
	yes := func(any, *rtPath, *[]error) {}
	no := func(_ any, p *rtPath, errs *[]error) { rtFail(errs, p, "no") }
	unk := func(_ any, p *rtPath, errs *[]error) { rtUncheckable(errs, p, "", "unknown") }
	// outcome runs one combinator: "" when it passes, else "undecided"
	// when every violation it reports is uncheckable, else the messages.
	outcome := func(run func(p *rtPath, errs *[]error)) string {
		var errs []error
		run(nil, &errs)
		if ok, undecided := rtDecided(errs); ok {
			return ""
		} else if undecided != nil {
			return "undecided"
		}
		var msgs []string
		for _, e := range errs {
			msgs = append(msgs, e.(*ValidationError).Message)
		}
		return strings.Join(msgs, "; ")
	}
	for _, c := range []struct {
		name string
		run  func(p *rtPath, errs *[]error)
		want string
	}{
		{"not yes", func(p *rtPath, e *[]error) { rtNot(1, p, e, yes) }, "must not match the schema of not"},
		{"not no", func(p *rtPath, e *[]error) { rtNot(1, p, e, no) }, ""},
		{"not unknown", func(p *rtPath, e *[]error) { rtNot(1, p, e, unk) }, "undecided"},
		{"anyOf unknown yes", func(p *rtPath, e *[]error) { rtAnyOf(1, p, e, unk, yes) }, ""},
		{"anyOf no unknown", func(p *rtPath, e *[]error) { rtAnyOf(1, p, e, no, unk) }, "undecided"},
		{"anyOf no no", func(p *rtPath, e *[]error) { rtAnyOf(1, p, e, no, no) }, "must match at least one schema of anyOf"},
		{"oneOf yes no", func(p *rtPath, e *[]error) { rtOneOf(1, p, e, yes, no) }, ""},
		{"oneOf yes unknown", func(p *rtPath, e *[]error) { rtOneOf(1, p, e, yes, unk) }, "undecided"},
		{"oneOf no unknown", func(p *rtPath, e *[]error) { rtOneOf(1, p, e, no, unk) }, "undecided"},
		{"oneOf yes yes unknown", func(p *rtPath, e *[]error) { rtOneOf(1, p, e, yes, yes, unk) }, "must match exactly one schema of oneOf"},
		{"if unknown, then and else pass", func(p *rtPath, e *[]error) { rtIf(1, p, e, unk, yes, nil) }, ""},
		{"if unknown, both fail", func(p *rtPath, e *[]error) { rtIf(1, p, e, unk, no, no) }, "no"},
		{"if unknown, else fails", func(p *rtPath, e *[]error) { rtIf(1, p, e, unk, yes, no) }, "undecided"},
		{"if yes", func(p *rtPath, e *[]error) { rtIf(1, p, e, yes, no, yes) }, "no"},
		{"if no", func(p *rtPath, e *[]error) { rtIf(1, p, e, no, no, yes) }, ""},
		{"contains unknown", func(p *rtPath, e *[]error) { rtContains([]any{1, 2}, p, e, unk) }, "undecided"},
		{"contains no", func(p *rtPath, e *[]error) { rtContains([]any{1}, p, e, no) }, "must contain a matching item"},
		{"a definite violation beside an uncheckable one", func(p *rtPath, e *[]error) { no(1, p, e); unk(1, p, e) }, "no; unknown"},
	} {
		if got := outcome(c.run); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
