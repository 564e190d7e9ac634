package ir

import "strings"

// Draft07URI is the $schema value of JSON Schema draft-07, the dialect of
// every AsyncAPI 2.x schema (the Schema Object is a superset of it).
const Draft07URI = "http://json-schema.org/draft-07/schema#"

// IsDraft7 reports whether a $schema value names draft-07 (with or
// without https, the trailing "#" or "/schema").
func IsDraft7(uri string) bool {
	u := strings.TrimSuffix(strings.TrimSuffix(uri, "#"), "/schema")
	return strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://") == "json-schema.org/draft-07"
}
