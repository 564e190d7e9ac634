package diff

import (
	"io"

	"github.com/asyncgen/asyncgen/generator/diag"
)

// writeSARIF prints SARIF 2.1.0 with diag's writer: one result per
// finding, the old definition as a related location, verdicts and bump as
// properties, the change fingerprint as a partial fingerprint.
func writeSARIF(w io.Writer, r *Report, version string) error {
	var rules []diag.SARIFRule
	for _, rl := range Rules() {
		props := map[string]any{"scope": string(rl.Scope), "reference": DocLink(rl.ID)}
		rules = append(rules, diag.SARIFRule{ID: rl.ID, Doc: rl.Doc, Properties: props})
	}
	results := make([]diag.SARIFResult, 0, len(r.Findings))
	for _, f := range r.Findings {
		d, _ := f.Deploy.MarshalText()
		res := diag.SARIFResult{
			Rule: f.Rule, Level: [...]string{"error", "warning", "note"}[f.Severity], Message: f.Line(), Pos: f.Pos(),
			Fingerprints: map[string]string{"asyncgenChange/v1": f.Fingerprint},
			Properties: map[string]any{"eventType": f.EventType, "pointer": f.Pointer, "backward": f.Backward.String(),
				"forward": f.Forward.String(), "bump": f.Bump.String(), "mode": f.Mode.String(), "deploy": string(d)},
		}
		if !f.OldPos.IsZero() {
			res.Related = []diag.SARIFRelated{{Pos: f.OldPos, Message: "old definition"}}
		}
		results = append(results, res)
	}
	return diag.WriteSARIF(w, rules, results, version)
}
