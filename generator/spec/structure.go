package spec

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/jsonpointer"
	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/source"
	"github.com/asyncgen/asyncgen/generator/suggest"
)

// Rule ids of the structure walk and the cross-object checks.
const (
	RuleUnknownField             = "spec/unknown-field"
	RuleRequiredField            = "spec/required-field"
	RuleFieldType                = "spec/field-type"
	RuleFieldVersion             = "spec/field-version"
	RuleFieldValue               = "spec/field-value"
	RuleFieldFormat              = "spec/field-format"
	RuleRefPosition              = "spec/ref-position"
	RuleComponentKey             = "spec/component-key"
	RuleChannelName              = "spec/channel-name"
	RuleChannelQuery             = "spec/channel-query"
	RuleChannelParameters        = "spec/channel-parameters"
	RuleChannelParametersMissing = "spec/channel-parameters-missing"
	RuleChannelServers           = "spec/channel-servers"
	RuleOperationIDUnique        = "spec/operation-id-unique"
	RuleMessageIDUnique          = "spec/message-id-unique"
	RuleTagsUnique               = "spec/tags-unique"
	RuleServerVariables          = "spec/server-variables"
	RuleServerVariablesMissing   = "spec/server-variables-missing"
	RuleSecurityScheme           = "spec/security-scheme"
	RuleHeadersObject            = "spec/headers-object"
)

// warningRules are reported as warnings: the specification says SHOULD, or
// the official parser accepts the document (its "recommended" rules), so
// they must not make a document invalid by default.
var warningRules = map[string]bool{
	RuleRefPosition:              true,
	RuleComponentKey:             true,
	RuleChannelQuery:             true,
	RuleChannelParametersMissing: true,
	RuleServerVariablesMissing:   true,
}

// CheckStructure checks a document against the AsyncAPI 2.x object model of
// its own version (model.go), following Reference Objects into the files
// they point to, then runs the cross-object checks (semantic.go).
func (l *Loader) CheckStructure(doc *Document) {
	w := &walker{l: l, doc: doc, minor: doc.Minor, done: map[memoKey]bool{}}
	w.object(doc.Target, rootObject, "")
	w.semantic()
}

// walker carries the state of one document's walk.
type walker struct {
	l     *Loader
	doc   *Document
	minor int
	// done memoizes checked (node, shape) pairs: shared targets are
	// checked once and reference cycles terminate.
	done map[memoKey]bool
}

// memoKey identifies a node checked as one shape. Nodes are parsed once
// per file and shared by YAML aliases, so the node itself is the identity.
type memoKey struct {
	node  *source.Node
	shape any
}

// first reports whether (t, shape) is seen for the first time.
func (w *walker) first(t Target, shape any) bool {
	k := memoKey{t.Node, shape}
	if w.done[k] {
		return false
	}
	w.done[k] = true
	return true
}

func (w *walker) report(pos location.Pos, rule, msg string) {
	sev := diag.Error
	if warningRules[rule] {
		sev = diag.Warning
	}
	w.l.Diags.Add(pos, sev, rule, msg)
}

// value checks one value against its shape.
func (w *walker) value(t Target, v *valueSpec, path string) {
	n := t.Node
	if n == nil {
		return
	}
	if v.kind == kindMessage {
		w.message(t, path)
		return
	}
	if ref := n.Field("$ref"); ref != nil && n.Kind == source.Object && followsRefs(v) {
		w.reference(t, ref, v, path)
		return
	}
	switch v.kind {
	case kindAny:
	case kindBool:
		if n.Kind != source.Bool {
			w.typeError(n, path, "a boolean (true or false)")
		}
	case kindString:
		w.stringValue(n, v, path)
	case kindFreeObject:
		if n.Kind != source.Object {
			w.typeError(n, path, "an object")
		}
	case kindSchema:
		if n.Kind != source.Object && n.Kind != source.Bool {
			w.typeError(n, path, "a JSON Schema (an object or a boolean)")
		}
	case kindObject:
		w.object(t, v.obj, path)
	case kindMap:
		w.mapValue(t, v, path)
	case kindArray:
		w.arrayValue(t, v, path)
	}
}

// followsRefs reports whether a $ref object in a place of shape v is
// followed. Schemas and opaque values are left alone; Channel Item handles
// its own $ref field, which may have siblings.
func followsRefs(v *valueSpec) bool {
	switch v.kind {
	case kindObject:
		return !v.obj.selfRef
	case kindMap, kindArray:
		return true
	}
	return false
}

// reference follows a Reference Object and checks its target as v. The
// official parser resolves every $ref before it validates, so a reference
// where the specification allows none is followed too, with a warning.
func (w *walker) reference(t Target, ref *source.Field, v *valueSpec, path string) {
	switch {
	case !v.refs:
		w.report(ref.KeyPos, RuleRefPosition, fmt.Sprintf("AsyncAPI does not allow a Reference Object for %s; asyncgen follows it, but other AsyncAPI tools may not: write the %s inline", orValue(path), shapeName(v)))
	case v.refSince > w.minor:
		w.report(ref.KeyPos, RuleRefPosition, fmt.Sprintf("a Reference Object for %s needs AsyncAPI 2.%d.0 or later; this document declares %s: write the %s inline or raise the asyncapi version", orValue(path), v.refSince, w.doc.Version, shapeName(v)))
	}
	rt, ok := w.l.Deref(t)
	if !ok || !w.first(rt, v) {
		return
	}
	w.value(rt, v, pointerPath(rt))
}

// object checks an AsyncAPI object of type obj.
func (w *walker) object(t Target, obj *objectType, path string) {
	n := t.Node
	if n.Kind != source.Object {
		w.typeError(n, path, withArticle(obj.name)+" object")
		return
	}
	if !w.first(t, obj) {
		return
	}
	if obj.variants != nil {
		w.variantObject(t, obj, path)
		return
	}
	if obj.selfRef && n.Has("$ref") {
		if rt, ok := w.l.Deref(t); ok && rt.Key() != t.Key() {
			w.object(rt, obj, pointerPath(rt))
		}
	}
	for _, f := range n.Fields {
		w.field(t, obj, f, path)
	}
	for _, fs := range obj.fields {
		if fs.required && fs.since <= w.minor && !n.Has(fs.name) && !(obj.selfRef && n.Has("$ref")) {
			w.report(n.Pos, RuleRequiredField, fmt.Sprintf("missing required field %q in %s object%s", fs.name, obj.name, at(path)))
		}
	}
	if obj.check != nil {
		obj.check(w, t, path)
	}
}

// field checks one field of an object of type obj.
func (w *walker) field(t Target, obj *objectType, f source.Field, path string) {
	if strings.HasPrefix(f.Key, "x-") && !obj.noExtensions {
		if !isExtensionName(f.Key) {
			w.report(f.KeyPos, RuleUnknownField, fmt.Sprintf("extension %q is not a valid name; after \"x-\" use letters, digits, \".\", \"-\" or \"_\"", f.Key))
		}
		return
	}
	fs := obj.field(f.Key)
	if fs == nil {
		if obj.open {
			return
		}
		msg := fmt.Sprintf("unknown field %q in %s object", f.Key, obj.name)
		if why, ok := obj.forbidden[f.Key]; ok {
			msg += "; " + why
		} else if s := suggest.Closest(f.Key, obj.fieldNames(w.minor)); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else if !obj.noExtensions {
			msg += "; fields AsyncAPI does not define must start with \"x-\""
		}
		w.report(f.KeyPos, RuleUnknownField, msg)
		return
	}
	if fs.since > w.minor {
		w.report(f.KeyPos, RuleFieldVersion, fmt.Sprintf("field %q of %s object needs AsyncAPI 2.%d.0 or later; this document declares %s", f.Key, obj.name, fs.since, w.doc.Version))
		return
	}
	if f.Key == "$ref" && obj.selfRef {
		return // resolved by object; a non-string $ref is reported by Resolve
	}
	w.value(t.Child(f.Key, f.Value), fs.value, joinPath(path, f.Key))
}

// variantObject picks the variant of a discriminated object by its "type".
func (w *walker) variantObject(t Target, obj *objectType, path string) {
	n := t.Node
	tf := n.Field("type")
	if tf == nil {
		w.report(n.Pos, RuleRequiredField, fmt.Sprintf("missing required field \"type\" in %s object%s; one of %s", obj.name, at(path), w.variantList(obj)))
		return
	}
	typ, ok := tf.Value.StringValue()
	if !ok {
		w.typeError(tf.Value, joinPath(path, "type"), "a string")
		return
	}
	v, ok := obj.variants[typ]
	if !ok {
		msg := fmt.Sprintf("%s type %q is not one of %s", strings.ToLower(obj.name), typ, w.variantList(obj))
		if s := suggest.Closest(typ, w.variantNames(obj)); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		w.report(tf.Value.Pos, RuleFieldValue, msg)
		return
	}
	if v.since > w.minor {
		w.report(tf.Value.Pos, RuleFieldVersion, fmt.Sprintf("%s type %q needs AsyncAPI 2.%d.0 or later; this document declares %s", strings.ToLower(obj.name), typ, v.since, w.doc.Version))
		return
	}
	w.object(t, v.obj, path)
}

func (w *walker) variantNames(obj *objectType) []string {
	var names []string
	for name, v := range obj.variants {
		if v.since <= w.minor {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

func (w *walker) variantList(obj *objectType) string {
	return strings.Join(w.variantNames(obj), ", ")
}

// message checks an operation's (or a component's) message: a Reference,
// a {oneOf: [...]} of messages, or a Message Object.
func (w *walker) message(t Target, path string) {
	n := t.Node
	if n.Kind == source.Object && n.Has("$ref") {
		rt, ok := w.l.Deref(t)
		if ok && w.first(rt, messageValue) {
			w.message(rt, pointerPath(rt))
		}
		return
	}
	if n.Kind == source.Object && n.Has("oneOf") {
		w.object(t, messageOneOfObject, path)
		return
	}
	w.object(t, messageObject, path)
}

// stringValue checks a string and its enum, format and pattern.
func (w *walker) stringValue(n *source.Node, v *valueSpec, path string) {
	s, ok := n.StringValue()
	if !ok {
		w.typeError(n, path, "a string")
		return
	}
	switch {
	case len(v.enum) > 0 && !contains(v.enum, s):
		w.report(n.Pos, RuleFieldValue, fmt.Sprintf("%s must be one of %s, found %q", orValue(path), quoteAll(v.enum), s))
	case v.format == "uri" && !isURI(s):
		w.report(n.Pos, RuleFieldFormat, fmt.Sprintf("%s must be an absolute URI such as \"https://example.com/docs\", found %q", orValue(path), s))
	case v.format == "email" && !emailRe.MatchString(s):
		w.report(n.Pos, RuleFieldFormat, fmt.Sprintf("%s must be an email address such as \"team@example.com\", found %q", orValue(path), s))
	case v.pattern != nil && !v.pattern.MatchString(s):
		w.report(n.Pos, RuleFieldValue, fmt.Sprintf("%s must be %s, found %q", orValue(path), v.patternDoc, s))
	}
}

// mapValue checks a map and each of its entries.
func (w *walker) mapValue(t Target, v *valueSpec, path string) {
	n := t.Node
	if n.Kind != source.Object {
		w.typeError(n, path, "a map (an object keyed by name)")
		return
	}
	for _, f := range n.Fields {
		if v.componentKeys && !componentKeyRe.MatchString(f.Key) {
			w.report(f.KeyPos, RuleComponentKey, fmt.Sprintf("component key %q may only use letters, digits, \".\", \"-\" and \"_\"; rename it, e.g. %q", f.Key, componentKeyFix(f.Key)))
		}
		if v.channelKeys {
			w.channelName(f)
		}
		w.value(t.Child(f.Key, f.Value), v.elem, joinPath(path, f.Key))
	}
}

// arrayValue checks an array and each of its items.
func (w *walker) arrayValue(t Target, v *valueSpec, path string) {
	n := t.Node
	if n.Kind != source.Array {
		w.typeError(n, path, "an array")
		return
	}
	seen := map[string]bool{}
	for i, it := range n.Items {
		w.value(t.Child(strconv.Itoa(i), it), v.elem, path+"["+strconv.Itoa(i)+"]")
		if s, ok := it.StringValue(); ok && v.unique {
			if seen[s] {
				w.report(it.Pos, RuleFieldValue, fmt.Sprintf("%s lists %q more than once; items must be unique", orValue(path), s))
			}
			seen[s] = true
		}
	}
	if v.tags {
		w.uniqueTagNames(t)
	}
}

// typeError reports a value of the wrong kind. An unquoted YAML scalar where
// a string is expected gets the fix spelled out.
func (w *walker) typeError(n *source.Node, path, want string) {
	if want == "a string" && n.Kind != source.String && n.Plain != "" {
		w.report(n.Pos, RuleFieldType, fmt.Sprintf("%s must be a string; the unquoted %s reads as a %s, quote it: %q", orValue(path), n.Plain, n.Kind, n.Plain))
		return
	}
	w.report(n.Pos, RuleFieldType, fmt.Sprintf("%s must be %s, found %s", orValue(path), want, describe(n)))
}

// field returns the field spec named name, or nil.
func (o *objectType) field(name string) *fieldSpec {
	for i := range o.fields {
		if o.fields[i].name == name {
			return &o.fields[i]
		}
	}
	return nil
}

// fieldNames lists the fields available at a minor version.
func (o *objectType) fieldNames(minor int) []string {
	var out []string
	for _, f := range o.fields {
		if f.since <= minor && f.name != "$ref" {
			out = append(out, f.name)
		}
	}
	return out
}

// checkMessageTrait: headers must describe an object.
func checkMessageTrait(w *walker, t Target, path string) {
	if h := t.Node.Get("headers"); h != nil {
		w.headersObject(t.Child("headers", h), joinPath(path, "headers"))
	}
}

// checkMessage runs the Message rules the table cannot express: those of
// traits, and without a schemaFormat (or with a JSON Schema one) the
// payload must be a schema.
func checkMessage(w *walker, t Target, path string) {
	checkMessageTrait(w, t, path)
	n := t.Node
	p := n.Get("payload")
	if p == nil || p.Kind == source.Object || p.Kind == source.Bool {
		return
	}
	format, _ := n.Get("schemaFormat").StringValue()
	if format == "" || isJSONSchemaFormat(format) {
		w.typeError(p, joinPath(path, "payload"), "a JSON Schema (an object or a boolean)")
	}
}

// isJSONSchemaFormat reports whether a schemaFormat names AsyncAPI's own
// schema dialect or JSON Schema draft-07, whose payloads must be schemas.
func isJSONSchemaFormat(f string) bool {
	return strings.HasPrefix(f, "application/vnd.aai.asyncapi") ||
		strings.HasPrefix(f, "application/schema+json;version=draft-07") ||
		strings.HasPrefix(f, "application/schema+yaml;version=draft-07")
}

// checkMessageExample: since 2.1 an example must show a payload or headers.
func checkMessageExample(w *walker, t Target, path string) {
	n := t.Node
	if w.minor >= 1 && !n.Has("payload") && !n.Has("headers") {
		w.report(n.Pos, RuleRequiredField, fmt.Sprintf("message example%s needs \"payload\" or \"headers\" (or both)", at(path)))
	}
}

// Text helpers for messages.

// joinPath appends a key to a display path: info.version,
// channels["user/signedup"].subscribe.
func joinPath(path, key string) string {
	if !isIdentifier(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || r == '$' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !letter && (i == 0 || !(r == '-' || (r >= '0' && r <= '9'))) {
			return false
		}
	}
	return true
}

// pointerPath is the display path of a $ref target: its JSON pointer.
func pointerPath(t Target) string {
	if t.Pointer == "" {
		return ""
	}
	path := ""
	for _, tok := range strings.Split(t.Pointer[1:], "/") {
		tok = jsonpointer.Unescape(tok)
		if _, err := strconv.Atoi(tok); err == nil && path != "" {
			path += "[" + tok + "]"
			continue
		}
		path = joinPath(path, tok)
	}
	return path
}

// orValue names a path in a sentence; the root of a file is "the value".
func orValue(path string) string {
	if path == "" {
		return "the value"
	}
	return path
}

// at is " at <path>" or nothing.
func at(path string) string {
	if path == "" {
		return ""
	}
	return " at " + path
}

func withArticle(name string) string {
	if name != "" && strings.ContainsRune("AEIOU", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// shapeName says what a value shape is, for reference warnings.
func shapeName(v *valueSpec) string {
	switch v.kind {
	case kindObject:
		return v.obj.name + " object"
	case kindMap:
		return "map"
	case kindArray:
		return "list"
	}
	return "value"
}

// describe says what a node is: null, a number (1.5), an object...
func describe(n *source.Node) string {
	switch n.Kind {
	case source.Null:
		return "null"
	case source.Object:
		return "an object"
	case source.Array:
		return "an array"
	case source.String:
		return fmt.Sprintf("a string (%q)", n.Str)
	case source.Number:
		return "a number (" + n.Text() + ")"
	}
	return "a boolean (" + n.Text() + ")"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
