package events_test

import (
	"strings"
	"testing"

	events "github.com/asyncgen/asyncgen/gen/events"
)

const registered = `{"stream_id":"4164571c-8fda-49a1-88eb-bc223d45a944","stream_type":"user","event_type":"user.registered",
 "event_data":{"org_id":"7c94fedd-a5bc-4777-97c4-abdab7a51570","user_id":"4164571c-8fda-49a1-88eb-bc223d45a944",
  "email":"EMAIL","name":{"given_name":"Bob","family_name":"Meyer"},"locale":"de-DE","role":"member",
  "signup_method":"invitation","invited_by":"3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f","marketing_opt_in":false,
  "registered_at":"2026-03-14T10:02:17Z"},
 "event_metadata":{"user_id":"4164571c-8fda-49a1-88eb-bc223d45a944"}}`

// TestREADMEExample keeps the README's usage example true: Decode decodes
// and validates, errors name the JSON pointer, EventTypes lists the stream.
func TestREADMEExample(t *testing.T) {
	ev, err := events.Decode("user.registered", []byte(strings.Replace(registered, "EMAIL", "bob.meyer@acme-robotics.example", 1)))
	if err != nil {
		t.Fatalf("valid event refused: %v", err)
	}
	e, ok := ev.(*events.UserRegistered)
	if !ok || e.EventData.UserID != "4164571c-8fda-49a1-88eb-bc223d45a944" {
		t.Fatalf("decoded %T %+v", ev, ev)
	}
	_, err = events.Decode("user.registered", []byte(strings.Replace(registered, "EMAIL", "not-an-email", 1)))
	if err == nil || !strings.Contains(err.Error(), "/event_data/email") {
		t.Fatalf("want an error at /event_data/email, got %v", err)
	}
	found := false
	for _, info := range events.EventTypes {
		if info.Type == events.EventTypeUserRegistered && info.Stream == "user" {
			found = true
		}
	}
	if !found {
		t.Error("user.registered missing from EventTypes")
	}
}
