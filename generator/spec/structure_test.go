package spec

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/lint"
)

// lintCase is one small contract tree and every diagnostic loading it must
// report, as "file:line:col rule", sorted.
type lintCase struct {
	name  string
	files map[string]string // path below the root → content
	want  []string
	// says are substrings the diagnostics' messages must contain.
	says []string
}

// y joins lines, so that a case's line numbers can be read off its source.
func y(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

// doc is a document of the given version: four header lines, then body
// (whose first line is line 5).
func doc(version string, body ...string) map[string]string {
	head := y("asyncapi: "+version, "info:", "  title: t", `  version: "1"`)
	return map[string]string{"doc.yaml": head + y(body...)}
}

// load writes files to a temporary root and loads every contract in it.
func load(t *testing.T, files map[string]string) diag.List {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		abs := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := NewLoader(dir, dir)
	paths, err := ContractFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	Load(l, paths)
	return diag.Sort(l.Diags)
}

func runCases(t *testing.T, cases []lintCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds := load(t, c.files)
			// Most cases leave components unused; only the cases about
			// that rule list its findings.
			unused := strings.Contains(strings.Join(c.want, "\n"), RuleUnusedComponent)
			var got []string
			var text strings.Builder
			for _, d := range ds {
				if d.Rule == RuleUnusedComponent && !unused {
					continue
				}
				got = append(got, fmt.Sprintf("%s %s", d.Pos, d.Rule))
				fmt.Fprintf(&text, "%s: %s: %s [%s]\n", d.Pos, d.Severity, d.Message, d.Rule)
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", text.String(), strings.Join(c.want, "\n"))
			}
			for _, s := range c.says {
				if !strings.Contains(text.String(), s) {
					t.Errorf("no message says %q; got:\n%s", s, text.String())
				}
			}
		})
	}
}

func TestStructure(t *testing.T) {
	runCases(t, []lintCase{
		{name: "minimal document is valid", files: doc("2.6.0", "channels: {}")},
		{
			name: "unknown field with a suggestion, at the key",
			files: doc("2.6.0",
				"channels:",
				"  c:",
				"    publish:",
				"      summry: s",
				"      message:",
				"        payload: {type: string}"),
			want: []string{"doc.yaml:8:7 spec/unknown-field"},
			says: []string{`unknown field "summry" in Operation object; did you mean "summary"?`},
		},
		{
			name:  "extensions are allowed, other unknown fields are not",
			files: doc("2.6.0", "x-owner: team", "foo: 1", "x-ok.name_1: 2", "channels: {}"),
			want:  []string{"doc.yaml:6:1 spec/unknown-field"},
			says:  []string{`fields AsyncAPI does not define must start with "x-"`},
		},
		{
			name:  "an extension needs a name after x-",
			files: doc("2.6.0", "x-: 1", "channels: {}"),
			want:  []string{"doc.yaml:5:1 spec/unknown-field"},
		},
		{
			name:  "missing required field, at the parent object",
			files: map[string]string{"doc.yaml": y("asyncapi: 2.6.0", "info:", "  title: t", "channels: {}")},
			want:  []string{"doc.yaml:3:3 spec/required-field"},
			says:  []string{`missing required field "version" in Info object at info`},
		},
		{
			name:  "missing channels, at the document",
			files: map[string]string{"doc.yaml": y("asyncapi: 2.6.0", "info: {title: t, version: '1'}")},
			want:  []string{"doc.yaml:1:1 spec/required-field"},
		},
		{
			name:  "unquoted number where a string is expected",
			files: map[string]string{"doc.yaml": y("asyncapi: 2.6.0", "info:", "  title: t", "  version: 1.10", "channels: {}")},
			want:  []string{"doc.yaml:4:12 spec/field-type"},
			says:  []string{`info.version must be a string; the unquoted 1.10 reads as a number, quote it: "1.10"`},
		},
		{
			name:  "a string where a boolean is expected",
			files: doc("2.6.0", "channels:", "  c:", `    deprecated: "yes"`),
			want:  []string{"doc.yaml:7:17 spec/field-type"},
			says:  []string{`channels.c.deprecated must be a boolean (true or false), found a string ("yes")`},
		},
		{
			name:  "objects, maps and arrays of the wrong kind",
			files: doc("2.6.0", "channels: []", "tags: {}", "servers:", "  s: prod", "components:", "  schemas: {a: 1}"),
			want: []string{
				"doc.yaml:5:11 spec/field-type",
				"doc.yaml:6:7 spec/field-type",
				"doc.yaml:8:6 spec/field-type",
				"doc.yaml:10:16 spec/field-type",
			},
			says: []string{"channels must be a map", "servers.s must be a Server object, found a string", "components.schemas.a must be a JSON Schema"},
		},
		{
			name:  "null where an object is expected",
			files: doc("2.6.0", "channels:", "  c:", "    publish: null"),
			want:  []string{"doc.yaml:7:14 spec/field-type"},
			says:  []string{"channels.c.publish must be an Operation object, found null"},
		},
		{
			name:  "messageId needs 2.4",
			files: doc("2.3.0", "channels:", "  c:", "    publish:", "      message:", "        messageId: m"),
			want:  []string{"doc.yaml:9:9 spec/field-version"},
			says:  []string{`field "messageId" of Message object needs AsyncAPI 2.4.0 or later; this document declares 2.3.0`},
		},
		{name: "messageId in 2.4", files: doc("2.4.0", "channels:", "  c:", "    publish:", "      message:", "        messageId: m")},
		{
			name:  "server tags need 2.5",
			files: doc("2.4.0", "servers:", "  s:", "    url: x", "    protocol: kafka", "    tags: [{name: a}]", "channels: {}"),
			want:  []string{"doc.yaml:9:5 spec/field-version"},
		},
		{name: "server tags in 2.5", files: doc("2.5.0", "servers:", "  s:", "    url: x", "    protocol: kafka", "    tags: [{name: a}]", "channels: {}")},
		{
			name:  "channel servers need 2.2",
			files: doc("2.1.0", "servers:", "  s: {url: x, protocol: kafka}", "channels:", "  c:", "    servers: [s]"),
			want:  []string{"doc.yaml:9:5 spec/field-version"},
		},
		{name: "channel servers in 2.2", files: doc("2.2.0", "servers:", "  s: {url: x, protocol: kafka}", "channels:", "  c:", "    servers: [s]")},
		{
			name: "enum values",
			files: doc("2.6.0",
				"channels: {}",
				"components:",
				"  securitySchemes:",
				"    k:",
				"      type: apiKey",
				"      in: header",
				"    h:",
				"      type: httpApiKey",
				"      name: api_key",
				"      in: header"),
			want: []string{"doc.yaml:10:11 spec/field-value"},
			says: []string{`components.securitySchemes.k.in must be one of "user", "password", found "header"`},
		},
		{
			name:  "runtime expression pattern",
			files: doc("2.6.0", "channels: {}", "components:", "  correlationIds:", "    c:", "      location: header.id"),
			want:  []string{"doc.yaml:9:17 spec/field-value"},
		},
		{
			name:  "unique string items",
			files: doc("2.6.0", "servers:", "  s: {url: x, protocol: kafka}", "channels:", "  c:", "    servers: [s, s]"),
			want:  []string{"doc.yaml:9:18 spec/field-value"},
		},
		{
			name:  "URI format",
			files: doc("2.6.0", "externalDocs:", "  url: docs", "id: urn:example:app", "channels: {}"),
			want:  []string{"doc.yaml:6:8 spec/field-format"},
		},
		{
			name: "a reference where AsyncAPI allows none is followed, with a warning",
			files: map[string]string{
				"doc.yaml":  y("asyncapi: 2.6.0", "info:", `  $ref: "frag.yaml#/info"`, "channels: {}"),
				"frag.yaml": y("info:", "  title: t"),
			},
			want: []string{"doc.yaml:3:3 spec/ref-position", "frag.yaml:2:3 spec/required-field"},
			says: []string{"AsyncAPI does not allow a Reference Object for info"},
		},
		{
			name:  "server references need 2.3",
			files: doc("2.2.0", "servers:", "  s:", `    $ref: "#/x-servers/s"`, "channels: {}", "x-servers:", "  s: {url: x, protocol: kafka}"),
			want:  []string{"doc.yaml:7:5 spec/ref-position"},
			says:  []string{"a Reference Object for servers.s needs AsyncAPI 2.3.0 or later"},
		},
		{name: "server references in 2.3", files: doc("2.3.0", "servers:", "  s:", `    $ref: "#/x-servers/s"`, "channels: {}", "x-servers:", "  s: {url: x, protocol: kafka}")},
		{
			name:  "component keys",
			files: doc("2.6.0", "channels: {}", "components:", "  messages:", "    user/created:", "      payload: {type: object}", "    user.created_2-x: {}"),
			want:  []string{"doc.yaml:8:5 spec/component-key"},
			says:  []string{`rename it, e.g. "user.created"`},
		},
		{
			name: "a 2.0.0 document",
			files: map[string]string{"doc.yaml": y(
				"asyncapi: 2.0.0",
				`info: {title: t, version: "1"}`,
				`id: "urn:example:app"`,
				"servers:",
				"  prod:",
				`    url: "broker.example.com:{port}"`,
				"    protocol: mqtt",
				"    variables:",
				`      port: {default: "1883", enum: ["1883", "8883"]}`,
				"    security: [{pw: []}]",
				"channels:",
				"  user/{userId}/signedup:",
				"    parameters:",
				`      userId: {schema: {type: string}, location: "$message.payload#/user/id"}`,
				"    subscribe:",
				"      operationId: onSignup",
				`      traits: [{$ref: "#/components/operationTraits/kafka"}]`,
				"      message:",
				`        $ref: "#/components/messages/UserSignedUp"`,
				"components:",
				"  messages:",
				"    UserSignedUp:",
				"      headers: {type: object, properties: {id: {type: string}}}",
				"      payload: {type: object}",
				`      correlationId: {$ref: "#/components/correlationIds/c"}`,
				`      examples: [{headers: {id: "1"}, payload: {}}, {}]`,
				"  correlationIds:",
				`    c: {location: "$message.header#/id"}`,
				"  operationTraits:",
				"    kafka: {bindings: {kafka: {clientId: x}}}",
				"  securitySchemes:",
				"    pw: {type: userPassword}")},
		},
		{
			name: "references into other files are checked there",
			files: map[string]string{
				"doc.yaml": y(
					"asyncapi: 2.6.0",
					`info: {title: t, version: "1"}`,
					"channels:",
					"  c:",
					"    publish:",
					"      message:",
					`        $ref: "common/messages.yaml#/Created"`),
				"common/messages.yaml": y(
					"Created:",
					"  name: created",
					"  titel: Created",
					"  traits:",
					`    - $ref: "traits.yaml#/Common"`),
				"common/traits.yaml": y("Common:", "  headers: {type: array}"),
			},
			want: []string{"common/messages.yaml:3:3 spec/unknown-field", "common/traits.yaml:2:19 spec/headers-object"},
			says: []string{`did you mean "title"?`},
		},
		{
			name: "oneOf messages",
			files: doc("2.6.0",
				"channels:",
				"  c:",
				"    subscribe:",
				"      message:",
				"        oneOf:",
				`          - $ref: "#/components/messages/A"`,
				"          - name: b",
				"            summry: s",
				"components:",
				"  messages:",
				"    A:",
				"      oneOf:",
				"        - name: a1",
				"        - name: a2"),
			want: []string{"doc.yaml:12:13 spec/unknown-field"},
		},
		{
			name:  "oneOf stands alone",
			files: doc("2.6.0", "channels:", "  c:", "    subscribe:", "      message:", "        name: x", "        oneOf:", "          - name: a"),
			want:  []string{"doc.yaml:9:9 spec/unknown-field"},
			says:  []string{`unknown field "name" in Message oneOf object`},
		},
		{
			name: "traits are checked as traits",
			files: doc("2.6.0",
				"channels:",
				"  c:",
				"    publish:",
				"      traits:",
				"        - message: {}",
				`        - $ref: "#/components/operationTraits/T"`,
				"      message:",
				"        traits:",
				"          - payload: {}",
				`          - $ref: "#/components/messageTraits/M"`,
				"components:",
				"  operationTraits:",
				"    T: {summary: 1}",
				"  messageTraits:",
				"    M: {contentTyp: x}"),
			want: []string{
				"doc.yaml:9:11 spec/unknown-field",
				"doc.yaml:13:13 spec/unknown-field",
				"doc.yaml:17:18 spec/field-type",
				"doc.yaml:19:9 spec/unknown-field",
			},
			says: []string{"an Operation Trait cannot carry a message", "a Message Trait cannot carry a payload", `did you mean "contentType"?`},
		},
		{
			name: "reference cycles terminate",
			files: doc("2.6.0",
				"channels:",
				"  c:",
				"    subscribe:",
				"      message:",
				`        $ref: "#/components/messages/A"`,
				"components:",
				"  messages:",
				"    A:",
				"      oneOf:",
				`        - $ref: "#/components/messages/A"`,
				`        - $ref: "#/components/messages/B"`,
				"    B:",
				`      $ref: "#/components/messages/B"`),
			want: []string{"doc.yaml:17:13 spec/ref-cycle"},
		},
		{
			name: "payload must be a schema unless schemaFormat says otherwise",
			files: doc("2.6.0",
				"channels:",
				"  c:",
				"    publish:",
				"      message:",
				`        payload: "string"`,
				"    subscribe:",
				"      message:",
				`        schemaFormat: "application/vnd.apache.avro;version=1.9.0"`,
				`        payload: "string"`),
			want: []string{"doc.yaml:9:18 spec/field-type"},
		},
		{
			name:  "a message example needs payload or headers since 2.1",
			files: doc("2.1.0", "channels:", "  c:", "    publish:", "      message:", "        examples:", "          - name: e"),
			want:  []string{"doc.yaml:10:13 spec/required-field"},
		},
		{
			name: "a channel item $ref may have siblings",
			files: doc("2.6.0",
				"channels:",
				"  c:",
				`    $ref: "#/components/channels/c"`,
				"    description: also here",
				"components:",
				"  channels:",
				"    c:",
				"      publish:",
				"        message: {payload: {type: object}}"),
		},
		{
			name: "security schemes by type",
			files: doc("2.0.0",
				"channels: {}",
				"components:",
				"  securitySchemes:",
				"    a: {type: oauth}",
				"    b: {type: plain}",
				"    c: {type: http, scheme: basic, bearerFormat: JWT}",
				"    d:",
				"      type: oauth2",
				"      flows:",
				"        password:",
				`          authorizationUrl: "https://a"`,
				`          tokenUrl: "https://t"`,
				"          scopes: {}",
				"    e:",
				"      description: no type",
				"    f: {type: http, scheme: bearer, bearerFormat: JWT}"),
			want: []string{
				"doc.yaml:8:15 spec/field-value",
				"doc.yaml:9:15 spec/field-version",
				"doc.yaml:10:36 spec/unknown-field",
				"doc.yaml:15:11 spec/unknown-field",
				"doc.yaml:19:7 spec/required-field",
			},
			says: []string{`did you mean "oauth2"?`, "the password flow does not use authorizationUrl"},
		},
	})
}

// TestCorpus loads every official AsyncAPI 2.6.0 example: all are valid, so
// none may get an error.
func TestCorpus(t *testing.T) {
	root, err := filepath.Abs("../../../shared/corpus/asyncapi-spec-2.6.0/examples")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(root); err != nil {
		t.Fatalf("corpus missing: %v", err)
	}
	cwd, _ := os.Getwd()
	var docs []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isContractName(d.Name()) {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if s := string(b); strings.HasPrefix(s, "asyncapi:") || strings.Contains(s, "\nasyncapi:") {
			docs = append(docs, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range docs {
		t.Run(strings.TrimPrefix(p, root+string(filepath.Separator)), func(t *testing.T) {
			l := NewLoader(root, cwd)
			set := Load(l, []string{p})
			if len(set.Documents) != 1 {
				t.Fatalf("%s is not loaded as a document", p)
			}
			for _, d := range diag.Sort(l.Diags) {
				if d.Severity == diag.Error {
					t.Errorf("%s: %s [%s]", d.Pos, d.Message, d.Rule)
				}
			}
		})
	}
	if len(docs) < 20 {
		t.Errorf("found %d example documents, want the 21 of the corpus", len(docs))
	}
}

// TestRuleTable keeps this package's rules and the lint table in step.
func TestRuleTable(t *testing.T) {
	ids := []string{
		RuleUnknownField, RuleRequiredField, RuleFieldType, RuleFieldVersion, RuleFieldValue,
		RuleFieldFormat, RuleRefPosition, RuleComponentKey, RuleChannelName, RuleChannelQuery,
		RuleChannelParameters, RuleChannelParametersMissing, RuleChannelServers,
		RuleOperationIDUnique, RuleMessageIDUnique, RuleTagsUnique, RuleServerVariables,
		RuleServerVariablesMissing, RuleSecurityScheme, RuleHeadersObject, RuleUnusedComponent,
		RuleIO, RuleAsyncAPIVersion, RuleRefMissing, RuleRefOutsideRoot, RuleRefRemote, RuleRefCycle, RuleRefInvalid,
	}
	for _, id := range ids {
		r, ok := lint.Lookup(id)
		switch {
		case !ok:
			t.Errorf("rule %s is not in the lint table", id)
		case r.Category != lint.Spec:
			t.Errorf("rule %s has category %s, want spec", id, r.Category)
		case warningRules[id] != (r.Severity == diag.Warning):
			t.Errorf("rule %s: table severity %s disagrees with what spec reports", id, r.Severity)
		}
	}
}
