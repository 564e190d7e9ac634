package lower

import "testing"

// TestSchemaKeyIsNotPercentDecoded: pointers lower reads were built by the
// loader (RFC 6901), not taken from a URI, so "%41" in a key stays "%41".
func TestSchemaKeyIsNotPercentDecoded(t *testing.T) {
	if got := schemaKey("/components/schemas/Foo%41"); got != "Foo%41" {
		t.Errorf("schemaKey = %q, want %q", got, "Foo%41")
	}
	if got := schemaKey("/components/schemas/a~1b"); got != "a/b" {
		t.Errorf("schemaKey = %q, want %q", got, "a/b")
	}
}
