package jsonpointer

import (
	"reflect"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	tokens := []string{"channels", "user/{id}", "a~b", "%41", ""}
	ptr := Append("", tokens...)
	if ptr != "/channels/user~1{id}/a~0b/%41/" {
		t.Fatalf("Append = %q", ptr)
	}
	got, err := Split(ptr)
	if err != nil || !reflect.DeepEqual(got, tokens) {
		t.Fatalf("Split = %q, %v; want %q (a pointer we built is never percent-decoded)", got, err, tokens)
	}
	if Last(ptr) != "" || Last("/a/b~1c") != "b/c" || Last("") != "" {
		t.Error("Last")
	}
}

func TestSplitFragment(t *testing.T) {
	got, err := SplitFragment("/components/schemas/%7Bid%7D/a~1b")
	if err != nil || !reflect.DeepEqual(got, []string{"components", "schemas", "{id}", "a/b"}) {
		t.Fatalf("SplitFragment = %q, %v", got, err)
	}
	for _, bad := range []string{"components", "/bad%zz"} {
		if _, err := SplitFragment(bad); err == nil {
			t.Errorf("SplitFragment(%q): want an error", bad)
		}
	}
	if _, err := Split("no-slash"); err == nil {
		t.Error("Split without a leading / must fail")
	}
}

func TestLookup(t *testing.T) {
	doc := map[string]any{"a/b": []any{"x", map[string]any{"c": 1}}}
	if v, ok := Lookup(doc, "/a~1b/1/c"); !ok || v != 1 {
		t.Errorf("Lookup = %v, %v", v, ok)
	}
	for _, p := range []string{"/a~1b/2", "/a~1b/01", "/nope", "/a~1b/0/x"} {
		if _, ok := Lookup(doc, p); ok {
			t.Errorf("Lookup(%q) should miss", p)
		}
	}
}
