package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats lists the output formats of a diff report.
var Formats = []string{"text", "json", "markdown", "github", "sarif"}

// Write prints the report in a format.
func Write(w io.Writer, format string, r *Report, version string) error {
	switch format {
	case "", "text":
		return writeText(w, r)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	case "markdown":
		return writeMarkdown(w, r)
	case "github":
		return writeGitHub(w, r)
	case "sarif":
		return writeSARIF(w, r, version)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Line is a finding in compiler style, naming where the old definition was.
func (f *Finding) Line() string {
	var b strings.Builder
	pos := f.Pos().String()
	if pos == "" {
		pos = "-"
	}
	fmt.Fprintf(&b, "%s: %s: ", pos, f.Severity)
	if f.EventType != "" {
		b.WriteString(f.EventType)
		if f.Pointer != "" {
			b.WriteString(" " + f.Pointer)
		}
		b.WriteString(": ")
	} else if f.Channel != "" {
		fmt.Fprintf(&b, "channel %s: ", f.Channel)
	}
	b.WriteString(f.Message)
	b.WriteString("; " + f.verdictText())
	if !f.OldPos.IsZero() && f.OldPos != f.Pos() {
		fmt.Fprintf(&b, " (was %s)", f.OldPos)
	}
	fmt.Fprintf(&b, " [%s]", f.Rule)
	return b.String()
}

func (f *Finding) verdictText() string {
	r, _ := Lookup(f.Rule)
	switch r.Scope {
	case ScopeVersion:
		return "version discipline" + f.acceptedText()
	case ScopeAccept:
		return "accepted changes"
	}
	s := fmt.Sprintf("backward %s, forward %s; bump %s, deploy %s", f.Backward, f.Forward, f.Bump, f.Deploy) + f.acceptedText()
	if f.Verified != "" {
		s += "; verified: " + f.Verified
	}
	return s
}

func (f *Finding) acceptedText() string {
	if !f.Accepted {
		return ""
	}
	return "; accepted: " + f.AcceptReason
}

// acceptHint is the line under a breaking finding that shows how to
// accept it in review.
func (f *Finding) acceptHint() string {
	if f.AcceptEntry == nil {
		return ""
	}
	return "  to accept it, add under diff.accept: " + f.AcceptEntry.YAML()
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Summary is the one-line outcome.
func (r *Report) Summary() string {
	if len(r.Findings) == 0 {
		return fmt.Sprintf("no changes against %s (%s, %s)", r.Baseline, r.Mode, r.ContentModel)
	}
	errs, warns := r.Count(Error), r.Count(Warning)-r.Count(Error)
	return fmt.Sprintf("%s, %s, %s against %s (%s, %s); required bump: %s%s; deploy: %s",
		plural(errs, "error"), plural(warns, "warning"), plural(len(r.Findings)-errs-warns, "info"),
		r.Baseline, r.Mode, r.ContentModel, r.Bump, r.unbumped(), r.Deploy)
}

// unbumped notes, next to the required bump, a history that never bumps
// info.version.
func (r *Report) unbumped() string {
	if r.VersionsUnchanged {
		return " (info.version unchanged)"
	}
	return ""
}

func writeText(w io.Writer, r *Report) error {
	for _, f := range r.Findings {
		if _, err := fmt.Fprintln(w, f.Line()); err != nil {
			return err
		}
		if h := f.acceptHint(); h != "" {
			fmt.Fprintln(w, h)
		}
	}
	for _, v := range r.Verification {
		status := "ok"
		if len(v.Failures) > 0 {
			status = fmt.Sprintf("%d failing", len(v.Failures))
		}
		fmt.Fprintf(w, "verify-events: %s: %d of %d stored events checked, %s\n", v.EventType, v.Checked, v.Stored, status)
	}
	_, err := fmt.Fprintf(w, "summary: %s\n", r.Summary())
	return err
}

var mdEscaper = strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;")

func mdEscape(s string) string { return mdEscaper.Replace(s) }

func verdictMark(v Verdict) string {
	return [...]string{"✅", "⚠️", "❌"}[v]
}

func writeMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## asyncgen diff against `%s`\n\n", r.Baseline)
	if len(r.Findings) == 0 {
		fmt.Fprintf(&b, "No changes (%s, content model %s).\n", r.Mode, r.ContentModel)
		_, err := io.WriteString(w, b.String())
		return err
	}
	errs, warns := r.Count(Error), r.Count(Warning)-r.Count(Error)
	fmt.Fprintf(&b, "**Required bump: %s**%s · **Deploy: %s** · %s · %s · mode `%s`, content model `%s`\n\n",
		r.Bump, r.unbumped(), r.Deploy, plural(errs, "breaking change"), plural(warns, "warning"), r.Mode, r.ContentModel)
	if len(r.Events) > 0 {
		b.WriteString("| Event type | Status | Backward | Forward | Bump | Deploy | Findings |\n|---|---|---|---|---|---|---|\n")
		for _, e := range r.Events {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %d |\n", e.Type, e.Status, verdictMark(e.Backward), verdictMark(e.Forward), e.Bump, e.Deploy, e.Changes)
		}
		b.WriteString("\n")
	}
	if r.VersionsUnchanged {
		fmt.Fprintf(&b, "`info.version` is unchanged in all %s against the baseline; the changes need a **%s** bump.\n\n", plural(len(r.Contracts), "contract"), r.Bump)
	}
	if len(r.Contracts) > 0 && !r.VersionsUnchanged {
		b.WriteString("| Contract | Old version | New version | Needs | |\n|---|---|---|---|---|\n")
		for _, c := range r.Contracts {
			ok := "✅"
			if !c.OK {
				ok = "❌"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", c.File, c.OldVersion, c.NewVersion, c.Required, ok)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "<details><summary>%s</summary>\n\n", plural(len(r.Findings), "finding"))
	b.WriteString("| | Rule | Where | Change | B | F | Bump |\n|---|---|---|---|---|---|---|\n")
	for _, f := range r.Findings {
		icon := [...]string{"🛑", "⚠️", "ℹ️"}[f.Severity]
		where := f.Pos().String()
		if f.EventType != "" {
			where = fmt.Sprintf("`%s` `%s`<br>%s", f.EventType, f.Pointer, where)
		}
		bv, fv, bump := verdictMark(f.Backward), verdictMark(f.Forward), f.Bump.String()
		if r, _ := Lookup(f.Rule); r.Scope == ScopeVersion || r.Scope == ScopeAccept {
			bv, fv, bump = "—", "—", "—"
		}
		fmt.Fprintf(&b, "| %s | [`%s`](%s) | %s | %s%s | %s | %s | %s |\n", icon, f.Rule, DocLink(f.Rule), where, mdEscape(f.Message), mdEscape(f.acceptedText()), bv, fv, bump)
	}
	b.WriteString("\n</details>\n")
	var entries []string
	for _, f := range r.Findings {
		if f.AcceptEntry != nil {
			entries = append(entries, f.AcceptEntry.YAML())
		}
	}
	if len(entries) > 0 {
		b.WriteString("\nTo accept a breaking change in review, add its entry under `diff.accept` in `asyncgen.yaml`, with the reason:\n\n```yaml\ndiff:\n  accept:\n")
		for _, e := range entries {
			b.WriteString("    " + e + "\n")
		}
		b.WriteString("```\n")
	}
	for _, v := range r.Verification {
		if len(v.Failures) > 0 {
			fmt.Fprintf(&b, "\n**Stored `%s` events fail the new schema:** ", v.EventType)
			for i, f := range v.Failures {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "`%s`", f.ID)
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var (
	ghEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func ghEscape(s string) string     { return ghEscaper.Replace(s) }
func ghEscapeProp(s string) string { return ghPropEscaper.Replace(s) }

func writeGitHub(w io.Writer, r *Report) error {
	for _, f := range r.Findings {
		level := [...]string{"error", "warning", "notice"}[f.Severity]
		p := f.Pos()
		msg := f.Message + "; " + f.verdictText()
		if f.EventType != "" {
			msg = f.EventType + " " + f.Pointer + ": " + msg
		}
		if !f.OldPos.IsZero() && f.OldPos != p {
			msg += " (was " + f.OldPos.String() + ")"
		}
		if f.AcceptEntry != nil {
			msg += "\nto accept it, add under diff.accept: " + f.AcceptEntry.YAML()
		}
		if _, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level, ghEscapeProp(p.File), p.Line, p.Col, ghEscapeProp(f.Rule), ghEscape(msg)); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "::notice title=asyncgen diff::%s\n", ghEscape(r.Summary()))
	return err
}
