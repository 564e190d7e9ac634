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
			switch d.Severity {
			case Warning:
				level = "warning"
			case Info:
				level = "notice"
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

// writeSARIF prints diagnostics as SARIF 2.1.0 (WriteSARIF).
func writeSARIF(w io.Writer, list List, rules []RuleInfo, version string) error {
	rs := make([]SARIFRule, 0, len(rules))
	for _, r := range rules {
		rs = append(rs, SARIFRule{ID: r.ID, Doc: r.Doc})
	}
	results := make([]SARIFResult, 0, len(list))
	for _, d := range list {
		level := "error"
		switch d.Severity {
		case Warning:
			level = "warning"
		case Info:
			level = "note"
		}
		results = append(results, SARIFResult{Rule: d.Rule, Level: level, Message: d.Message, Pos: d.Pos})
	}
	return WriteSARIF(w, rs, results, version)
}
