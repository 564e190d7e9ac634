// Package diag holds diagnostics: what is wrong, where, under which rule.
package diag

import (
	"sort"

	"github.com/asyncgen/asyncgen/generator/location"
)

// Severity of a diagnostic.
type Severity int

// Severities, from most to least serious.
const (
	Error Severity = iota
	Warning
	// Info is a finding worth knowing that needs no change (an unused
	// component); it never fails a run.
	Info
	Off
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	default:
		return "off"
	}
}

// ParseSeverity reads "error", "warning", "info" or "off".
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "error":
		return Error, true
	case "warning":
		return Warning, true
	case "info":
		return Info, true
	case "off":
		return Off, true
	}
	return Off, false
}

// Diagnostic is one finding at one place.
type Diagnostic struct {
	Pos      location.Pos
	Severity Severity
	Rule     string
	Message  string
}

// List collects diagnostics.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(pos location.Pos, sev Severity, rule, format string) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: sev, Rule: rule, Message: format})
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders diagnostics by file, line, column, rule, message and drops exact duplicates.
func Sort(l List) List {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos != b.Pos {
			return a.Pos.Less(b.Pos)
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
	out := l[:0]
	for i, d := range l {
		if i > 0 && d == l[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}
