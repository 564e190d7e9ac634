package config

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/source"
)

// DiffConfig is the diff: section.
type DiffConfig struct {
	// Accept lists the changes a team accepted in review: written under
	// diff.accept, or in the file diff.accept names.
	Accept []AcceptEntry
}

// AcceptEntry is one accepted diff finding: a rule id with an event type
// (and optionally a JSON pointer), or a finding fingerprint; always with a
// reason, optionally until a date.
type AcceptEntry struct {
	Rule        string
	Event       string
	Pointer     string
	Fingerprint string
	Reason      string
	// Until is the last day (YYYY-MM-DD) the entry applies; "" for ever.
	Until string
	// Pos is where the entry is written.
	Pos location.Pos
}

var fingerprintPattern = regexp.MustCompile(`^[0-9a-f]{16}$`)

// diff reads the diff: section.
func (r *reader) diff(n *source.Node) {
	r.object(n, "diff", map[string]func(source.Field){
		"accept": func(f source.Field) {
			if name, ok := f.Value.StringValue(); ok {
				r.acceptFile(f.Value.Pos, name)
				return
			}
			r.acceptList(f.Value, "diff.accept")
		},
	})
}

// acceptFile reads the accept list from the file diff.accept names: a YAML
// list of entries, each reported at its own line.
func (r *reader) acceptFile(pos location.Pos, name string) {
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(r.cfg.Dir, filepath.FromSlash(name))
	}
	data, err := os.ReadFile(p)
	if err != nil {
		r.errorf(pos, "diff.accept: cannot read %s: %v", name, err)
		return
	}
	f, ds := source.Parse(r.display(p), data, 0)
	r.diags = append(r.diags, ds...)
	if f.Root != nil {
		r.acceptList(f.Root, name)
	}
}

func (r *reader) acceptList(n *source.Node, where string) {
	if n.Kind == source.Null {
		return
	}
	if n.Kind != source.Array {
		r.errorf(n.Pos, "%s must be a list of accepted changes, or the name of a file that holds one", where)
		return
	}
	for _, it := range n.Items {
		e := AcceptEntry{Pos: it.Pos}
		field := func(into *string) func(source.Field) { return func(f source.Field) { r.str(f, into) } }
		if it.Kind != source.Object {
			r.errorf(it.Pos, "an accepted change is a mapping: {rule, event, pointer, reason, until} or {fingerprint, reason, until}")
			continue
		}
		before := len(r.diags)
		r.object(it, "an accepted change", map[string]func(source.Field){
			"rule": field(&e.Rule), "event": field(&e.Event), "pointer": field(&e.Pointer),
			"fingerprint": field(&e.Fingerprint), "reason": field(&e.Reason), "until": field(&e.Until),
		})
		if len(r.diags) > before {
			continue
		}
		switch {
		case e.Reason == "":
			r.errorf(it.Pos, "an accepted change needs a reason: say why it is safe")
		case strings.HasPrefix(e.Reason, "<") && strings.HasSuffix(e.Reason, ">"):
			r.errorf(it.Pos, "write the reason the change is safe in place of %s", e.Reason)
		case e.Fingerprint == "" && (e.Rule == "" || e.Event == ""):
			r.errorf(it.Pos, "an accepted change names a rule and an event (and optionally a pointer), or a fingerprint")
		case e.Fingerprint != "" && !fingerprintPattern.MatchString(e.Fingerprint):
			r.errorf(it.Pos, "fingerprint %q is not one asyncgen diff prints (16 hex digits)", e.Fingerprint)
		case e.Rule != "" && !r.validRule(e.Rule):
			r.errorf(it.Pos, "unknown rule %q (asyncgen diff --list shows the diff rules)", e.Rule)
		case e.Until != "" && !validDate(e.Until):
			r.errorf(it.Pos, "until must be a date written YYYY-MM-DD, not %q", e.Until)
		default:
			r.cfg.Diff.Accept = append(r.cfg.Diff.Accept, e)
		}
	}
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
