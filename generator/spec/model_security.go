package spec

import "github.com/asyncgen/asyncgen/generator/source"

// The Security Scheme Object is a union chosen by its "type" field; each
// type has its own closed set of fields (as in the parser's JSON Schema).

// securitySchemeObject dispatches on "type" to one of the variants below.
var securitySchemeObject = &objectType{name: "Security Scheme", variants: map[string]variant{
	"userPassword":         {obj: plainScheme("userPassword")},
	"apiKey":               {obj: apiKeyScheme},
	"X509":                 {obj: plainScheme("X509")},
	"symmetricEncryption":  {obj: plainScheme("symmetricEncryption")},
	"asymmetricEncryption": {obj: plainScheme("asymmetricEncryption")},
	"http":                 {obj: httpScheme},
	"httpApiKey":           {obj: httpAPIKeyScheme},
	"oauth2":               {obj: oauth2Scheme},
	"openIdConnect":        {obj: openIDConnectScheme},
	// The SASL mechanisms arrived in 2.1.
	"plain":       {obj: plainScheme("plain"), since: 1},
	"scramSha256": {obj: plainScheme("scramSha256"), since: 1},
	"scramSha512": {obj: plainScheme("scramSha512"), since: 1},
	"gssapi":      {obj: plainScheme("gssapi"), since: 1},
}}

// schemeName is the display name of a security scheme variant.
func schemeName(typ string) string { return "Security Scheme (type " + typ + ")" }

// plainScheme is a scheme type that carries only a description.
func plainScheme(typ string) *objectType {
	return &objectType{name: schemeName(typ), fields: []fieldSpec{
		{name: "type", value: stringValue, required: true},
		{name: "description", value: stringValue},
	}}
}

var apiKeyScheme = &objectType{name: schemeName("apiKey"), fields: []fieldSpec{
	{name: "type", value: stringValue, required: true},
	{name: "description", value: stringValue},
	{name: "in", value: &valueSpec{kind: kindString, enum: []string{"user", "password"}}, required: true},
}}

var httpScheme = &objectType{name: schemeName("http"), check: checkHTTPScheme, fields: []fieldSpec{
	{name: "type", value: stringValue, required: true},
	{name: "description", value: stringValue},
	{name: "scheme", value: stringValue, required: true},
	{name: "bearerFormat", value: stringValue},
}}

var httpAPIKeyScheme = &objectType{name: schemeName("httpApiKey"), fields: []fieldSpec{
	{name: "type", value: stringValue, required: true},
	{name: "description", value: stringValue},
	{name: "name", value: stringValue, required: true},
	{name: "in", value: &valueSpec{kind: kindString, enum: []string{"header", "query", "cookie"}}, required: true},
}}

// oauth2Scheme is open: the parser's JSON Schema does not close the oauth2
// variant, so unknown fields there are not errors.
var oauth2Scheme = &objectType{name: schemeName("oauth2"), open: true, fields: []fieldSpec{
	{name: "type", value: stringValue, required: true},
	{name: "description", value: stringValue},
	{name: "flows", value: object(oauthFlowsObject), required: true},
}}

var openIDConnectScheme = &objectType{name: schemeName("openIdConnect"), fields: []fieldSpec{
	{name: "type", value: stringValue, required: true},
	{name: "description", value: stringValue},
	{name: "openIdConnectUrl", value: uriValue, required: true},
}}

var oauthFlowsObject = &objectType{name: "OAuth Flows", fields: []fieldSpec{
	{name: "implicit", value: object(oauthFlow("implicit", "tokenUrl", "authorizationUrl"))},
	{name: "password", value: object(oauthFlow("password", "authorizationUrl", "tokenUrl"))},
	{name: "clientCredentials", value: object(oauthFlow("clientCredentials", "authorizationUrl", "tokenUrl"))},
	{name: "authorizationCode", value: object(oauthFlow("authorizationCode", "", "authorizationUrl", "tokenUrl"))},
}}

// oauthFlow is the OAuth Flow Object of one flow kind: which URLs it
// requires and which one it must not have.
func oauthFlow(kind, forbidden string, required ...string) *objectType {
	obj := &objectType{name: "OAuth Flow (" + kind + ")"}
	if forbidden != "" {
		obj.forbidden = map[string]string{forbidden: "the " + kind + " flow does not use " + forbidden}
	}
	isRequired := func(name string) bool {
		for _, r := range required {
			if r == name {
				return true
			}
		}
		return name == "scopes"
	}
	for _, name := range []string{"authorizationUrl", "tokenUrl", "refreshUrl"} {
		if name == forbidden {
			continue
		}
		obj.fields = append(obj.fields, fieldSpec{name: name, value: uriValue, required: isRequired(name)})
	}
	obj.fields = append(obj.fields, fieldSpec{name: "scopes", value: mapOf(stringValue), required: true})
	return obj
}

// checkHTTPScheme: bearerFormat only makes sense (and is only accepted by
// the JSON Schema) with the bearer scheme.
func checkHTTPScheme(w *walker, t Target, path string) {
	f := t.Node.Field("bearerFormat")
	if f == nil {
		return
	}
	if s, _ := t.Node.Get("scheme").StringValue(); s != "bearer" {
		w.report(f.KeyPos, RuleUnknownField, "bearerFormat applies only to the \"bearer\" HTTP scheme; remove it or set scheme: bearer")
	}
}

// oauthScopes returns every scope an oauth2 scheme declares across its flows.
func oauthScopes(scheme *source.Node) map[string]bool {
	out := map[string]bool{}
	flows := scheme.Get("flows")
	if flows == nil || flows.Kind != source.Object {
		return out
	}
	for _, f := range flows.Fields {
		scopes := f.Value.Get("scopes")
		if scopes == nil || scopes.Kind != source.Object {
			continue
		}
		for _, s := range scopes.Fields {
			out[s.Key] = true
		}
	}
	return out
}
