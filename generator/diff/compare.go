// Package diff classifies the changes between two resolved contract sets:
// events paired by event type, schemas compared after dereferencing, every
// change judged by one rule of the table (rules.go) whose backward check,
// run with old and new swapped, also gives the forward verdict. It reads
// the IR only.
package diff

import (
	"sort"
	"time"

	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

// Options configure a comparison.
type Options struct {
	Mode         Mode
	ContentModel ContentModel
	// Accept lists the accepted changes (diff.accept, --accept): their
	// findings are reported as info, not counted by --fail-on.
	Accept []Accept
	// Today is the date accepted changes' until is checked against.
	Today time.Time
	// Severity overrides rules' severities (config rules:); Off drops a
	// rule's findings.
	Severity map[string]Severity
}

// Report is the outcome of a comparison.
type Report struct {
	Baseline     string          `json:"baseline"`
	Mode         Mode            `json:"mode"`
	ContentModel ContentModel    `json:"content_model"`
	Bump         Bump            `json:"bump"`
	Deploy       Deploy          `json:"deploy"`
	Events       []*EventSummary `json:"events"`
	Contracts    []*VersionCheck `json:"contracts"`
	Findings     []*Finding      `json:"findings"`
	Verification []*Verification `json:"verification,omitempty"`
	// VersionsUnchanged is set when no contract's info.version changed
	// against the baseline although the changes need a bump: one finding
	// says so instead of one per contract.
	VersionsUnchanged bool `json:"versions_unchanged,omitempty"`
	cur               *Side
	latest            *Side
}

// EventSummary sums up one event type's changes.
type EventSummary struct {
	Type     string   `json:"event_type"`
	Status   string   `json:"status"` // added, removed, renamed, changed
	Mode     Mode     `json:"mode"`
	Backward Verdict  `json:"backward"`
	Forward  Verdict  `json:"forward"`
	Bump     Bump     `json:"bump"`
	Deploy   Deploy   `json:"deploy"`
	Errors   int      `json:"errors"`
	Warnings int      `json:"warnings"`
	Changes  int      `json:"changes"`
	Severity Severity `json:"-"`
}

// comparison accumulates findings over the baseline versions.
type comparison struct {
	opt      Options
	cur      *Side
	findings []*Finding
	seen     map[string]bool
	status   map[string]string
	flat     *ir.Flattener
	acc      acceptance
	// unchanged is set by versions: see Report.VersionsUnchanged.
	unchanged bool
}

// Compare classifies the changes from the baseline versions to cur. The
// last baseline is the latest: events appearing or disappearing and the
// document rows are judged against it; schemas are also compared with
// every earlier version unless an event's mode is not transitive. Against
// the registry, cur is compared in the form PostgreSQL stores (storedForm).
func Compare(base []*Side, cur *Side, opt Options) *Report {
	cur = storedForm(base, cur)
	c := &comparison{opt: opt, cur: cur, seen: map[string]bool{}, status: map[string]string{}, flat: ir.NewFlattener()}
	for i := len(base) - 1; i >= 0; i-- {
		c.compare(base[i], i == len(base)-1)
	}
	r := &Report{Mode: opt.Mode, ContentModel: opt.ContentModel, cur: cur}
	if len(base) > 0 {
		r.Baseline = base[len(base)-1].Label
		r.latest = base[len(base)-1]
	}
	for _, f := range c.findings {
		c.classify(f)
	}
	if len(base) > 0 {
		r.Contracts = c.versions(base[len(base)-1], r)
	}
	c.finish(r)
	r.summarize(c.status)
	return r
}

// finish reports the accepted changes that no longer apply, drops the
// findings of rules switched off, sorts, and suggests accept entries.
func (c *comparison) finish(r *Report) {
	c.acceptFindings()
	kept := c.findings[:0]
	for _, f := range c.findings {
		if f.Severity != Off {
			kept = append(kept, f)
		}
	}
	r.Findings = kept
	r.VersionsUnchanged = c.unchanged
	sortFindings(r.Findings)
	suggestAccept(r.Findings)
}

// modeFor is an event's policy: its x-compatibility, else the run's.
func (c *comparison) modeFor(event string) Mode {
	if ev := c.cur.Event(event); ev != nil {
		if s, ok := ev.Attrs["x-compatibility"].(string); ok {
			if m, err := ParseMode(s); err == nil {
				return m
			}
		}
	}
	return c.opt.Mode
}

func (c *comparison) compare(old *Side, latest bool) {
	x := newChecker(&c.opt, old, c.cur, c.flat)
	x.sink = func(ch *change, b, f Verdict) { c.record(old, latest, ch, b, f) }
	schemasOnly := old.SchemasOnly || c.cur.SchemasOnly
	for _, ne := range c.cur.Events {
		oe := old.Event(ne.Type)
		if oe == nil {
			continue
		}
		if !latest && !c.modeFor(ne.Type).Transitive {
			continue
		}
		x.event = ne.Type
		c.event(x, oe, ne, schemasOnly)
	}
	if latest {
		x.event = ""
		c.presence(x, old, schemasOnly)
		if !schemasOnly {
			c.documents(x, old)
		}
	}
}

// record turns a judged change into a finding, once per fingerprint.
func (c *comparison) record(old *Side, latest bool, ch *change, b, f Verdict) {
	r, _ := Lookup(ch.rule)
	fd := &Finding{Rule: r.ID, Reference: DocLink(r.ID), EventType: ch.event, Contract: ch.contract, Channel: ch.channel,
		Pointer: ch.newPtr, OldPointer: ch.oldPtr, NewRef: ch.newRef, OldRef: ch.oldRef,
		NewPos: ch.newPos, OldPos: ch.oldPos, Backward: b, Forward: f, Message: ch.msg, Baseline: old.Label, Facet: ch.facet}
	if ch.hasBefore {
		fd.Before = rawJSON(ch.before)
	}
	if ch.hasAfter {
		fd.After = rawJSON(ch.after)
	}
	scope := ch.contract
	if ch.event != "" {
		scope = ""
	}
	fd.Fingerprint = fingerprint(fd.Rule, fd.EventType, scope, fd.Channel, fd.Pointer, fd.OldPointer, fd.Before, fd.After)
	if fd.Contract == "" && fd.EventType != "" {
		if e := c.cur.Event(fd.EventType); e != nil && e.Contract != nil {
			fd.Contract = e.Contract.File
		}
	}
	if c.seen[fd.Fingerprint] {
		return
	}
	c.seen[fd.Fingerprint] = true
	if fd.EventType != "" && c.status[fd.EventType] == "" {
		c.status[fd.EventType] = "changed"
	}
	c.findings = append(c.findings, fd)
}

// classify sets severity, bump and deploy order under the event's mode.
func (c *comparison) classify(f *Finding) {
	r, _ := Lookup(f.Rule)
	f.Mode = c.modeFor(f.EventType)
	if f.EventType == "" {
		f.Mode = c.opt.Mode
	}
	f.Deploy = deployOf(f.Backward, f.Forward)
	f.Accepted, f.AcceptReason = false, ""
	if a := c.accepting(f); a != nil {
		f.Accepted, f.AcceptReason = true, a.Reason
	}
	defer c.override(f)
	if r.Scope == ScopeVersion || r.Scope == ScopeEvents || r.Scope == ScopeAccept {
		f.Severity, f.Bump = r.Severity, r.Bump
		if f.Accepted {
			f.Severity = Info
		}
		return
	}
	checked := Compatible
	if f.Mode.Backward {
		b := f.Backward
		if f.Verified != "" {
			b = Compatible
		}
		checked = worse(checked, b)
	}
	if f.Mode.Forward {
		checked = worse(checked, f.Forward)
	}
	if r.Unclassified && checked == Compatible && f.Verified == "" && (f.Mode.Backward || f.Mode.Forward) {
		checked = Unknown
	}
	switch {
	case checked == Incompatible:
		f.Severity, f.Bump = Error, BumpMajor
	case checked == Unknown:
		f.Severity, f.Bump = Warning, BumpMajor
	default:
		f.Severity, f.Bump = Info, r.Bump
		if r.Bump < BumpMinor && (f.Backward != Compatible || f.Forward != Compatible) {
			f.Bump = BumpMinor
		}
	}
	if f.Accepted || (f.Verified != "" && checked != Incompatible) {
		if f.Severity == Warning {
			f.Bump = max(r.Bump, BumpMinor)
		}
		if f.Accepted {
			f.Severity = Info
		}
	}
}

// override applies the configured severity of f's rule (config rules:).
func (c *comparison) override(f *Finding) {
	if sev, ok := c.opt.Severity[f.Rule]; ok && !f.Accepted {
		f.Severity = sev
	}
}

// Reclassify applies verification results (and acceptance) again, and
// checks the declared versions against the bumps that result.
func (r *Report) Reclassify(opt Options) {
	c := &comparison{opt: opt, cur: r.cur, seen: map[string]bool{}, status: map[string]string{}, flat: ir.NewFlattener()}
	for _, f := range r.Findings {
		if rule, _ := Lookup(f.Rule); rule.Scope == ScopeVersion || rule.Scope == ScopeAccept || f.Rule == "version-changed" {
			continue
		}
		c.classify(f)
		c.seen[f.Fingerprint] = true
		c.findings = append(c.findings, f)
	}
	if r.latest != nil {
		r.Contracts = c.versions(r.latest, r)
	}
	c.finish(r)
	status := map[string]string{}
	for _, e := range r.Events {
		status[e.Type] = e.Status
	}
	r.summarize(status)
}

func sortFindings(l []*Finding) {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		pa, pb := a.Pos(), b.Pos()
		if pa != pb {
			return pa.Less(pb)
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// summarize fills the per-event summaries, the required bump and the deploy order.
func (r *Report) summarize(status map[string]string) {
	byType := map[string]*EventSummary{}
	r.Events = nil
	get := func(t string) *EventSummary {
		if s := byType[t]; s != nil {
			return s
		}
		s := &EventSummary{Type: t, Status: status[t], Severity: Info}
		if s.Status == "" {
			s.Status = "changed"
		}
		byType[t] = s
		r.Events = append(r.Events, s)
		return s
	}
	for t := range status {
		get(t)
	}
	r.Bump, r.Deploy = BumpNone, DeployAny
	for _, f := range r.Findings {
		rule, _ := Lookup(f.Rule)
		if rule.Scope != ScopeVersion {
			r.Bump = max(r.Bump, f.Bump)
			r.Deploy = combineDeploy(r.Deploy, effectiveDeploy(f))
		}
		if f.EventType == "" {
			continue
		}
		s := get(f.EventType)
		s.Mode = f.Mode
		s.Changes++
		s.Backward, s.Forward = worse(s.Backward, f.Backward), worse(s.Forward, f.Forward)
		s.Bump = max(s.Bump, f.Bump)
		s.Deploy = combineDeploy(s.Deploy, effectiveDeploy(f))
		switch f.Severity {
		case Error:
			s.Errors++
		case Warning:
			s.Warnings++
		}
		s.Severity = min(s.Severity, f.Severity)
	}
	sort.Slice(r.Events, func(i, j int) bool { return r.Events[i].Type < r.Events[j].Type })
}

// effectiveDeploy ignores directions a change cannot break: annotations
// and accepted changes still deploy in any order.
func effectiveDeploy(f *Finding) Deploy {
	if f.Verified != "" && f.Forward == Compatible {
		return ProducersFirst
	}
	if f.Accepted {
		known := func(v Verdict) Verdict {
			if v == Unknown {
				return Compatible
			}
			return v
		}
		return deployOf(known(f.Backward), known(f.Forward))
	}
	return f.Deploy
}

// Count returns how many findings are at or above a severity.
func (r *Report) Count(sev Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity <= sev {
			n++
		}
	}
	return n
}

// HasUnacceptedUnknown reports changes of unknown compatibility (warnings
// that need explicit acceptance or proof), not version or accept notes.
func (r *Report) HasUnacceptedUnknown() bool {
	for _, f := range r.Findings {
		rule, _ := Lookup(f.Rule)
		if f.Severity == Warning && !f.Accepted && (rule.Unclassified || f.Backward == Unknown || f.Forward == Unknown) {
			return true
		}
	}
	return false
}

// ChangedEvents lists the event types with schema findings.
func (r *Report) ChangedEvents() []string {
	var out []string
	for _, e := range r.Events {
		if e.Status == "changed" {
			out = append(out, e.Type)
		}
	}
	return out
}

func at(f func(string) location.Pos, ptr string) location.Pos {
	if f == nil {
		return location.Pos{}
	}
	return f(ptr)
}
