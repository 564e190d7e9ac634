package diff

import (
	"strconv"
	"strings"
)

// escapeToken escapes one JSON pointer token (RFC 6901).
func escapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return tokenEscaper.Replace(s)
}

var (
	tokenEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	tokenUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

// child appends a token to a JSON pointer.
func child(ptr string, tokens ...string) string {
	for _, t := range tokens {
		ptr += "/" + escapeToken(t)
	}
	return ptr
}

func childIndex(ptr string, i int) string { return ptr + "/" + strconv.Itoa(i) }

// splitPointer splits a JSON pointer (with or without a leading '#') into
// unescaped tokens. URL fragments are percent-decoded before (resolveRef).
func splitPointer(p string) []string {
	p = strings.TrimPrefix(p, "#")
	if p == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, t := range parts {
		if strings.Contains(t, "~") {
			parts[i] = tokenUnescaper.Replace(t)
		}
	}
	return parts
}

// lookup follows a JSON pointer inside a JSON value.
func lookup(v any, ptr string) (any, bool) {
	for _, t := range splitPointer(ptr) {
		switch x := v.(type) {
		case map[string]any:
			n, ok := x[t]
			if !ok {
				return nil, false
			}
			v = n
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}
