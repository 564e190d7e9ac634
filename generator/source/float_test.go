package source

import "testing"

// TestYAML12Floats: unquoted 1e-8 is a number in YAML 1.2 and JSON, even
// though goccy/go-yaml reads it as a string; quoted it stays a string.
func TestYAML12Floats(t *testing.T) {
	f, ds := Parse("f.yaml", []byte("a: 1e-8\nb: \"1e-8\"\nc: 1.5e3\nd: abc1e5\ne: -2E+2\n"), 0)
	if len(ds) > 0 && ds.HasErrors() {
		t.Fatal(ds)
	}
	want := map[string]Kind{"a": Number, "b": String, "c": Number, "d": String, "e": Number}
	for k, kind := range want {
		if got := f.Root.Get(k).Kind; got != kind {
			t.Errorf("%s: kind %s, want %s", k, got, kind)
		}
	}
	if b, _ := f.Root.MarshalJSON(); string(b) != `{"a":1e-8,"b":"1e-8","c":1.5e3,"d":"abc1e5","e":-2E+2}` && string(b) != `{"a":1e-08,"b":"1e-8","c":1.5e3,"d":"abc1e5","e":-2E+2}` {
		t.Errorf("JSON: %s", b)
	}
}
