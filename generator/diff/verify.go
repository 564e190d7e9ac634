package diff

import (
	"fmt"
	"strings"
)

// Verification is the result of validating the stored events of one event
// type against its new schema (--verify-events): the event store is the
// ground truth of "old data".
type Verification struct {
	EventType string `json:"event_type"`
	// Stored is how many events of the type the store holds; Checked how
	// many were validated (fewer with --sample).
	Stored   int64           `json:"stored"`
	Checked  int64           `json:"checked"`
	Failures []StoredFailure `json:"failures,omitempty"`
	// Truncated is set when more events failed than are listed.
	Truncated bool `json:"truncated,omitempty"`
}

// StoredFailure is one stored event the new schema rejects.
type StoredFailure struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// Complete reports whether every stored event was checked and passed:
// only a complete pass is proof.
func (v *Verification) Complete() bool {
	return len(v.Failures) == 0 && v.Checked == v.Stored
}

// ApplyVerification records verification results: a complete pass proves
// the backward direction of that event's changes (they stay in the report,
// marked verified); a failure is an error naming the first failing ids.
func (r *Report) ApplyVerification(results []*Verification, opt Options) {
	r.Verification = results
	for _, v := range results {
		ev := r.cur.Event(v.EventType)
		switch {
		case len(v.Failures) > 0:
			var ids []string
			for _, f := range v.Failures {
				ids = append(ids, f.ID)
			}
			more := ""
			if v.Truncated {
				more = ", …"
			}
			f := &Finding{Rule: "stored-events-rejected", Reference: DocLink("stored-events-rejected"), EventType: v.EventType, Backward: Incompatible, Forward: Compatible,
				Message: fmt.Sprintf("%d of %d checked stored events fail the new schema; first failing ids: %s%s (first error: %s)",
					len(v.Failures), v.Checked, strings.Join(ids, ", "), more, v.Failures[0].Error)}
			if ev != nil {
				f.NewPos, f.Contract = ev.Pos, contractFile(ev)
			}
			f.Fingerprint = fingerprint(f.Rule, f.EventType, "", "", "", "", nil, nil)
			r.Findings = append(r.Findings, f)
		case v.Complete() && v.Stored > 0:
			for _, f := range r.Findings {
				if f.EventType == v.EventType && f.Backward != Compatible && f.Rule != "stored-events-rejected" {
					f.Verified = fmt.Sprintf("all %d stored events validate against the new schema", v.Stored)
				}
			}
		}
	}
	sortFindings(r.Findings)
	r.Reclassify(opt)
}

func contractFile(e *Event) string {
	if e.Contract == nil {
		return ""
	}
	return e.Contract.File
}
