package generator

import (
	"fmt"
	"path/filepath"

	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/lint"
	"github.com/asyncgen/asyncgen/generator/source"
)

// RuleUnusedIgnore reports ignore: entries that match no finding.
const RuleUnusedIgnore = "config/unused-ignore"

// checkIgnores refuses ignore: entries for fatal rules: unreadable input
// is never silenced. It runs when the config is loaded.
func checkIgnores(cfg *config.Config) diag.List {
	var out diag.List
	for _, ig := range cfg.Ignore {
		if r, ok := lint.Lookup(ig.Rule); ok && r.Fatal {
			out.Add(ig.RulePos, diag.Error, config.RuleConfig, fmt.Sprintf("rule %s is fatal (the contracts cannot be read as they are) and cannot be ignored; fix the input", ig.Rule))
		}
	}
	return out
}

// ignoreRun is what applying the ignore: entries needs from a lint run.
type ignoreRun struct {
	cfg *config.Config
	// files are the parsed files by display path (the File of positions).
	files map[string]*source.File
	// abs maps display paths to absolute ones.
	abs func(display string) string
	// ran reports whether a rule ran, so that its findings could match.
	ran func(rule string) bool
	// partial is set when only some of the contracts were linted (PATH
	// arguments): an entry for a file not linted cannot be judged.
	partial bool
}

// apply drops the findings an ignore: entry matches and returns the rest,
// with a config/unused-ignore warning at each entry that matched nothing.
func (r ignoreRun) apply(in diag.List) (kept, unused diag.List) {
	if len(r.cfg.Ignore) == 0 {
		return in, nil
	}
	byRule := map[string][]int{}
	for i, ig := range r.cfg.Ignore {
		byRule[ig.Rule] = append(byRule[ig.Rule], i)
	}
	matched := make([]bool, len(r.cfg.Ignore))
	for _, d := range in {
		entries := byRule[d.Rule]
		if len(entries) == 0 {
			kept = append(kept, d)
			continue
		}
		rel := r.rel(d.Pos.File)
		pointer, located := "", false
		drop := false
		for _, i := range entries {
			ig := r.cfg.Ignore[i]
			if !ig.MatchPath(rel) {
				continue
			}
			if ig.Pointer != "" && !located {
				if f := r.files[d.Pos.File]; f != nil && f.Root != nil && d.Pos.Line > 0 {
					pointer = source.PointerAt(f.Root, d.Pos)
				}
				located = true
			}
			if ig.Match(rel, pointer) {
				matched[i], drop = true, true
			}
		}
		if !drop {
			kept = append(kept, d)
		}
	}
	for i, ig := range r.cfg.Ignore {
		if matched[i] || !r.ran(ig.Rule) {
			continue
		}
		anyFile := false
		for display := range r.files {
			if ig.MatchPath(r.rel(display)) {
				anyFile = true
				break
			}
		}
		switch {
		case !anyFile && r.partial:
			// the file may simply not be among the PATHs linted
		case !anyFile:
			unused.Add(ig.Pos, diag.Warning, RuleUnusedIgnore, fmt.Sprintf("ignore %s: %q matches no contract file (paths are relative to the contracts directory %s)", ig.Rule, ig.Pattern, r.relContracts()))
		default:
			unused.Add(ig.Pos, diag.Warning, RuleUnusedIgnore, fmt.Sprintf("ignore %s: %q matches no finding of that rule; remove the entry", ig.Rule, ig.Pattern))
		}
	}
	return kept, unused
}

// rel is a display path relative to the contracts directory, "/"-separated.
func (r ignoreRun) rel(display string) string {
	p, err := filepath.Rel(r.cfg.Contracts, r.abs(display))
	if err != nil {
		return filepath.ToSlash(display)
	}
	return filepath.ToSlash(p)
}

// relContracts names the contracts directory for a message.
func (r ignoreRun) relContracts() string {
	if p, err := filepath.Rel(r.cfg.Dir, r.cfg.Contracts); err == nil {
		return filepath.ToSlash(p) + "/"
	}
	return r.cfg.Contracts
}
