package diff

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/asyncgen/asyncgen/generator/location"
)

// Finding is one classified change.
type Finding struct {
	Rule string `json:"rule"`
	// Reference is where docs/compatibility.md describes the rule.
	Reference string   `json:"reference"`
	Severity  Severity `json:"severity"`
	EventType string   `json:"event_type,omitempty"`
	Contract  string   `json:"contract,omitempty"`
	Channel   string   `json:"channel,omitempty"`
	// Pointer is the JSON pointer of the change in the new message (or
	// document, for channels); OldPointer in the old one.
	Pointer    string `json:"pointer,omitempty"`
	OldPointer string `json:"old_pointer,omitempty"`
	// NewRef and OldRef locate the change in the documents: file#pointer.
	NewRef string          `json:"new_ref,omitempty"`
	OldRef string          `json:"old_ref,omitempty"`
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
	// NewPos is where the change shows in the new contract (for a removal,
	// the surviving parent); OldPos where the old definition was.
	NewPos   location.Pos `json:"-"`
	OldPos   location.Pos `json:"-"`
	Backward Verdict      `json:"backward"`
	Forward  Verdict      `json:"forward"`
	// Mode is the policy the finding was classified under.
	Mode        Mode   `json:"mode"`
	Bump        Bump   `json:"bump"`
	Deploy      Deploy `json:"deploy"`
	Fingerprint string `json:"fingerprint"`
	Message     string `json:"message"`
	// Baseline labels the baseline version the change is relative to.
	Baseline string `json:"baseline,omitempty"`
	// Accepted is set when an accepted change (diff.accept, --accept)
	// matches, with its reason; Verified when stored events prove the new
	// schema reads them all.
	Accepted     bool   `json:"accepted,omitempty"`
	AcceptReason string `json:"accept_reason,omitempty"`
	Verified     string `json:"verified,omitempty"`
	// AcceptEntry, on a breaking finding, is the diff.accept entry that
	// would accept it.
	AcceptEntry *AcceptEntry `json:"accept_entry,omitempty"`
	// Facet identifies the compared aspect independently of direction: the
	// finding of the swapped diff has the same facet (tests).
	Facet string `json:"-"`
}

// MarshalJSON adds the positions as file:line:col strings.
func (f *Finding) MarshalJSON() ([]byte, error) {
	type plain Finding
	return json.Marshal(struct {
		*plain
		NewLocation string `json:"new_location,omitempty"`
		OldLocation string `json:"old_location,omitempty"`
	}{(*plain)(f), posText(f.NewPos), posText(f.OldPos)})
}

func posText(p location.Pos) string {
	if p.IsZero() {
		return ""
	}
	return p.String()
}

// Pos is where the finding is shown: the new position, else the old one.
func (f *Finding) Pos() location.Pos {
	if !f.NewPos.IsZero() {
		return f.NewPos
	}
	return f.OldPos
}

// fingerprint identifies a change independently of line numbers and of
// the baseline version it was found against, so that --accept lists stay
// valid while files move.
func fingerprint(rule, event, contract, channel, ptr, oldPtr string, before, after json.RawMessage) string {
	h := sha256.New()
	for _, s := range []string{rule, event, contract, channel, ptr, oldPtr, string(before), string(after)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
