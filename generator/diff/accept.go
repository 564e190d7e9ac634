package diff

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/asyncgen/asyncgen/generator/location"
)

// Accept is a change a team accepted in review (config diff.accept, or
// --accept): a finding it matches is reported as info, with the reason.
// It names a rule and an event type (and optionally a JSON pointer), or a
// finding fingerprint; every field given must match.
type Accept struct {
	Rule        string
	Event       string
	Pointer     string
	Fingerprint string
	Reason      string
	// Until is the last day the entry applies (YYYY-MM-DD); "" for ever.
	Until string
	// Pos is where the entry is written (none for --accept).
	Pos location.Pos
}

var fingerprintText = regexp.MustCompile(`^[0-9a-f]{16}$`)

// ParseAcceptFlag reads an --accept value: a fingerprint, a rule id (any
// event) or RULE@EVENT_TYPE.
func ParseAcceptFlag(v string) Accept {
	a := Accept{Reason: "--accept " + v}
	switch rule, event, ok := strings.Cut(v, "@"); {
	case ok:
		a.Rule, a.Event = rule, event
	case fingerprintText.MatchString(v):
		a.Fingerprint = v
	default:
		a.Rule = v
	}
	return a
}

// matches reports whether the entry names the finding.
func (a *Accept) matches(f *Finding) bool {
	switch {
	case a.Fingerprint == "" && a.Rule == "",
		a.Fingerprint != "" && a.Fingerprint != f.Fingerprint,
		a.Rule != "" && a.Rule != f.Rule,
		a.Event != "" && a.Event != f.EventType,
		a.Pointer != "" && a.Pointer != f.Pointer && a.Pointer != f.OldPointer:
		return false
	}
	return true
}

// expired reports whether the entry's last day is before today.
func (a *Accept) expired(today time.Time) bool {
	return a.Until != "" && !today.IsZero() && today.Format(time.DateOnly) > a.Until
}

// String names the entry in messages.
func (a *Accept) String() string {
	var parts []string
	for _, kv := range [][2]string{{"rule", a.Rule}, {"event", a.Event}, {"pointer", a.Pointer}, {"fingerprint", a.Fingerprint}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+": "+yamlScalar(kv[1]))
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// acceptance tracks which entries matched a finding in one classification.
type acceptance struct {
	used, expiredUse []bool
}

// accepting returns the entry that accepts f, if any; an expired entry
// that would have is remembered, not applied.
func (c *comparison) accepting(f *Finding) *Accept {
	if len(c.acc.used) != len(c.opt.Accept) {
		c.acc = acceptance{used: make([]bool, len(c.opt.Accept)), expiredUse: make([]bool, len(c.opt.Accept))}
	}
	r, _ := Lookup(f.Rule)
	if r.Scope == ScopeAccept {
		return nil
	}
	for i := range c.opt.Accept {
		a := &c.opt.Accept[i]
		if !a.matches(f) {
			continue
		}
		if a.expired(c.opt.Today) {
			c.acc.expiredUse[i] = true
			continue
		}
		c.acc.used[i] = true
		return a
	}
	return nil
}

// acceptFindings reports the entries that no longer apply (expired) and
// those that match nothing (the change is gone, or the entry is wrong).
func (c *comparison) acceptFindings() {
	for i := range c.opt.Accept {
		a := &c.opt.Accept[i]
		var rule, msg string
		switch {
		case a.expired(c.opt.Today) && i < len(c.acc.expiredUse) && c.acc.expiredUse[i]:
			rule, msg = "accept-expired", fmt.Sprintf("accepted change %s expired after %s and no longer applies: the change it accepted is reported again (reason was: %s)", a, a.Until, a.Reason)
		case a.expired(c.opt.Today):
			rule, msg = "accept-expired", fmt.Sprintf("accepted change %s expired after %s and matches no finding: remove it", a, a.Until)
		case i >= len(c.acc.used) || !c.acc.used[i]:
			rule, msg = "accept-unused", fmt.Sprintf("accepted change %s matches no finding: remove it, or correct its rule, event or pointer", a)
		default:
			continue
		}
		f := &Finding{Rule: rule, Reference: DocLink(rule), EventType: a.Event, NewPos: a.Pos, Message: msg}
		f.Fingerprint = fingerprint(rule, a.Event, a.Rule, a.Fingerprint, a.Pointer, a.Until, nil, nil)
		c.classify(f)
		c.findings = append(c.findings, f)
	}
}

// AcceptEntry is the diff.accept entry that would accept a finding.
type AcceptEntry struct {
	Rule        string `json:"rule"`
	Event       string `json:"event,omitempty"`
	Pointer     string `json:"pointer,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
	Reason      string `json:"reason"`
}

// reasonHint stands in for the reason the reviewer must write.
const reasonHint = "<why this change is safe>"

// YAML writes the entry as a list item to paste under diff.accept.
func (e *AcceptEntry) YAML() string {
	a := Accept{Rule: e.Rule, Event: e.Event, Pointer: e.Pointer, Fingerprint: e.Fingerprint}
	s := a.String()
	return "- " + s[:len(s)-1] + ", reason: " + yamlScalar(e.Reason) + "}"
}

// suggestAccept gives every breaking change the entry that would accept
// it: rule, event and pointer, or the fingerprint when those name several
// findings (or the finding has no event type).
func suggestAccept(findings []*Finding) {
	count := map[string]int{}
	key := func(f *Finding) string { return f.Rule + "\x00" + f.EventType + "\x00" + acceptPointer(f) }
	for _, f := range findings {
		count[key(f)]++
	}
	for _, f := range findings {
		f.AcceptEntry = nil
		if r, _ := Lookup(f.Rule); f.Severity != Error || f.Accepted || r.Scope != ScopeDocument && r.Scope != ScopePayload {
			continue // version findings are fixed by bumping, not accepted
		}
		e := &AcceptEntry{Rule: f.Rule, Event: f.EventType, Pointer: acceptPointer(f), Reason: reasonHint}
		if f.EventType == "" || count[key(f)] > 1 {
			e.Pointer, e.Fingerprint = "", f.Fingerprint
		}
		f.AcceptEntry = e
	}
}

// acceptPointer is the pointer that names a finding best: the old one for
// a removal (the new one is the surviving parent).
func acceptPointer(f *Finding) string {
	if len(f.OldPointer) > len(f.Pointer) && strings.HasPrefix(f.OldPointer, f.Pointer) {
		return f.OldPointer
	}
	return f.Pointer
}

var plainScalar = regexp.MustCompile(`^[A-Za-z0-9/][A-Za-z0-9._/-]*$`)

// yamlScalar writes s as a YAML flow scalar: plain when safe, else quoted.
func yamlScalar(s string) string {
	switch strings.ToLower(s) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
	default:
		if plainScalar.MatchString(s) && !strings.Contains(s, "//") && strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz/") {
			return s
		}
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSpace(b.String())
}
