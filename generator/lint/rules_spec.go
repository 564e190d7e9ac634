package lint

import "github.com/asyncgen/asyncgen/generator/diag"

// Spec rules: reading the contracts and the structure of AsyncAPI 2.x
// documents. They are reported while loading (source and spec packages), so
// none has a Check function. With the other categories disabled, these
// decide validity the way the official AsyncAPI parser does: rules the
// parser only recommends are warnings.
var _ = register(
	// Reading files (source/parse.go, spec/loader.go).
	Rule{ID: "spec/io", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "a contract file or a $ref target cannot be read"},
	Rule{ID: "spec/yaml-syntax", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "a contract file is not well-formed YAML or JSON"},
	Rule{ID: "spec/duplicate-key", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "a YAML mapping defines the same key twice"},
	Rule{ID: "spec/input-limit", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "a contract file is larger, deeper or has more nodes than asyncgen reads (limits in asyncgen.yaml)"},
	Rule{ID: "spec/yaml-alias-limit", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "YAML aliases expand beyond the node budget (alias bomb)"},
	Rule{ID: "spec/yaml-scalar", Category: Spec, Severity: diag.Warning, Doc: "a YAML scalar means something else than it seems (010, 0x1F, .inf)"},
	Rule{ID: "spec/no-documents", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "the contracts hold no AsyncAPI document, or a file named on the command line is empty"},
	Rule{ID: "spec/asyncapi-version", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "the asyncapi field is missing, not a string, or not 2.0.0–2.6.0"},
	Rule{ID: "spec/ref-missing", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "a $ref points to a file or JSON pointer that does not exist"},
	Rule{ID: "spec/ref-outside-root", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "a $ref, or a symbolic link in the contracts tree, leaves the contracts root"},
	Rule{ID: "spec/ref-remote", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "a $ref points to the network (http, https)"},
	Rule{ID: "spec/ref-cycle", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "a chain of $refs leads back to itself without reaching a definition"},
	Rule{ID: "spec/ref-invalid", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "a $ref is not a string or not a valid URI reference with a JSON pointer"},

	// The AsyncAPI object model (spec/structure.go, spec/model*.go).
	Rule{ID: "spec/unknown-field", Category: Spec, Severity: diag.Error, Doc: "an object has a field AsyncAPI does not define and that is not an x- extension"},
	Rule{ID: "spec/required-field", Category: Spec, Severity: diag.Error, Doc: "an object lacks a field the specification requires"},
	Rule{ID: "spec/field-type", Category: Spec, Severity: diag.Error, Doc: "a field holds the wrong kind of value (e.g. an unquoted number where a string is expected)"},
	Rule{ID: "spec/field-version", Category: Spec, Severity: diag.Error, Doc: "a field or value needs a later AsyncAPI version than the document declares"},
	Rule{ID: "spec/field-value", Category: Spec, Severity: diag.Error, Doc: "a field's value is not one the specification allows (enum, pattern, unique items)"},
	Rule{ID: "spec/field-format", Category: Spec, Severity: diag.Error, Doc: "a URL or email field is not a valid absolute URI or email address"},
	Rule{ID: "spec/ref-position", Category: Spec, Severity: diag.Warning, Doc: "a $ref stands where AsyncAPI (of this version) allows no Reference Object"},
	Rule{ID: "spec/component-key", Category: Spec, Severity: diag.Warning, Doc: "a components key uses characters other than letters, digits, '.', '-' and '_'"},
	Rule{ID: "spec/unused-component", Category: Spec, Severity: diag.Info, Doc: "a component no $ref points to (or a security scheme no requirement names); it is still checked like any other"},

	// Cross-object checks (spec/semantic.go).
	Rule{ID: "spec/channel-name", Category: Spec, Severity: diag.Error, Doc: "a channel name is empty or not an RFC 6570 URI template"},
	Rule{ID: "spec/channel-query", Category: Spec, Severity: diag.Warning, Doc: "a channel name contains a query ('?') or fragment ('#')"},
	Rule{ID: "spec/channel-parameters", Category: Spec, Severity: diag.Error, Doc: "channel parameters and the {names} in the channel name do not match"},
	Rule{ID: "spec/channel-parameters-missing", Category: Spec, Severity: diag.Warning, Doc: "a channel name has {parameters} but the channel describes none"},
	Rule{ID: "spec/channel-servers", Category: Spec, Severity: diag.Error, Doc: "a channel lists a server the document does not define"},
	Rule{ID: "spec/operation-id-unique", Category: Spec, Severity: diag.Error, Doc: "two operations of a document share an operationId"},
	Rule{ID: "spec/message-id-unique", Category: Spec, Severity: diag.Error, Doc: "two messages of a document share a messageId"},
	Rule{ID: "spec/tags-unique", Category: Spec, Severity: diag.Error, Doc: "a tags list names the same tag twice"},
	Rule{ID: "spec/server-variables", Category: Spec, Severity: diag.Error, Doc: "server variables and the {names} in the server url do not match"},
	Rule{ID: "spec/server-variables-missing", Category: Spec, Severity: diag.Warning, Doc: "a server url has {variables} but the server describes none"},
	Rule{ID: "spec/security-scheme", Category: Spec, Severity: diag.Error, Doc: "a security requirement names an undefined scheme or an undeclared oauth2 scope"},
	Rule{ID: "spec/headers-object", Category: Spec, Severity: diag.Error, Doc: "a message's headers schema has a type other than object"},
	Rule{ID: "config/invalid", Category: Spec, Severity: diag.Error, Fatal: true, Doc: "asyncgen.yaml has an unknown key or a bad value (exit code 2)"},
	Rule{ID: "config/unused-ignore", Category: Spec, Severity: diag.Warning, Doc: "an ignore: entry of asyncgen.yaml matches no finding (stale, or a path not relative to the contracts directory)"},
)
