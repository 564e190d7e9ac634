package spec

import "testing"

func TestUnusedComponents(t *testing.T) {
	runCases(t, []lintCase{
		{
			name: "unreferenced components of every kind are reported, used ones are not",
			files: doc("2.6.0",
				"servers:",
				"  prod: {url: example.com, protocol: mqtt, security: [{key: []}]}",
				"channels:",
				"  c:",
				"    subscribe:",
				"      message: {$ref: '#/components/messages/Used'}",
				"components:",
				"  schemas:",
				"    Used: {type: object, properties: {child: {$ref: '#/components/schemas/Child'}}}",
				"    Child: {type: string}",
				"    Lonely: {type: strin}",
				"    Whole: {type: object, properties: {h: {type: object}}}",
				"  messages:",
				"    Used: {payload: {$ref: '#/components/schemas/Used'}}",
				"    Spare: {payload: {$ref: 'other.yaml#/Frag'}}",
				"  securitySchemes:",
				"    key: {type: httpApiKey, name: k, in: header}",
				"    unusedKey: {type: httpApiKey, name: k, in: header}",
				"  parameters:",
				"    id: {schema: {type: string}}",
				"  messageTraits:",
				"    Inner: {headers: {$ref: '#/components/schemas/Whole/properties/h'}}",
			),
			want: []string{
				"doc.yaml:15:5 spec/unused-component",
				"doc.yaml:19:5 spec/unused-component",
				"doc.yaml:22:5 spec/unused-component",
				"doc.yaml:24:5 spec/unused-component",
				"doc.yaml:26:5 spec/unused-component",
			},
			says: []string{
				`schema "Lonely" in components is not used: no $ref points to it`,
				`message "Spare" in components is not used`,
				`security scheme "unusedKey" in components is not used: no security requirement names it`,
				`parameter "id" in components is not used`,
				`message trait "Inner" in components is not used`,
			},
		},
		{
			name: "a $ref to a whole components map uses every entry; fragments' components count",
			files: map[string]string{
				"doc.yaml": y(
					"asyncapi: 2.6.0",
					"info: {title: t, version: '1'}",
					"channels:",
					"  c:",
					"    subscribe:",
					"      message: {$ref: 'domains/a.yaml#/components/messages/A'}",
					"x-catalog: {$ref: '#/components/schemas'}",
					"components:",
					"  schemas:",
					"    X: {type: string}",
				),
				"domains/a.yaml": y(
					"components:",
					"  messages:",
					"    A: {payload: {$ref: '#/components/schemas/A'}}",
					"  schemas:",
					"    A: {type: object}",
					"    Old: {type: object}",
				),
			},
			want: []string{"domains/a.yaml:6:5 spec/unused-component"},
			says: []string{`schema "Old" in components is not used`},
		},
	})
}
