package spec

import (
	"regexp"
	"strings"
)

// String formats the AsyncAPI JSON Schema declares (format: uri, email,
// uri-template) and the official parser enforces, written to accept what it
// accepts for real-world values.

// emailRe is an address of dot-separated atoms, "@", and a dotted domain
// of at least two labels.
var emailRe = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*" +
	`@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$`)

// isURI reports whether s is an absolute URI: a scheme, a colon, and then
// only characters a URI may contain (percent-escapes well formed).
func isURI(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon < 1 || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < colon; i++ {
		c := s[i]
		if !isLetter(c) && !isDigit(c) && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return uriTextOK(s[colon+1:], `"<>\^`+"`{|}")
}

// uriTextOK reports whether s has no control, space or non-ASCII byte,
// none of the bytes in banned, and only well-formed percent-escapes.
func uriTextOK(s, banned string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= ' ' || c >= 0x7f || strings.IndexByte(banned, c) >= 0:
			return false
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
		}
	}
	return true
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isHex(c byte) bool    { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') }

// isExtensionName reports whether key is a valid specification extension:
// "x-" followed by letters, digits, ".", "-" or "_".
func isExtensionName(key string) bool {
	rest := strings.TrimPrefix(key, "x-")
	if rest == key || rest == "" {
		return false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if !isLetter(c) && !isDigit(c) && c != '.' && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// componentKeyFix turns a key into one componentKeyRe accepts.
func componentKeyFix(key string) string {
	var b strings.Builder
	for i := 0; i < len(key); i++ {
		c := key[i]
		if isLetter(c) || isDigit(c) || c == '.' || c == '-' || c == '_' {
			b.WriteByte(c)
		} else if c == '/' {
			b.WriteByte('.')
		} else {
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "name"
	}
	return b.String()
}

// uriTemplateProblem says why a channel name is not an RFC 6570 URI
// template (level 4 syntax), or returns "" when it is one. Literal text may
// not hold spaces, quotes, <, >, \, ^, `, |, unbalanced braces or a bare %;
// an expression is {[operator]varspec,...} where a variable name uses
// letters, digits, "_" and percent-escapes.
func uriTemplateProblem(name string) string {
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '{':
			end := strings.IndexByte(name[i:], '}')
			if end < 0 {
				return "the \"{\" at offset " + itoa(i) + " is never closed"
			}
			if p := expressionProblem(name[i+1 : i+end]); p != "" {
				return "{" + name[i+1:i+end] + "} " + p
			}
			i += end
		case c == '}':
			return "it has a \"}\" without a matching \"{\""
		case c == ' ':
			return "it contains a space"
		case c < ' ':
			return "it contains a control character"
		case strings.IndexByte(`"'<>\^`+"`|", c) >= 0:
			return "it contains " + strconvQuoteByte(c)
		case c == '%':
			if i+2 >= len(name) || !isHex(name[i+1]) || !isHex(name[i+2]) {
				return "it contains a \"%\" that is not a percent-escape such as %20"
			}
		}
	}
	return ""
}

// expressionProblem checks the inside of one {expression}.
func expressionProblem(expr string) string {
	if expr == "" {
		return "is empty; name the parameter, e.g. {userId}"
	}
	if strings.IndexByte("+#./;?&=,!@|", expr[0]) >= 0 {
		expr = expr[1:]
	}
	for _, spec := range strings.Split(expr, ",") {
		name := spec
		if strings.HasSuffix(name, "*") {
			name = name[:len(name)-1]
		} else if colon := strings.IndexByte(name, ':'); colon >= 0 {
			if !isPrefixLength(name[colon+1:]) {
				return "has a bad prefix modifier; write :1 to :9999"
			}
			name = name[:colon]
		}
		if !isVarName(name) {
			return "is not a valid parameter expression; parameter names may use letters, digits and \"_\" only"
		}
	}
	return ""
}

func isPrefixLength(s string) bool {
	if s == "" || len(s) > 4 || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isVarName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isLetter(c) || isDigit(c) || c == '_':
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			i += 2
		default:
			return false
		}
	}
	return true
}

func strconvQuoteByte(c byte) string {
	if c == '"' {
		return `'"'`
	}
	return `"` + string(c) + `"`
}

// templateVariables lists the names inside {braces} of a channel name or a
// server url, in order, each once. Like the official parser, a name is
// whatever stands between "{" and the next "}" (at least one character).
func templateVariables(s string) []string {
	var out []string
	seen := map[string]bool{}
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 || open+2 > len(s) {
			return out
		}
		end := strings.IndexByte(s[open+2:], '}')
		if end < 0 {
			return out
		}
		name := s[open+1 : open+2+end]
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
		s = s[open+2+end+1:]
	}
}
