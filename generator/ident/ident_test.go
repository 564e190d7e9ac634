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

func TestGoNameWithInitialisms(t *testing.T) {
	extra := map[string]bool{"EUR": true, "IBAN": true, "DHL": true}
	for in, want := range map[string]string{
		"amount_eur":      "AmountEUR",
		"payer_iban":      "PayerIBAN",
		"DhlTrackingID":   "DHLTrackingID",
		"shipment.dhl_id": "ShipmentDHLID",
		"euro":            "Euro",
	} {
		if got := GoNameWith(in, extra); got != want {
			t.Errorf("GoNameWith(%q) = %q, want %q", in, got, want)
		}
		if got := GoName(in); got == want && in != "euro" {
			t.Errorf("GoName(%q) = %q without the extra initialisms", in, got)
		}
	}
}
