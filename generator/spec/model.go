package spec

import "regexp"

// The AsyncAPI 2.x object model as data. Each object lists its fixed fields
// with the shape of their values, whether they are required and the minor
// version (2.<since>.0) that introduced them, so that every document is
// judged by the version it declares. The structure walk (structure.go)
// interprets these tables; nothing else should need to know the shapes.
//
// Sources: the AsyncAPI 2.0.0–2.6.0 specifications and the JSON Schemas the
// official parser validates with (asyncapi/spec-json-schemas). Where the two
// disagree, the table follows what the parser accepts and says so.

// valueKind is the shape of a field value.
type valueKind uint8

const (
	kindString     valueKind = iota
	kindBool                 // true or false
	kindAny                  // any JSON value
	kindFreeObject           // any object; contents not checked (bindings, example headers)
	kindSchema               // a JSON Schema: an object or a boolean, checked elsewhere
	kindObject               // an AsyncAPI object described by obj
	kindMap                  // an object whose every value is elem
	kindArray                // an array whose every item is elem
	kindMessage              // Message | Reference | {oneOf: [kindMessage...]}
)

// valueSpec describes the value a field (or a map entry, or an array item) holds.
type valueSpec struct {
	kind valueKind
	obj  *objectType // kindObject
	elem *valueSpec  // kindMap, kindArray
	// refs reports whether a Reference Object may stand in place of the
	// value, and refSince from which minor version.
	refs     bool
	refSince int
	// enum lists the allowed strings (kindString).
	enum []string
	// format is "uri" or "email" (kindString), as the JSON Schema demands.
	format string
	// pattern must match a string value; patternDoc says what it means.
	pattern    *regexp.Regexp
	patternDoc string
	// unique requires distinct items (kindArray of strings).
	unique bool
	// tags marks an array of Tag objects, whose names must be unique.
	tags bool
	// componentKeys requires map keys to match componentKeyRe.
	componentKeys bool
	// channelKeys checks map keys as channel names (RFC 6570 URI templates).
	channelKeys bool
}

// fieldSpec is one fixed field of an object.
type fieldSpec struct {
	name     string
	value    *valueSpec
	required bool
	// since is the minor version that introduced the field (2.<since>.0).
	since int
}

// objectType is one object of the specification.
type objectType struct {
	// name is the object's name in the specification, without "Object".
	name   string
	fields []fieldSpec
	// noExtensions forbids x- fields (the {oneOf} wrapper of messages).
	noExtensions bool
	// open accepts unknown fields (the JSON Schema does not close the object).
	open bool
	// selfRef marks Channel Item, whose own $ref field points to another
	// Channel Item and may have siblings.
	selfRef bool
	// forbidden explains why a field that looks plausible is not allowed.
	forbidden map[string]string
	// variants selects the object type by the value of the "type" field
	// (Security Scheme).
	variants map[string]variant
	// check runs extra rules the field table cannot express.
	check func(w *walker, t Target, path string)
}

// variant is one choice of a discriminated object.
type variant struct {
	obj   *objectType
	since int
}

// componentKeyRe is the pattern every key of a components map must match.
var componentKeyRe = regexp.MustCompile(`^[a-zA-Z0-9.\-_]+$`)

// runtimeExpressionRe is the JSON Schema pattern for correlation ID and
// parameter locations. Like the parser's (an unanchored ECMAScript regexp),
// it only constrains the start of the value.
var runtimeExpressionRe = regexp.MustCompile(`^\$message\.(header|payload)#(/(([^/~])|(~[01]))*)*`)

// Shapes used throughout the tables.
var (
	stringValue     = &valueSpec{kind: kindString}
	boolValue       = &valueSpec{kind: kindBool}
	anyValue        = &valueSpec{kind: kindAny}
	schemaValue     = &valueSpec{kind: kindSchema}
	bindingsValue   = &valueSpec{kind: kindFreeObject}
	uriValue        = &valueSpec{kind: kindString, format: "uri"}
	emailValue      = &valueSpec{kind: kindString, format: "email"}
	stringSet       = &valueSpec{kind: kindArray, elem: stringValue, unique: true}
	stringList      = &valueSpec{kind: kindArray, elem: stringValue}
	tagsValue       = &valueSpec{kind: kindArray, elem: object(tagObject), tags: true}
	externalDocsVal = object(externalDocsObject)
	locationValue   = &valueSpec{kind: kindString, pattern: runtimeExpressionRe,
		patternDoc: "a runtime expression such as \"$message.header#/correlationId\" or \"$message.payload#/user/id\""}
	messageValue = &valueSpec{kind: kindMessage}
)

// object is the value shape "an object of type obj".
func object(obj *objectType) *valueSpec { return &valueSpec{kind: kindObject, obj: obj} }

// objectOrRef is "obj | Reference Object", references allowed since minor.
func objectOrRef(obj *objectType, since int) *valueSpec {
	return &valueSpec{kind: kindObject, obj: obj, refs: true, refSince: since}
}

// mapOf is "Map[string, elem]".
func mapOf(elem *valueSpec) *valueSpec { return &valueSpec{kind: kindMap, elem: elem} }

// componentMap is a components map: keys restricted, values elem.
func componentMap(elem *valueSpec) *valueSpec {
	return &valueSpec{kind: kindMap, elem: elem, componentKeys: true}
}

// arrayOf is "[elem]".
func arrayOf(elem *valueSpec) *valueSpec { return &valueSpec{kind: kindArray, elem: elem} }

// rootObject is the AsyncAPI Object, the top level of a document.
var rootObject = &objectType{name: "AsyncAPI", fields: []fieldSpec{
	// asyncapi is checked by the loader before the walk starts.
	{name: "asyncapi", value: anyValue, required: true},
	{name: "id", value: uriValue},
	{name: "info", value: object(infoObject), required: true},
	{name: "servers", value: serversValue},
	{name: "defaultContentType", value: stringValue},
	{name: "channels", value: channelsValue, required: true},
	{name: "components", value: object(componentsObject)},
	{name: "tags", value: tagsValue},
	{name: "externalDocs", value: externalDocsVal},
}}

var infoObject = &objectType{name: "Info", fields: []fieldSpec{
	{name: "title", value: stringValue, required: true},
	{name: "version", value: stringValue, required: true},
	{name: "description", value: stringValue},
	{name: "termsOfService", value: uriValue},
	{name: "contact", value: object(contactObject)},
	{name: "license", value: object(licenseObject)},
}}

var contactObject = &objectType{name: "Contact", fields: []fieldSpec{
	{name: "name", value: stringValue},
	{name: "url", value: uriValue},
	{name: "email", value: emailValue},
}}

var licenseObject = &objectType{name: "License", fields: []fieldSpec{
	{name: "name", value: stringValue, required: true},
	{name: "url", value: uriValue},
}}

// serversValue is the Servers Object; servers became referable in 2.3.
var serversValue = mapOf(objectOrRef(serverObject, 3))

var serverObject = &objectType{name: "Server", fields: []fieldSpec{
	{name: "url", value: stringValue, required: true},
	{name: "protocol", value: stringValue, required: true},
	{name: "protocolVersion", value: stringValue},
	{name: "description", value: stringValue},
	// Server variables became referable in 2.5 (spec #776).
	{name: "variables", value: mapOf(objectOrRef(serverVariableObject, 5))},
	{name: "security", value: arrayOf(securityRequirementValue)},
	{name: "bindings", value: bindingsValue},
	{name: "tags", value: tagsValue, since: 5},
}}

var serverVariableObject = &objectType{name: "Server Variable", fields: []fieldSpec{
	{name: "enum", value: stringSet},
	{name: "default", value: stringValue},
	{name: "description", value: stringValue},
	{name: "examples", value: stringList},
}}

// securityRequirementValue maps security scheme names to scope lists.
var securityRequirementValue = mapOf(stringSet)

// channelsValue is the Channels Object; its keys are channel names.
var channelsValue = &valueSpec{kind: kindMap, elem: object(channelItemObject), channelKeys: true}

var channelItemObject = &objectType{name: "Channel Item", selfRef: true, fields: []fieldSpec{
	{name: "$ref", value: stringValue},
	{name: "description", value: stringValue},
	{name: "servers", value: stringSet, since: 2},
	{name: "subscribe", value: object(operationObject)},
	{name: "publish", value: object(operationObject)},
	{name: "parameters", value: mapOf(objectOrRef(parameterObject, 0))},
	{name: "bindings", value: bindingsValue},
	{name: "deprecated", value: boolValue},
}}

var operationObject = &objectType{name: "Operation", fields: []fieldSpec{
	{name: "operationId", value: stringValue},
	{name: "summary", value: stringValue},
	{name: "description", value: stringValue},
	{name: "security", value: arrayOf(securityRequirementValue), since: 4},
	{name: "tags", value: tagsValue},
	{name: "externalDocs", value: externalDocsVal},
	{name: "bindings", value: bindingsValue},
	{name: "traits", value: arrayOf(objectOrRef(operationTraitObject, 0))},
	{name: "message", value: messageValue},
}}

var operationTraitObject = &objectType{name: "Operation Trait",
	forbidden: map[string]string{
		"message": "an Operation Trait cannot carry a message; put it in the operation",
		"traits":  "an Operation Trait cannot have traits of its own",
	},
	fields: []fieldSpec{
		{name: "operationId", value: stringValue},
		{name: "summary", value: stringValue},
		{name: "description", value: stringValue},
		{name: "security", value: arrayOf(securityRequirementValue), since: 4},
		{name: "tags", value: tagsValue},
		{name: "externalDocs", value: externalDocsVal},
		{name: "bindings", value: bindingsValue},
	}}

var parameterObject = &objectType{name: "Parameter", fields: []fieldSpec{
	{name: "description", value: stringValue},
	{name: "schema", value: schemaValue},
	{name: "location", value: locationValue},
}}

// messageFields are the fields Message and Message Trait share.
var messageFields = []fieldSpec{
	{name: "messageId", value: stringValue, since: 4},
	{name: "headers", value: schemaValue},
	{name: "correlationId", value: objectOrRef(correlationIDObject, 0)},
	{name: "schemaFormat", value: stringValue},
	{name: "contentType", value: stringValue},
	{name: "name", value: stringValue},
	{name: "title", value: stringValue},
	{name: "summary", value: stringValue},
	{name: "description", value: stringValue},
	{name: "tags", value: tagsValue},
	{name: "externalDocs", value: externalDocsVal},
	{name: "bindings", value: bindingsValue},
	{name: "examples", value: arrayOf(object(messageExampleObject))},
	{name: "deprecated", value: boolValue},
}

// messageObject is the Message Object. payload is any value here: whether
// it must be a schema depends on schemaFormat (checkMessage).
var messageObject = &objectType{name: "Message", check: checkMessage,
	fields: append(append([]fieldSpec(nil), messageFields...),
		fieldSpec{name: "payload", value: anyValue},
		fieldSpec{name: "traits", value: arrayOf(objectOrRef(messageTraitObject, 0))},
	)}

var messageTraitObject = &objectType{name: "Message Trait", check: checkMessageTrait,
	forbidden: map[string]string{
		"payload": "a Message Trait cannot carry a payload; put it in the message",
		"traits":  "a Message Trait cannot have traits of its own",
	},
	fields: messageFields}

// messageOneOfObject is the {oneOf: [...]} wrapper an operation's message
// may be; the JSON Schema closes it completely, extensions included.
var messageOneOfObject = &objectType{name: "Message oneOf", noExtensions: true, fields: []fieldSpec{
	{name: "oneOf", value: arrayOf(messageValue), required: true},
}}

// messageExampleObject is the Message Example Object of 2.1; in 2.0 an
// example held only headers and payload.
var messageExampleObject = &objectType{name: "Message Example", check: checkMessageExample, fields: []fieldSpec{
	{name: "headers", value: &valueSpec{kind: kindFreeObject}},
	{name: "payload", value: anyValue},
	{name: "name", value: stringValue, since: 1},
	{name: "summary", value: stringValue, since: 1},
}}

var correlationIDObject = &objectType{name: "Correlation ID", fields: []fieldSpec{
	{name: "description", value: stringValue},
	{name: "location", value: locationValue, required: true},
}}

var tagObject = &objectType{name: "Tag", fields: []fieldSpec{
	{name: "name", value: stringValue, required: true},
	{name: "description", value: stringValue},
	{name: "externalDocs", value: externalDocsVal},
}}

var externalDocsObject = &objectType{name: "External Documentation", fields: []fieldSpec{
	{name: "description", value: stringValue},
	{name: "url", value: uriValue, required: true},
}}

var componentsObject = &objectType{name: "Components", fields: []fieldSpec{
	{name: "schemas", value: componentMap(schemaValue)},
	{name: "servers", value: componentMap(objectOrRef(serverObject, 3)), since: 3},
	{name: "serverVariables", value: componentMap(objectOrRef(serverVariableObject, 3)), since: 3},
	{name: "channels", value: &valueSpec{kind: kindMap, elem: object(channelItemObject), componentKeys: true, channelKeys: true}, since: 3},
	{name: "messages", value: componentMap(messageValue)},
	{name: "securitySchemes", value: componentMap(objectOrRef(securitySchemeObject, 0))},
	{name: "parameters", value: componentMap(objectOrRef(parameterObject, 0))},
	{name: "correlationIds", value: componentMap(objectOrRef(correlationIDObject, 0))},
	{name: "operationTraits", value: componentMap(objectOrRef(operationTraitObject, 0))},
	{name: "messageTraits", value: componentMap(objectOrRef(messageTraitObject, 0))},
	{name: "serverBindings", value: componentMap(bindingsValue)},
	{name: "channelBindings", value: componentMap(bindingsValue)},
	{name: "operationBindings", value: componentMap(bindingsValue)},
	{name: "messageBindings", value: componentMap(bindingsValue)},
}}
