package diff

import (
	"encoding/json"
	"io"

	"github.com/asyncgen/asyncgen/generator/location"
)

// writeSARIF prints SARIF 2.1.0: one result per finding, the old
// definition as a related location, verdicts and bump as properties.
func writeSARIF(w io.Writer, r *Report, version string) error {
	type msg struct {
		Text string `json:"text"`
	}
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	type artifact struct {
		URI string `json:"uri"`
	}
	type physical struct {
		ArtifactLocation artifact `json:"artifactLocation"`
		Region           *region  `json:"region,omitempty"`
	}
	type loc struct {
		ID               int      `json:"id,omitempty"`
		PhysicalLocation physical `json:"physicalLocation"`
		Message          *msg     `json:"message,omitempty"`
	}
	type rule struct {
		ID               string         `json:"id"`
		ShortDescription msg            `json:"shortDescription"`
		Properties       map[string]any `json:"properties,omitempty"`
	}
	type result struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             msg               `json:"message"`
		Locations           []loc             `json:"locations"`
		RelatedLocations    []loc             `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          map[string]any    `json:"properties"`
	}
	phys := func(p location.Pos) physical {
		ph := physical{ArtifactLocation: artifact{URI: p.File}}
		if p.Line > 0 {
			ph.Region = &region{StartLine: p.Line, StartColumn: p.Col}
		}
		return ph
	}
	index := map[string]int{}
	var rules []rule
	for _, rl := range Rules() {
		index[rl.ID] = len(rules)
		props := map[string]any{"scope": string(rl.Scope)}
		if rl.Row != "" {
			props["compatRow"] = rl.Row
		}
		rules = append(rules, rule{ID: rl.ID, ShortDescription: msg{rl.Doc}, Properties: props})
	}
	results := []result{}
	for _, f := range r.Findings {
		res := result{
			RuleID: f.Rule, RuleIndex: index[f.Rule], Level: [...]string{"error", "warning", "note"}[f.Severity],
			Message:             msg{f.Line()},
			Locations:           []loc{{PhysicalLocation: phys(f.Pos())}},
			PartialFingerprints: map[string]string{"asyncgenChange/v1": f.Fingerprint},
			Properties: map[string]any{"eventType": f.EventType, "pointer": f.Pointer, "backward": f.Backward.String(),
				"forward": f.Forward.String(), "bump": f.Bump.String(), "mode": f.Mode.String()},
		}
		d, _ := f.Deploy.MarshalText()
		res.Properties["deploy"] = string(d)
		if !f.OldPos.IsZero() {
			res.RelatedLocations = []loc{{ID: 1, PhysicalLocation: phys(f.OldPos), Message: &msg{"old definition"}}}
		}
		results = append(results, res)
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name": "asyncgen", "version": version, "informationUri": "https://github.com/asyncgen/asyncgen", "rules": rules,
			}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
