// Package ident converts contract names into identifier words and Go names
// (with Go's initialisms). lower uses it to decide every name once; lint
// uses it only to suggest a better spelling in a message.
package ident

import (
	"strings"
	"unicode"
)

// initialisms are written in upper case in Go names, as golint taught us.
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "CSV": true, "DNS": true,
	"EOF": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true, "IP": true,
	"JSON": true, "JWT": true, "LHS": true, "MQTT": true, "QPS": true, "RAM": true, "RHS": true,
	"RPC": true, "SLA": true, "SMTP": true, "SQL": true, "SSH": true, "TCP": true, "TLS": true,
	"TTL": true, "UDP": true, "UI": true, "UID": true, "URI": true, "URL": true, "UTF8": true,
	"UUID": true, "VM": true, "XML": true, "XMPP": true, "XSRF": true, "XSS": true, "SKU": true,
}

// Words splits an identifier-ish string at separators and case changes:
// "user_id" → [user id]; "HTTPServer" → [HTTP Server]; "organization.created" → [organization created].
func Words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 && unicode.IsUpper(r) {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return out
}

// GoName converts a key, title or event type to an exported Go identifier
// with Go's initialisms: "user_id" → "UserID", "organization.created" →
// "OrganizationCreated". It returns "" when nothing usable is left.
func GoName(s string) string { return GoNameWith(s, nil) }

// GoNameWith is GoName with extra initialisms (upper case: "EUR", "IBAN")
// beside Go's own, for a domain's abbreviations (go.initialisms).
func GoNameWith(s string, extra map[string]bool) string {
	var b strings.Builder
	for _, w := range Words(s) {
		up := strings.ToUpper(w)
		if initialisms[up] || extra[up] {
			b.WriteString(up)
			continue
		}
		rs := []rune(w)
		allUpper := true
		for _, r := range rs {
			if unicode.IsLower(r) {
				allUpper = false
			}
		}
		if allUpper && len(rs) > 1 {
			rs = []rune(strings.ToLower(w))
		}
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	out := b.String()
	if out == "" {
		return ""
	}
	if r := []rune(out)[0]; !unicode.IsLetter(r) {
		out = "X" + out
	}
	return out
}
