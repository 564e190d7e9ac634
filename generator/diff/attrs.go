package diff

import (
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// annotationKeys are the descriptive fields of messages, operations,
// channels and documents (COMPAT.md D9).
var annotationKeys = map[string]bool{"title": true, "summary": true, "description": true, "examples": true, "tags": true,
	"externalDocs": true, "messageId": true, "operationId": true, "name": true, "termsOfService": true,
	"contact": true, "license": true, "id": true, "servers": true}

// attrRule picks the rule for a changed attribute key. A field the table
// judges only as a whole (bindings, channel parameters, unknown fields) whose
// two versions differ only in descriptive text is an annotation change:
// editing a parameter's description or a binding schema's title changes
// nothing a producer or consumer does (COMPAT.md D9), and reporting it for
// review with a major bump is a false alarm.
func attrRule(key string, ov, nv any, oh, nh bool) string {
	rule := "unclassified-change"
	switch {
	case key == "bindings":
		rule = "bindings-changed"
	case key == "deprecated" || key == "x-sunset":
		return "deprecation-changed"
	case strings.HasPrefix(key, "x-"):
		return "extension-changed"
	case annotationKeys[key]:
		return "annotation-changed"
	}
	if oh && nh && ir.JSONEqual(withoutAnnotations(ov), withoutAnnotations(nv)) {
		return "annotation-changed"
	}
	return rule
}

// describingKeys are the keywords inside bindings, parameters and the schemas
// they hold that only describe: JSON Schema annotations and AsyncAPI's
// descriptive fields.
var describingKeys = map[string]bool{"description": true, "title": true, "summary": true, "$comment": true,
	"examples": true, "example": true, "externalDocs": true}

// withoutAnnotations is a copy of a decoded JSON value without describing
// keywords at any depth. A map key is dropped only when its value has the
// shape of the annotation, so a channel parameter that happens to be named
// "description" is kept.
func withoutAnnotations(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			if describingKeys[k] && annotationShaped(k, val) {
				continue
			}
			out[k] = withoutAnnotations(val)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, val := range x {
			out[i] = withoutAnnotations(val)
		}
		return out
	}
	return v
}

// annotationShaped tells whether val has the shape of the describing keyword k.
func annotationShaped(k string, val any) bool {
	switch k {
	case "examples":
		_, ok := val.([]any)
		return ok
	case "example":
		return true
	case "externalDocs":
		m, ok := val.(map[string]any)
		_, url := m["url"]
		return ok && url
	}
	_, text := val.(string)
	return text
}
