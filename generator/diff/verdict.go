package diff

import (
	"fmt"
	"strings"
)

// Verdict says whether one direction of a change is compatible.
type Verdict int8

// Verdicts, from best to worst.
const (
	// Compatible: every instance valid under the writer is valid under the reader.
	Compatible Verdict = iota
	// Unknown: the rules cannot decide (pattern changes, overlapping
	// unions, unclassified keywords); a warning that needs acceptance or
	// proof against stored events.
	Unknown
	// Incompatible: some instance valid under the writer is rejected.
	Incompatible
)

func (v Verdict) String() string {
	switch v {
	case Compatible:
		return "compatible"
	case Unknown:
		return "unknown"
	}
	return "incompatible"
}

// MarshalText writes the verdict name.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

func worse(a, b Verdict) Verdict {
	if b > a {
		return b
	}
	return a
}

func verdictOf(ok bool) Verdict {
	if ok {
		return Compatible
	}
	return Incompatible
}

// Mode is the compatibility policy a change is classified under.
type Mode struct {
	Backward   bool // new schema reads every old event (replay)
	Forward    bool // old readers read every new event
	Transitive bool // against every registered version, not only the latest
}

// DefaultMode is BACKWARD_TRANSITIVE: stored events are replayed forever.
var DefaultMode = Mode{Backward: true, Transitive: true}

// ModeNames lists the accepted --mode values.
var ModeNames = []string{"backward", "backward-transitive", "forward", "forward-transitive", "full", "full-transitive", "none"}

// ParseMode reads backward|forward|full|none, optionally -transitive.
func ParseMode(s string) (Mode, error) {
	var m Mode
	base := strings.ToLower(strings.TrimSpace(s))
	base = strings.ReplaceAll(base, "_", "-")
	if b, ok := strings.CutSuffix(base, "-transitive"); ok {
		m.Transitive, base = true, b
	}
	switch base {
	case "backward":
		m.Backward = true
	case "forward":
		m.Forward = true
	case "full":
		m.Backward, m.Forward = true, true
	case "none":
		if m.Transitive {
			return m, fmt.Errorf("unknown mode %q (want %s)", s, strings.Join(ModeNames, ", "))
		}
	default:
		return m, fmt.Errorf("unknown mode %q (want %s)", s, strings.Join(ModeNames, ", "))
	}
	return m, nil
}

func (m Mode) String() string {
	var s string
	switch {
	case m.Backward && m.Forward:
		s = "full"
	case m.Backward:
		s = "backward"
	case m.Forward:
		s = "forward"
	default:
		return "none"
	}
	if m.Transitive {
		s += "-transitive"
	}
	return s
}

// MarshalText writes the mode name.
func (m Mode) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// ContentModel is the policy for properties a schema does not declare.
type ContentModel int8

const (
	// Lenient assumes that an undeclared key an event carries under an open
	// model never conflicts with a property of the same name declared by
	// another version (names are never reused with another meaning). Adding
	// an optional property to an open model is then backward compatible,
	// and removing one is forward compatible.
	Lenient ContentModel = iota
	// Strict is plain set inclusion: an open model accepts any value for an
	// undeclared key, so declaring it later narrows what is valid.
	Strict
)

// ParseContentModel reads lenient|strict.
func ParseContentModel(s string) (ContentModel, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "lenient", "":
		return Lenient, nil
	case "strict":
		return Strict, nil
	}
	return Lenient, fmt.Errorf("unknown content model %q (want lenient or strict)", s)
}

func (c ContentModel) String() string {
	if c == Strict {
		return "strict"
	}
	return "lenient"
}

// MarshalText writes the content model name.
func (c ContentModel) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Bump is a semantic-version increment.
type Bump int8

// Bumps, from least to most.
const (
	BumpNone Bump = iota
	BumpPatch
	BumpMinor
	BumpMajor
)

func (b Bump) String() string {
	return [...]string{"none", "patch", "minor", "major"}[b]
}

// MarshalText writes the bump name.
func (b Bump) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// Deploy is the order in which producers and consumers must be upgraded.
type Deploy int8

// Deploy orders.
const (
	// DeployAny: either order works.
	DeployAny Deploy = iota
	// ConsumersFirst: new readers must be live before new events appear.
	ConsumersFirst
	// ProducersFirst: old readers survive new events, but new readers
	// cannot replay old ones; only with upcasters or proof (verify-events).
	ProducersFirst
	// NoSafeOrder: neither order is safe; ship a new event type instead.
	NoSafeOrder
	// DeployReview: a direction's compatibility is unknown; decide after
	// review or --verify-events.
	DeployReview
)

func (d Deploy) String() string {
	return [...]string{"any order", "consumers first", "producers first", "no safe order (new event type)", "after review"}[d]
}

// MarshalText writes a kebab-case name.
func (d Deploy) MarshalText() ([]byte, error) {
	return []byte([...]string{"any", "consumers-first", "producers-first", "none", "review"}[d]), nil
}

// deployOf derives the upgrade order from the two verdicts.
func deployOf(b, f Verdict) Deploy {
	switch {
	case b == Unknown || f == Unknown:
		if b == Incompatible || f == Incompatible {
			return NoSafeOrder
		}
		return DeployReview
	case b == Compatible && f == Compatible:
		return DeployAny
	case b == Compatible:
		return ConsumersFirst
	case f == Compatible:
		return ProducersFirst
	}
	return NoSafeOrder
}

// combineDeploy merges the orders two changes need.
func combineDeploy(a, b Deploy) Deploy {
	switch {
	case a == b || b == DeployAny:
		return a
	case a == DeployAny:
		return b
	case a == NoSafeOrder || b == NoSafeOrder:
		return NoSafeOrder
	case a == DeployReview:
		return b
	case b == DeployReview:
		return a
	}
	return NoSafeOrder
}

// Severity of a finding.
type Severity int8

// Severities, from most to least serious.
const (
	Error Severity = iota
	Warning
	Info
	// Off drops a rule's findings (config rules: RULE: off).
	Off
)

func (s Severity) String() string {
	return [...]string{"error", "warning", "info", "off"}[s]
}

// MarshalText writes the severity name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads error|warning (the --fail-on values).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error", "":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return Error, fmt.Errorf("unknown severity %q (want error or warning)", s)
}
