package events_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	events "github.com/asyncgen/asyncgen/gen/events"
)

const registered = `{"stream_id":"4164571c-8fda-49a1-88eb-bc223d45a944","stream_type":"user","event_type":"user.registered",
 "event_data":{"org_id":"7c94fedd-a5bc-4777-97c4-abdab7a51570","user_id":"4164571c-8fda-49a1-88eb-bc223d45a944",
  "email":"EMAIL","name":{"given_name":"Bob","family_name":"Meyer"},"locale":"de-DE","role":"member",
  "signup_method":"invitation","invited_by":"3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f","marketing_opt_in":false,
  "registered_at":"2026-03-14T10:02:17Z"},
 "event_metadata":{"user_id":"4164571c-8fda-49a1-88eb-bc223d45a944"}}`

// TestREADMEExample keeps the README's Decode promises true: Decode decodes
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

// TestREADMEStoreExample runs the README's Append and DecodeStored example
// on PostgreSQL, as written there.
func TestREADMEStoreExample(t *testing.T) {
	db := storeDB(t)
	ctx := context.Background()
	orgID, ownerID := "98ee63b9-3e52-486e-8692-6e7c7cda80a7", "29377fa7-ea7f-4180-84a8-a7a3e4eed80b"
	var printed []string
	err := func() error {
		ev := events.OrganizationCreated{
			OrganizationID: orgID, Name: "Acme Robotics", Slug: "acme-robotics",
			OwnerUserID: ownerID, Region: events.OrganizationCreatedDataRegionEuCentral,
			CreatedAt: time.Now().UTC(),
		}
		if err := events.Append(ctx, db, orgID, 1, ev); err != nil {
			return err
		}
		rows, err := db.QueryContext(ctx, `SELECT event_type, event_data, event_metadata
	FROM public.domain_events WHERE stream_id = $1 ORDER BY stream_version`, orgID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var eventType string
			var data, metadata []byte
			if err := rows.Scan(&eventType, &data, &metadata); err != nil {
				return err
			}
			stored, err := events.DecodeStored(eventType, data, metadata)
			if errors.Is(err, events.ErrUnknownEventType) {
				continue
			} else if err != nil {
				return err
			}
			switch e := stored.(type) {
			case *events.OrganizationCreated:
				printed = append(printed, fmt.Sprint(e.Name, " ", e.Region))
			}
		}
		return rows.Err()
	}()
	if err != nil {
		t.Fatal(err)
	}
	if len(printed) != 1 || printed[0] != "Acme Robotics eu-central" {
		t.Errorf("printed %q, want [Acme Robotics eu-central]", printed)
	}
}
