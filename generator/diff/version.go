package diff

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/asyncgen/asyncgen/generator/location"
)

// VersionCheck compares a contract's declared info.version bump with the
// bump its changes need.
type VersionCheck struct {
	File       string `json:"file"`
	OldVersion string `json:"old_version,omitempty"`
	NewVersion string `json:"new_version"`
	Required   Bump   `json:"required_bump"`
	Declared   Bump   `json:"declared_bump"`
	OK         bool   `json:"ok"`
}

type semver struct{ major, minor, patch int64 }

func parseSemver(s string) (semver, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "v")
	if i := strings.IndexAny(s, "-+"); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return semver{}, false
	}
	var n [3]int64
	for i, p := range parts {
		v, err := strconv.ParseInt(p, 10, 64)
		if err != nil || v < 0 {
			return semver{}, false
		}
		n[i] = v
	}
	return semver{n[0], n[1], n[2]}, true
}

func (a semver) cmp(b semver) int {
	for _, d := range []int64{a.major - b.major, a.minor - b.minor, a.patch - b.patch} {
		if d != 0 {
			if d < 0 {
				return -1
			}
			return 1
		}
	}
	return 0
}

// declaredBump is the bump from old to new. Below 1.0.0 every position
// moves up one: 0.y → 0.y+1 counts as major, 0.y.z → 0.y.z+1 as minor
// (semver's "anything may change" read the way cargo and oasdiff do).
func declaredBump(o, n semver) Bump {
	switch {
	case n.cmp(o) <= 0:
		return BumpNone
	case n.major > o.major:
		return BumpMajor
	case o.major == 0 && n.minor > o.minor:
		return BumpMajor
	case o.major == 0:
		return BumpMinor
	case n.minor > o.minor:
		return BumpMinor
	}
	return BumpPatch
}

// suggest is the smallest version after o with the needed bump.
func suggest(o semver, b Bump) string {
	switch {
	case b == BumpMajor && o.major == 0:
		return fmt.Sprintf("0.%d.0", o.minor+1)
	case b == BumpMajor:
		return fmt.Sprintf("%d.0.0", o.major+1)
	case b == BumpMinor && o.major == 0:
		return fmt.Sprintf("0.%d.%d", o.minor, o.patch+1)
	case b == BumpMinor:
		return fmt.Sprintf("%d.%d.0", o.major, o.minor+1)
	}
	return fmt.Sprintf("%d.%d.%d", o.major, o.minor, o.patch+1)
}

// versions checks every paired contract's info.version against the bump
// its findings need. Patch-level changes recommend a patch bump but do not
// require one.
func (c *comparison) versions(old *Side, r *Report) []*VersionCheck {
	if old.SchemasOnly && len(old.Contracts) == 0 {
		return nil
	}
	pairs := c.pairContracts(old)
	events := map[string]*Contract{}
	for _, e := range c.cur.Events {
		events[e.Type] = e.Contract
	}
	var out []*VersionCheck
	x := newChecker(&c.opt, old, c.cur, c.flat)
	x.sink = func(ch *change, b, f Verdict) { c.record(old, true, ch, b, f) }
	before := len(c.findings)
	// A history that never bumps info.version gets one finding, not one
	// per contract.
	unchanged := true
	for nc, oc := range pairs {
		unchanged = unchanged && oc.Version == nc.Version
	}
	var short []*VersionCheck
	for _, nc := range c.cur.Contracts {
		oc := pairs[nc]
		if oc == nil {
			continue
		}
		need := BumpNone
		for _, f := range c.findings[:before] {
			if (f.EventType != "" && events[f.EventType] == nc) || (f.EventType == "" && f.Contract == nc.File) || (f.EventType != "" && events[f.EventType] == nil && f.Contract == "" && len(c.cur.Contracts) == 1) {
				need = max(need, f.Bump)
			}
		}
		vc := &VersionCheck{File: nc.File, OldVersion: oc.Version, NewVersion: nc.Version, Required: need}
		out = append(out, vc)
		ov, ok1 := parseSemver(oc.Version)
		nv, ok2 := parseSemver(nc.Version)
		if !ok1 || !ok2 {
			vc.OK = true // lint reports versions that are not semver
			continue
		}
		vc.Declared = declaredBump(ov, nv)
		base := func(rule, msg string) *change {
			return &change{rule: rule, facet: "version|" + nc.File, contract: nc.File, newPtr: "/info/version", oldPtr: "/info/version",
				newPos: nc.VersionPos, oldPos: old.pos(oc.VersionPos), msg: msg}
		}
		switch {
		case nv.cmp(ov) < 0:
			x.add(base("version-decreased", fmt.Sprintf("info.version went down from %s to %s", oc.Version, nc.Version)).values(oc.Version, nc.Version, true, true))
		case (nv.cmp(ov) > 0 || oc.Version != nc.Version) && !changed(c.findings[:before], events, nc):
			x.add(base("version-changed", fmt.Sprintf("info.version %s became %s", oc.Version, nc.Version)).values(oc.Version, nc.Version, true, true))
		}
		vc.OK = nv.cmp(ov) >= 0 && (need < BumpMinor || vc.Declared >= need)
		if nv.cmp(ov) >= 0 && need >= BumpMinor && vc.Declared < need {
			if unchanged {
				short = append(short, vc)
				continue
			}
			x.add(base("version-bump-insufficient", fmt.Sprintf("info.version %s → %s is a %s bump, but the changes need %s: use %s or later",
				oc.Version, nc.Version, vc.Declared, need, suggest(ov, need))).values(oc.Version, nc.Version, true, true))
		}
	}
	if len(short) > 0 {
		c.unchanged = true
		x.add(c.neverBumped(short, len(pairs)))
	}
	for _, f := range c.findings[before:] {
		c.classify(f)
	}
	return out
}

// neverBumped is the one finding for a history whose info.version stays
// put in every contract: which contracts need a bump, and how much.
func (c *comparison) neverBumped(short []*VersionCheck, contracts int) *change {
	need, first := BumpNone, short[0]
	for _, vc := range short {
		need = max(need, vc.Required)
	}
	var pos location.Pos
	for _, nc := range c.cur.Contracts {
		if nc.File == first.File {
			pos = nc.VersionPos
		}
	}
	var msg string
	switch {
	case len(short) == 1:
		what := "info.version"
		if contracts > 1 {
			what = fmt.Sprintf("no contract's info.version changed; %s", first.File)
		}
		msg = fmt.Sprintf("%s stays at %s, but its changes need a %s bump", what, first.NewVersion, need)
		if v, ok := parseSemver(first.NewVersion); ok {
			msg += ": use " + suggest(v, need) + " or later"
		}
	default:
		msg = fmt.Sprintf("no contract's info.version changed, but the changes of %d of the %d contracts need a bump, up to %s", len(short), contracts, need)
	}
	return &change{rule: "version-bump-insufficient", facet: "version|never-bumped", newPtr: "/info/version", oldPtr: "/info/version", newPos: pos, msg: msg}
}

// changed reports whether a contract has findings other than its version.
func changed(findings []*Finding, events map[string]*Contract, nc *Contract) bool {
	for _, f := range findings {
		if (f.EventType != "" && events[f.EventType] == nc) || (f.EventType == "" && f.Contract == nc.File) {
			return true
		}
	}
	return false
}
