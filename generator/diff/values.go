package diff

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// render shows a JSON value compactly, for messages ("absent" when nil-and-missing is meant).
func render(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "?"
	}
	s := strings.TrimSpace(b.String())
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

// rawJSON encodes a value for Finding.Before/After.
func rawJSON(v any) json.RawMessage {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil
	}
	return json.RawMessage(bytes.TrimSpace(b.Bytes()))
}

// allTypes are the JSON Schema types; a schema without type accepts them all.
var allTypes = []string{"array", "boolean", "integer", "null", "number", "object", "string"}

// typesOf returns the schema's type set, null included when nullable;
// nil means any type.
func typesOf(s *ir.Schema) []string {
	if s == nil || len(s.Types) == 0 {
		return nil
	}
	if len(s.Types) == 1 && (!s.Nullable || s.Types[0] == "null") {
		return s.Types
	}
	out := append([]string(nil), s.Types...)
	if s.Nullable && !containsStr(out, "null") {
		out = append(out, "null")
	}
	sort.Strings(out)
	return dedupe(out)
}

// typeRedundant reports whether s's type only restates what its enum or
// const already says: every value they allow has one of its types, so
// adding or dropping type: string next to enum: [a, b] accepts the same
// values. The enum comparison reports what does change.
func typeRedundant(s *ir.Schema) bool {
	var vals []any
	switch {
	case s.HasConst:
		vals = []any{s.Const}
	case s.Enum != nil:
		vals = s.Enum
	default:
		return false
	}
	ts := typesOf(s)
	for _, v := range vals {
		if ts != nil && !acceptsType(ts, jsonType(v)) {
			return false
		}
	}
	return true
}

func dedupe(l []string) []string {
	out := l[:0]
	for i, s := range l {
		if i == 0 || s != l[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// acceptsType reports whether a type set admits every value of type t.
func acceptsType(set []string, t string) bool {
	if set == nil {
		return true
	}
	return containsStr(set, t) || (t == "integer" && containsStr(set, "number"))
}

// typeSetWithin reports whether every value typed by a is typed by b.
func typeSetWithin(a, b []string) bool {
	if b == nil {
		return true
	}
	if a == nil {
		a = allTypes
	}
	for _, t := range a {
		if !acceptsType(b, t) {
			return false
		}
	}
	return true
}

// typesDisjoint reports whether no value has a type both sets admit.
func typesDisjoint(a, b []string) bool {
	if a == nil || b == nil {
		return false
	}
	for _, t := range a {
		if acceptsType(b, t) {
			return false
		}
		if t == "number" && containsStr(b, "integer") {
			return false
		}
	}
	return true
}

// enumOf returns the schema's enum with null added when nullable; nil
// means no enum.
func enumOf(s *ir.Schema) []any {
	if s == nil || s.Enum == nil {
		return nil
	}
	out := append([]any{}, s.Enum...)
	if s.Nullable && !containsValue(out, nil) {
		out = append(out, nil)
	}
	return out
}

func containsValue(list []any, v any) bool {
	for _, x := range list {
		if ir.JSONEqual(x, v) {
			return true
		}
	}
	return false
}

// allowedValues returns the finite set of values a schema admits through
// const or enum, if it has one.
func allowedValues(s *ir.Schema) ([]any, bool) {
	if s == nil {
		return nil, false
	}
	if s.HasConst {
		return []any{s.Const}, true
	}
	if s.Enum != nil {
		return enumOf(s), true
	}
	return nil, false
}

// formatWithin lists format pairs where every value of the first is a
// value of the second.
var formatWithin = map[[2]string]bool{
	{"int32", "int64"}: true, {"float", "double"}: true,
	{"uri", "uri-reference"}: true, {"uri", "iri"}: true, {"uri", "iri-reference"}: true,
	{"iri", "iri-reference"}: true, {"uri-reference", "iri-reference"}: true,
	{"email", "idn-email"}: true, {"hostname", "idn-hostname"}: true,
}

var (
	patternMu    sync.Mutex
	patternCache = map[string]*regexp.Regexp{}
)

// patternMatches reports whether a patternProperties pattern matches key;
// a pattern RE2 cannot compile never matches (lint reports it).
func patternMatches(pattern, key string) bool {
	patternMu.Lock()
	re, ok := patternCache[pattern]
	if !ok {
		re, _ = regexp.Compile(pattern)
		patternCache[pattern] = re
	}
	patternMu.Unlock()
	return re != nil && re.MatchString(key)
}

// requires reports whether s lists name in required.
func requires(s *ir.Schema, name string) bool {
	return s != nil && containsStr(s.Required, name)
}

// isTrue reports whether s accepts everything: absent, true, {} or a
// schema with annotations only (additionalProperties: {} leaves a model
// as open as true does).
func isTrue(s *ir.Schema) bool  { return s == nil || !ir.Constrains(s) }
func isFalse(s *ir.Schema) bool { return s != nil && s.Bool != nil && !*s.Bool }

// contentModel names how a schema treats an undeclared key.
type contentModel int8

const (
	modelOpen contentModel = iota
	modelClosed
	modelPartial
)

func (m contentModel) String() string {
	return [...]string{"open", "closed", "partially open"}[m]
}

// extraSchema returns how s validates the value of an undeclared key:
// the first matching patternProperties schema, else additionalProperties.
func extraSchema(s *ir.Schema, key string) (contentModel, *ir.Schema) {
	if s == nil {
		return modelOpen, nil
	}
	for _, pp := range s.PatternProperties {
		if patternMatches(pp.Pattern, key) {
			if isTrue(pp.Schema) {
				return modelOpen, nil
			}
			return modelPartial, pp.Schema
		}
	}
	switch ap := s.AdditionalProperties; {
	case isTrue(ap):
		return modelOpen, nil
	case isFalse(ap):
		return modelClosed, ap
	default:
		return modelPartial, ap
	}
}

func sortStrings(l []string) { sort.Strings(l) }
