package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats lists the output formats for diagnostics.
var Formats = []string{"text", "json", "github", "sarif"}

// RuleInfo describes a rule for SARIF output.
type RuleInfo struct {
	ID  string
	Doc string
}

// Write prints diagnostics in the given format.
func Write(w io.Writer, format string, list List, rules []RuleInfo, version string) error {
	switch format {
	case "", "text":
		for _, d := range list {
			fmt.Fprintf(w, "%s: %s: %s [%s]\n", d.Pos, d.Severity, d.Message, d.Rule)
		}
		return nil
	case "json":
		type item struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Severity string `json:"severity"`
			Rule     string `json:"rule"`
			Message  string `json:"message"`
		}
		out := struct {
			Diagnostics []item `json:"diagnostics"`
		}{Diagnostics: []item{}}
		for _, d := range list {
			out.Diagnostics = append(out.Diagnostics, item{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Rule, d.Message})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "github":
		for _, d := range list {
			level := "error"
			if d.Severity == Warning {
				level = "warning"
			}
			fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level, ghEscapeProp(d.Pos.File), d.Pos.Line, d.Pos.Col, ghEscapeProp(d.Rule), ghEscape(d.Message))
		}
		return nil
	case "sarif":
		return writeSARIF(w, list, rules, version)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

func ghEscape(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghEscapeProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func writeSARIF(w io.Writer, list List, rules []RuleInfo, version string) error {
	type msg struct {
		Text string `json:"text"`
	}
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	type physical struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region *region `json:"region,omitempty"`
	}
	type loc struct {
		PhysicalLocation physical `json:"physicalLocation"`
	}
	type result struct {
		RuleID    string `json:"ruleId"`
		RuleIndex int    `json:"ruleIndex"`
		Level     string `json:"level"`
		Message   msg    `json:"message"`
		Locations []loc  `json:"locations"`
	}
	type rule struct {
		ID               string `json:"id"`
		ShortDescription msg    `json:"shortDescription"`
	}
	index := map[string]int{}
	var rs []rule
	for _, r := range rules {
		index[r.ID] = len(rs)
		rs = append(rs, rule{ID: r.ID, ShortDescription: msg{r.Doc}})
	}
	results := []result{}
	for _, d := range list {
		i, ok := index[d.Rule]
		if !ok {
			i = len(rs)
			index[d.Rule] = i
			rs = append(rs, rule{ID: d.Rule, ShortDescription: msg{d.Rule}})
		}
		level := "error"
		if d.Severity == Warning {
			level = "warning"
		}
		var p physical
		p.ArtifactLocation.URI = d.Pos.File
		if d.Pos.Line > 0 {
			p.Region = &region{StartLine: d.Pos.Line, StartColumn: d.Pos.Col}
		}
		results = append(results, result{RuleID: d.Rule, RuleIndex: i, Level: level, Message: msg{d.Message}, Locations: []loc{{p}}})
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name": "asyncgen", "version": version, "informationUri": "https://github.com/asyncgen/asyncgen", "rules": rs,
			}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
