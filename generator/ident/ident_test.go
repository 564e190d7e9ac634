package ident

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
