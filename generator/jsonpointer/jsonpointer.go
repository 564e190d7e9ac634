// Package jsonpointer reads and writes JSON pointers (RFC 6901): the
// "/components/schemas/User" paths every stage uses to name a place in a
// document. Pointers the stages build are plain RFC 6901; the fragment of a
// $ref is a URI fragment and is percent-decoded first (SplitFragment).
package jsonpointer

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

var (
	escaper   = strings.NewReplacer("~", "~0", "/", "~1")
	unescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

// Escape escapes one reference token.
func Escape(token string) string {
	if !strings.ContainsAny(token, "~/") {
		return token
	}
	return escaper.Replace(token)
}

// Unescape decodes one reference token.
func Unescape(token string) string {
	if !strings.Contains(token, "~") {
		return token
	}
	return unescaper.Replace(token)
}

// Append adds reference tokens to a pointer.
func Append(ptr string, tokens ...string) string {
	for _, t := range tokens {
		ptr += "/" + Escape(t)
	}
	return ptr
}

// AppendIndex adds an array index to a pointer.
func AppendIndex(ptr string, i int) string { return ptr + "/" + strconv.Itoa(i) }

// Split decodes a pointer into its reference tokens ("" is the whole
// document).
func Split(ptr string) ([]string, error) {
	if ptr == "" {
		return nil, nil
	}
	if ptr[0] != '/' {
		return nil, fmt.Errorf("JSON pointer %q must start with /", ptr)
	}
	parts := strings.Split(ptr[1:], "/")
	for i, t := range parts {
		parts[i] = Unescape(t)
	}
	return parts, nil
}

// SplitFragment decodes the fragment of a URI reference (after '#'):
// percent-decoding first, then RFC 6901 unescaping, token by token.
func SplitFragment(frag string) ([]string, error) {
	if frag == "" {
		return nil, nil
	}
	if frag[0] != '/' {
		return nil, fmt.Errorf("JSON pointer %q must start with /", frag)
	}
	parts := strings.Split(frag[1:], "/")
	for i, t := range parts {
		if strings.Contains(t, "%") {
			u, err := url.PathUnescape(t)
			if err != nil {
				return nil, fmt.Errorf("bad percent-encoding in %q", t)
			}
			t = u
		}
		parts[i] = Unescape(t)
	}
	return parts, nil
}

// Last returns the last reference token of a pointer, decoded ("" for the
// whole document).
func Last(ptr string) string {
	i := strings.LastIndexByte(ptr, '/')
	if i < 0 {
		return ""
	}
	return Unescape(ptr[i+1:])
}

// Lookup follows a pointer inside a JSON value (map[string]any, []any).
func Lookup(v any, ptr string) (any, bool) {
	tokens, err := Split(ptr)
	if err != nil {
		return nil, false
	}
	for _, t := range tokens {
		switch x := v.(type) {
		case map[string]any:
			n, ok := x[t]
			if !ok {
				return nil, false
			}
			v = n
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(x) || (len(t) > 1 && t[0] == '0') {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}
