package lower

import "testing"

func TestGoName(t *testing.T) {
	cases := map[string]string{
		"user_id":                      "UserID",
		"organization.created":         "OrganizationCreated",
		"OrganizationUnitCreationData": "OrganizationUnitCreationData",
		"HTTPServer":                   "HTTPServer",
		"ip_address":                   "IPAddress",
		"stream-type":                  "StreamType",
		"api_url":                      "APIURL",
		"2fa_enabled":                  "X2faEnabled",
		"workflow.queue.pending":       "WorkflowQueuePending",
		"lightMeasured":                "LightMeasured",
		"JSONPayload":                  "JSONPayload",
		"":                             "",
		"__":                           "",
		"userUUID":                     "UserUUID",
		"TOTAL":                        "Total",
	}
	for in, want := range cases {
		if got := GoName(in); got != want {
			t.Errorf("GoName(%q) = %q, want %q", in, got, want)
		}
	}
}

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
