package formats

import (
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

func TestNumberFormats(t *testing.T) {
	for _, c := range []struct {
		text                          string
		int32, int64, float32, double bool
	}{
		{"0", true, true, true, true},
		{"-2147483648", true, true, true, true},
		{"2147483647", true, true, true, true},
		{"2147483648", false, true, true, true},
		{"2147483647.0", true, true, true, true},
		{"1e2", true, true, true, true},
		{"1.5", false, false, true, true},
		{"9223372036854775807", false, true, true, true},
		{"9223372036854775808", false, false, true, true},
		{"-9223372036854775808", false, true, true, true},
		{"3.4028234e38", false, false, true, true},
		{"3.5e38", false, false, false, true},
		{"1e39", false, false, false, true},
		{"1e400", false, false, false, false},
		{"1e999999999", false, false, false, false},
		{"1e-999999999", false, false, true, true},
		{"0e999999999", true, true, true, true},
		{"12300e-2", true, true, true, true},
	} {
		for _, f := range []struct {
			name string
			got  bool
			want bool
		}{
			{"int32", IsInt32(c.text), c.int32}, {"int64", IsInt64(c.text), c.int64},
			{"float", IsFloat(c.text), c.float32}, {"double", IsDouble(c.text), c.double},
		} {
			if f.got != f.want {
				t.Errorf("%s(%s) = %v, want %v", f.name, c.text, f.got, f.want)
			}
			if got := ForJSONSchema()[f.name](json.Number(c.text)); got != f.want {
				t.Errorf("ForJSONSchema %s(%s) = %v, want %v", f.name, c.text, got, f.want)
			}
		}
	}
	if !ForJSONSchema()["int32"]("not a number") {
		t.Error("a numeric format refuses a string")
	}
}

func TestIsBase64(t *testing.T) {
	for s, want := range map[string]bool{
		"": true, "Zg==": true, "Zm8=": true, "Zm9v": true, "Zm9vYg==": true, "+/+/": true,
		"Zg=": false, "Zg": false, "Z===": false, "Zg==Zg==": false, "Zm9v\n": false, "Zm-_": false, "not-a-byte": false,
	} {
		if got := IsBase64(s); got != want {
			t.Errorf("IsBase64(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestForJSONSchema: v5 checks exactly the checked formats, and the plain
// and unknown ones never fail.
func TestForJSONSchema(t *testing.T) {
	fs := ForJSONSchema()
	for _, f := range Names() {
		if fs[f] == nil {
			t.Errorf("checked format %q has no checker", f)
		}
	}
	for f := range jsonschema.Formats {
		if !Checked(f) && !fs[f]("{{ not anything }}") {
			t.Errorf("format %q is not checked by asyncgen but the oracle asserts it", f)
		}
	}
	if !Known("binary") || !Known("password") || Checked("binary") || Known("dateTime") {
		t.Error("plain formats")
	}
}
