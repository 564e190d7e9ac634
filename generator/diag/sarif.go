package diag

import (
	"encoding/json"
	"io"

	"github.com/asyncgen/asyncgen/generator/location"
)

// SARIFRule describes one rule in a SARIF log.
type SARIFRule struct {
	ID         string
	Doc        string
	Properties map[string]any
}

// SARIFResult is one finding in a SARIF log.
type SARIFResult struct {
	Rule    string
	Level   string // error, warning or note
	Message string
	Pos     location.Pos
	// Related are further places (the old definition of a changed schema).
	Related      []SARIFRelated
	Fingerprints map[string]string
	Properties   map[string]any
}

// SARIFRelated is a related location with its message.
type SARIFRelated struct {
	Pos     location.Pos
	Message string
}

// WriteSARIF prints a SARIF 2.1.0 log with one run of asyncgen. Results
// naming a rule missing from rules get a rule entry of their own.
func WriteSARIF(w io.Writer, rules []SARIFRule, results []SARIFResult, version string) error {
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
		PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
		Properties          map[string]any    `json:"properties,omitempty"`
	}
	phys := func(p location.Pos) physical {
		ph := physical{ArtifactLocation: artifact{URI: p.File}}
		if p.Line > 0 {
			ph.Region = &region{StartLine: p.Line, StartColumn: p.Col}
		}
		return ph
	}
	index := map[string]int{}
	rs := []rule{}
	for _, r := range rules {
		index[r.ID] = len(rs)
		rs = append(rs, rule{ID: r.ID, ShortDescription: msg{r.Doc}, Properties: r.Properties})
	}
	out := []result{}
	for _, r := range results {
		i, ok := index[r.Rule]
		if !ok {
			i = len(rs)
			index[r.Rule] = i
			rs = append(rs, rule{ID: r.Rule, ShortDescription: msg{r.Rule}})
		}
		res := result{RuleID: r.Rule, RuleIndex: i, Level: r.Level, Message: msg{r.Message},
			Locations: []loc{{PhysicalLocation: phys(r.Pos)}}, PartialFingerprints: r.Fingerprints, Properties: r.Properties}
		for n, rel := range r.Related {
			res.RelatedLocations = append(res.RelatedLocations, loc{ID: n + 1, PhysicalLocation: phys(rel.Pos), Message: &msg{rel.Message}})
		}
		out = append(out, res)
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name": "asyncgen", "version": version, "informationUri": "https://github.com/asyncgen/asyncgen", "rules": rs,
			}},
			"results": out,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
