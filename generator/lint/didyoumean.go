package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/asyncgen/asyncgen/generator/suggest"
)

// keywordNames lists every keyword asyncgen knows (draft-07 and the
// AsyncAPI/OpenAPI extras of Supported), sorted, for suggestions.
var keywordNames = func() []string {
	var out []string
	for k := range Supported {
		out = append(out, k)
	}
	for k := range unsupported {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}()

// didYouMeanKeyword returns "; did you mean \"minLength\"?" for a keyword
// that is a typo of a known one, else "".
func didYouMeanKeyword(name string) string {
	if k := suggest.Closest(name, keywordNames); k != "" {
		return fmt.Sprintf("; did you mean %q?", k)
	}
	return ""
}

// jsonTypes are draft-07's simple types, sorted.
var jsonTypes = []string{"array", "boolean", "integer", "null", "number", "object", "string"}

// typeAliases are type names other languages use, with the JSON Schema
// type that says the same.
var typeAliases = map[string]string{
	"int": "integer", "long": "integer", "int32": "integer", "int64": "integer",
	"float": "number", "double": "number", "decimal": "number",
	"bool": "boolean", "str": "string", "text": "string",
	"map": "object", "dict": "object", "list": "array",
}

// isJSONType reports whether t is one of draft-07's simple types.
func isJSONType(t string) bool {
	i := sort.SearchStrings(jsonTypes, t)
	return i < len(jsonTypes) && jsonTypes[i] == t
}

// typeMessage says what is wrong with an unknown type name and what to
// write instead.
func typeMessage(t string) string {
	hint := ""
	if a, ok := typeAliases[strings.ToLower(t)]; ok {
		hint = fmt.Sprintf("; did you mean %q?", a)
	} else if s := suggest.Closest(t, jsonTypes); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
	}
	return fmt.Sprintf("type %q is not a JSON Schema type%s (the types are %s)", t, hint, strings.Join(jsonTypes, ", "))
}
