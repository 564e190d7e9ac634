package diff

import (
	"strings"

	"github.com/asyncgen/asyncgen/generator/jsonpointer"
)

// child appends tokens to a JSON pointer.
func child(ptr string, tokens ...string) string { return jsonpointer.Append(ptr, tokens...) }

func childIndex(ptr string, i int) string { return jsonpointer.AppendIndex(ptr, i) }

// lookup follows a JSON pointer (with or without a leading '#') inside a
// JSON value.
func lookup(v any, ptr string) (any, bool) {
	return jsonpointer.Lookup(v, strings.TrimPrefix(ptr, "#"))
}
