package gogen

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// genSchema emits everything one schema owns: its pattern, its generic
// checker when a generic value reaches it, and, when the typed layer
// reaches it, its Go type, decoder and typed validator.
func (g *gen) genSchema(f *jen.File, s *ir.Schema) {
	if !g.generic[s] && !g.typed[s] {
		return
	}
	if g.compiles(s.Pattern) {
		f.Var().Id(g.patternName(s)).Op("=").Qual("regexp", "MustCompile").Call(jen.Lit(g.set.RE2(s.Pattern)))
	}
	if g.generic[s] {
		g.genSchemaVars(f, s)
		for _, pp := range s.PatternProperties {
			if g.compiles(pp.Pattern) {
				f.Var().Id(g.ppVars[pp]).Op("=").Qual("regexp", "MustCompile").Call(jen.Lit(g.set.RE2(pp.Pattern)))
			}
		}
		f.Add(g.genCheck(s)).Line()
	}
	if !g.typed[s] || g.model.target(s) != s {
		return
	}
	sh := g.model.shape(s)
	switch sh.kind {
	case kStruct:
		f.Add(g.genStruct(s, sh)).Line()
	case kUnion:
		f.Add(g.genUnion(s, sh)).Line()
	case kEnum:
		f.Add(g.genEnum(s)).Line()
	case kSlice, kMap:
		if g.named(s) {
			f.Add(g.typeDoc(s, g.typeName(s))).Type().Id(g.typeName(s)).Add(g.unnamedType(s, sh)).Line()
		}
	default:
		return
	}
	if sh.kind != kEnum && g.leafSliceFunc(s) == nil {
		f.Add(g.genConvert(s))
	}
	if g.named(s) {
		f.Add(g.genUnmarshal(s)).Line()
		f.Add(g.genValidateMethods(s, sh)).Line()
	} else if (sh.kind == kSlice || sh.kind == kMap) && g.hasTypedChecks(s) {
		f.Add(g.genValidateFunc(s, sh)).Line()
	}
}

func (g *gen) unnamedType(s *ir.Schema, sh *shape) *jen.Statement {
	if sh.kind == kSlice {
		return jen.Index().Add(g.elemType(sh.elem))
	}
	return jen.Map(jen.String()).Add(g.elemType(sh.elem))
}

// typeDoc is docComment, led by the event's description when the type is
// an event's own payload.
func (g *gen) typeDoc(s *ir.Schema, name string) *jen.Statement {
	ev := g.eventOf[s]
	if ev == nil {
		return docComment(s, name)
	}
	lines := []string{eventDoc(ev, name)}
	if d := strings.TrimSpace(s.Description); d != "" {
		lines = append(lines, "", d)
	}
	if s.Deprecated {
		lines = append(lines, "", "Deprecated: the contract marks this schema deprecated.")
	}
	return goComment(strings.Join(lines, "\n"))
}

// docComment renders description (and deprecated) as a Go doc comment.
func docComment(s *ir.Schema, name string) *jen.Statement {
	var lines []string
	if d := strings.TrimSpace(s.Description); d != "" {
		lines = append(lines, name+": "+d)
	} else if s.Title != "" {
		lines = append(lines, name+": "+strings.TrimSpace(s.Title)+".")
	}
	if s.Deprecated {
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, "Deprecated: the contract marks this schema deprecated.")
	}
	return goComment(strings.Join(lines, "\n"))
}

func fieldComment(p *ir.Property) jen.Code {
	d := strings.TrimSpace(p.Schema.Description)
	var lines []string
	if d != "" {
		lines = append(lines, d)
	}
	if p.Schema.Deprecated {
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, "Deprecated: the contract marks this field deprecated.")
	}
	return goComment(strings.Join(lines, "\n"))
}

// genStruct emits a struct, allOf members flattened into it:
//
//	type X struct {
//		Name  string  `json:"name"`
//		Note  *string `json:"note,omitempty"`
//		Items []Item  `json:"items,omitzero"`
//	}
//
// A const property has no field; MarshalJSON writes it (genConstMarshal).
func (g *gen) genStruct(s *ir.Schema, sh *shape) jen.Code {
	var fields []jen.Code
	for _, f := range sh.fields {
		if !f.constant {
			fields = append(fields, jen.Add(fieldComment(f.prop)).Add(g.genField(f)))
		}
	}
	out := g.typeDoc(s, g.typeName(s)).Type().Id(g.typeName(s)).Struct(fields...)
	if m := g.genConstMarshal(s, sh); m != nil {
		out.Line().Line().Add(m)
	}
	return out
}

// genConstMarshal emits MarshalJSON for a struct with const properties,
// which have no field: their values are written first, then the fields.
//
//	func (x X) MarshalJSON() ([]byte, error) {
//		type plain X
//		return json.Marshal(struct {
//			C1 json.RawMessage `json:"event_type"`
//			plain
//		}{json.RawMessage("\"user.registered\""), plain(x)})
//	}
func (g *gen) genConstMarshal(s *ir.Schema, sh *shape) jen.Code {
	var fields, values []jen.Code
	for _, f := range sh.fields {
		if !f.constant {
			continue
		}
		b, err := json.Marshal(f.prop.Schema.Const)
		if err != nil {
			continue // a scalar always marshals
		}
		fields = append(fields, jen.Id(fmt.Sprintf("C%d", len(fields)+1)).Qual(jsonPkg, "RawMessage").Tag(map[string]string{"json": f.prop.Name}))
		values = append(values, jen.Qual(jsonPkg, "RawMessage").Call(jen.Lit(string(b))))
	}
	if len(fields) == 0 {
		return nil
	}
	name := g.typeName(s)
	consts := make([]string, 0, len(fields))
	for _, f := range sh.fields {
		if f.constant {
			consts = append(consts, f.prop.Name)
		}
	}
	return goComment("MarshalJSON writes the const properties ("+strings.Join(consts, ", ")+") first: the\ncontract fixes their values, so x has no field for them.").
		Func().Params(jen.Id("x").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Type().Id("plain").Id(name),
		jen.Return(jen.Qual(jsonPkg, "Marshal").Call(jen.Struct(append(fields, jen.Id("plain"))...).Values(append(values, jen.Id("plain").Call(jen.Id("x")))...))),
	)
}

// genField emits one struct field with its JSON tag: `,omitempty` on
// optional pointers, `,omitzero` on optional slices, maps and values that
// are nil when absent; required fields always marshal.
func (g *gen) genField(f *field) jen.Code {
	sh := g.model.shape(f.prop.Schema)
	typ := g.goType(f.prop.Schema)
	tag := f.prop.Name
	switch {
	case g.fieldPointer(f):
		typ = jen.Op("*").Add(typ)
		if !f.required {
			tag += ",omitempty"
		}
	case nilable(sh.kind) && !f.required:
		tag += ",omitzero"
	}
	return jen.Id(f.name).Add(typ).Tag(map[string]string{"json": tag})
}

// genEnum emits a named string type and one constant per value:
//
//	type Role string
//	const ( RoleOwner Role = "owner"; … )
func (g *gen) genEnum(s *ir.Schema) jen.Code {
	name := g.typeName(s)
	var consts []jen.Code
	for i, v := range s.Enum {
		str, ok := v.(string)
		if !ok {
			continue
		}
		consts = append(consts, jen.Id(g.names.enumConst[s][i]).Id(name).Op("=").Lit(str))
	}
	out := g.typeDoc(s, name).Type().Id(name).String().Line()
	if len(consts) > 0 {
		out.Line().Add(goComment("Values of " + name + ".")).Const().Defs(consts...).Line()
	}
	var cases []jen.Code
	for i, v := range s.Enum {
		if _, ok := v.(string); ok {
			cases = append(cases, jen.Id(g.names.enumConst[s][i]))
		}
	}
	values := g.names.enumValues[s]
	out.Line().Add(goComment(values + " lists every value of " + name + ", in contract order.")).
		Var().Id(values).Op("=").Index().Id(name).Values(cases...).Line()
	valid := jen.Return(jen.False())
	if len(cases) > 0 {
		valid = jen.Switch(jen.Id("x")).Block(jen.Case(cases...).Block(jen.Return(jen.True())), jen.Default().Block(jen.Return(jen.False())))
	}
	out.Line().Add(goComment("Valid reports whether x is one of the values.")).
		Func().Params(jen.Id("x").Id(name)).Id("Valid").Params().Bool().Block(valid)
	return out
}

// genUnion emits a oneOf/anyOf union with one pointer per branch and its
// own MarshalJSON (the set branch):
//
//	type X struct { Email *XEmail; SMS *XSMS }
func (g *gen) genUnion(s *ir.Schema, sh *shape) jen.Code {
	name := g.typeName(s)
	var fields []jen.Code
	for i, b := range sh.branches {
		fields = append(fields, jen.Id(s.GoBranches[i]).Op("*").Add(g.goType(b)))
	}
	kw := "oneOf: exactly one branch is set"
	if !sh.oneOf {
		kw = "anyOf: the first matching branch is set"
	}
	how := "tries the branches in order"
	if sh.dispatch != "" {
		how = "dispatches on the " + oneLine(sh.dispatch) + " property"
	}
	var lines []string
	if ev := g.eventOf[s]; ev != nil {
		lines = append(lines, eventDoc(ev, name), "")
	}
	if d := strings.TrimSpace(s.Description); d != "" {
		lines = append(lines, name+": "+d, "")
	}
	lines = append(lines, name+" is a union ("+kw+"); decoding "+how+".")
	if s.Deprecated {
		lines = append(lines, "", "Deprecated: the contract marks this schema deprecated.")
	}
	out := goComment(strings.Join(lines, "\n")).Type().Id(name).Struct(fields...).Line().Line()
	var cases []jen.Code
	for i := range sh.branches {
		cases = append(cases, jen.If(jen.Id("x").Dot(s.GoBranches[i]).Op("!=").Nil()).Block(jen.Return(jen.Qual(jsonPkg, "Marshal").Call(jen.Id("x").Dot(s.GoBranches[i])))))
	}
	cases = append(cases, jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil()))
	out.Add(goComment("MarshalJSON encodes the branch that is set.")).
		Func().Params(jen.Id("x").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(cases...)
	return out
}

// genUnmarshal emits the decoder of a named type: JSON Schema checks on the
// generic value first, then the conversion:
//
//	func (x *X) UnmarshalJSON(data []byte) error { v, err := rtDecode(data); …; checkX(v, nil, &errs); *x = convertX(v, nil, &errs) }
func (g *gen) genUnmarshal(s *ir.Schema) jen.Code {
	name := g.typeName(s)
	return goComment("UnmarshalJSON decodes with JSON Schema semantics: every violation is an error.").
		Func().Params(jen.Id("x").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("rtUnmarshal").Call(jen.Id("data"), jen.Id("x"), g.asFunc(s))))
}

// decodeBody decodes data as s: the decoder applies the structural checks,
// then (when it found nothing) the typed validator the others.
func (g *gen) decodeBody(s *ir.Schema, store func(conv jen.Code) jen.Code, validate []jen.Code) []jen.Code {
	out := []jen.Code{
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("rtDecode").Call(jen.Id("data")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Var().Id("list").Index().Error(),
		jen.Id("errs").Op(":=").Op("&").Id("list"),
	}
	var conv []jen.Code
	if s == nil || g.model.shape(s).kind == kAny {
		if len(validate) == 0 {
			return []jen.Code{out[0], out[1], store(jen.Id("v")), jen.Return(jen.Nil())}
		}
		conv = append(conv, store(jen.Id("v"))) // the validator runs its checker
	} else {
		conv = append(conv, store(g.asFunc(s).Call(jen.Id("v"), jen.Nil(), jen.Id("errs"))))
	}
	out = append(out, conv...)
	if len(validate) > 0 {
		out = append(out, jen.If(jen.Len(jen.Id("list")).Op("==").Lit(0)).Block(validate...))
	}
	return append(out, jen.Return(jen.Id("rtJoin").Call(jen.Id("list"))))
}

// genValidateMethods emits Validate and the internal validate of a named type.
func (g *gen) genValidateMethods(s *ir.Schema, sh *shape) jen.Code {
	name := g.typeName(s)
	recv := jen.Id("x").Id(name)
	out := goComment("Validate reports every violation of the contract, each with its JSON pointer.").
		Func().Params(recv).Id("Validate").Params().Error().Block(
		jen.Var().Id("errs").Index().Error(),
		jen.Id("x").Dot("validate").Call(jen.Nil(), jen.Op("&").Id("errs")),
		jen.Return(jen.Id("rtJoin").Call(jen.Id("errs"))),
	).Line().Line()
	var body []jen.Code
	switch sh.kind {
	case kStruct:
		body = g.structChecks(sh)
	case kUnion:
		body = g.unionChecks(s, sh)
	case kEnum:
		body = g.leafChecks(s, jen.Parens(jen.Op("*").Id("x")), jen.Id("p"), "", false)
	case kSlice, kMap:
		body = g.collectionChecks(s, sh, jen.Parens(jen.Op("*").Id("x")))
	}
	return out.Func().Params(jen.Id("x").Op("*").Id(name)).Id("validate").Params(jen.Id("p").Op("*").Id("rtPath"), jen.Id("errs").Op("*").Index().Error()).Block(body...)
}

// genValidateFunc emits the typed validator of an unnamed slice or map:
//
//	func validateX(v []T, p *rtPath, errs *[]error) { … }
func (g *gen) genValidateFunc(s *ir.Schema, sh *shape) jen.Code {
	return jen.Func().Id(g.validName(s)).Params(jen.Id("v").Add(g.goType(s)), jen.Id("p").Op("*").Id("rtPath"), jen.Id("errs").Op("*").Index().Error()).Block(
		g.collectionChecks(s, sh, jen.Id("v"))...)
}

func (g *gen) collectionChecks(s *ir.Schema, sh *shape, v *jen.Statement) []jen.Code {
	var out []jen.Code
	p := jen.Id("p")
	if sh.kind == kSlice {
		if s.MinItems != nil {
			out = append(out, jen.If(jen.Len(v.Clone()).Op("<").Lit(int(*s.MinItems))).Block(fail(p, "must have at least "+itoa(*s.MinItems)+" items")))
		}
		if s.MaxItems != nil {
			out = append(out, jen.If(jen.Len(v.Clone()).Op(">").Lit(int(*s.MaxItems))).Block(fail(p, "must have at most "+itoa(*s.MaxItems)+" items")))
		}
		if s.UniqueItems {
			out = append(out, jen.If(jen.Op("!").Id("rtUniqueComparable").Call(v.Clone())).Block(fail(p, "items must be unique")))
		}
		if g.elemChecks(sh.elem) {
			out = append(out, jen.For(jen.Id("i").Op(":=").Range().Add(v.Clone())).Block(
				append([]jen.Code{jen.Id("ip").Op(":=").Id("rtIndex").Call(p, jen.Id("i"))}, g.elemValueChecks(sh.elem, v.Clone().Index(jen.Id("i")), jen.Op("&").Id("ip"))...)...))
		}
		return out
	}
	if s.MinProperties != nil {
		out = append(out, jen.If(jen.Len(v.Clone()).Op("<").Lit(int(*s.MinProperties))).Block(fail(p, "must have at least "+itoa(*s.MinProperties)+" properties")))
	}
	if s.MaxProperties != nil {
		out = append(out, jen.If(jen.Len(v.Clone()).Op(">").Lit(int(*s.MaxProperties))).Block(fail(p, "must have at most "+itoa(*s.MaxProperties)+" properties")))
	}
	for _, r := range s.Required {
		out = append(out, jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(v.Clone()).Index(jen.Lit(r)), jen.Op("!").Id("ok")).Block(
			jen.Id("rtFailAt").Call(jen.Id("errs"), p, jen.Lit(r), jen.Lit("is required"))))
	}
	if g.elemChecks(sh.elem) {
		out = append(out, jen.For(jen.List(jen.Id("k"), jen.Id("e")).Op(":=").Range().Add(v.Clone())).Block(
			append([]jen.Code{jen.Id("kp").Op(":=").Id("rtKey").Call(p, jen.Id("k"))}, g.elemValueChecks(sh.elem, jen.Id("e"), jen.Op("&").Id("kp"))...)...))
	}
	return out
}

// elemValueChecks checks one item or map value at its own path, minding null.
func (g *gen) elemValueChecks(s *ir.Schema, e *jen.Statement, path jen.Code) []jen.Code {
	s = g.model.target(s)
	sh := g.model.shape(s)
	switch {
	case sh.kind == kAny:
		return g.valueChecks(s, e, path, "", "")
	case nilable(sh.kind):
		checks := g.valueChecks(s, e, path, "", "")
		if sh.nullOK {
			if len(checks) == 0 {
				return nil
			}
			return []jen.Code{jen.If(e.Clone().Op("!=").Nil()).Block(checks...)}
		}
		return []jen.Code{jen.If(e.Clone().Op("==").Nil()).Block(fail(path, "must not be null")).Else().Block(checks...)}
	case sh.nullOK && leaf(sh.kind):
		return g.leafChecks(s, e, path, "", true)
	case sh.nullOK:
		checks := g.valueChecks(s, e, path, "", "")
		if len(checks) == 0 {
			return nil
		}
		return []jen.Code{jen.If(e.Clone().Op("!=").Nil()).Block(checks...)}
	}
	return g.valueChecks(s, e, path, "", "")
}

// structChecks validates every field and the additionalProperties: false
// of each flattened member.
func (g *gen) structChecks(sh *shape) []jen.Code { return g.fieldChecks(sh, nil) }

// fieldChecks validates the fields only lists (every field when nil) and,
// for every field, the additionalProperties: false of each member.
func (g *gen) fieldChecks(sh *shape, only map[*field]bool) []jen.Code {
	var out []jen.Code
	p := jen.Id("p")
	for i, f := range sh.fields {
		if f.constant || only != nil && !only[f] {
			continue // a const is checked while decoding; MarshalJSON writes it
		}
		fs := g.model.target(f.prop.Schema)
		fsh := g.model.shape(fs)
		e := jen.Id("x").Dot(f.name)
		pv := fmt.Sprintf("f%d", i)
		key := f.prop.Name
		switch {
		case g.fieldPointer(f) && leaf(fsh.kind):
			out = append(out, g.leafChecks(fs, e, p, key, true)...)
		case g.fieldPointer(f):
			checks := g.valueChecks(fs, e, p, key, pv)
			missing := f.required && !fsh.nullOK
			if len(checks) == 0 && !missing {
				continue
			}
			stmt := jen.If(e.Clone().Op("!=").Nil()).Block(checks...)
			if missing {
				stmt = stmt.Else().Block(jen.Id("rtFailAt").Call(jen.Id("errs"), p, jen.Lit(key), jen.Lit("is required")))
			}
			out = append(out, stmt)
		case fsh.kind == kAny:
			checks := g.valueChecks(fs, e, p, key, pv)
			if len(checks) == 0 {
				continue
			}
			if f.required {
				out = append(out, checks...)
			} else {
				out = append(out, jen.If(e.Clone().Op("!=").Nil()).Block(checks...))
			}
		case nilable(fsh.kind):
			checks := g.valueChecks(fs, e, p, key, pv)
			missing := f.required && !fsh.nullOK
			if len(checks) == 0 && !missing {
				continue
			}
			stmt := jen.If(e.Clone().Op("!=").Nil()).Block(checks...)
			if missing {
				stmt = stmt.Else().Block(jen.Id("rtFailAt").Call(jen.Id("errs"), p, jen.Lit(key), jen.Lit("is required")))
			}
			out = append(out, stmt)
		default:
			out = append(out, g.valueChecks(fs, e, p, key, pv)...)
		}
	}
	for _, closed := range sh.closed {
		for _, f := range sh.fields {
			if closed[f.prop.Name] || f.constant || only != nil && !only[f] {
				continue
			}
			fsh := g.model.shape(f.prop.Schema)
			notAllowed := jen.Id("rtFailAt").Call(jen.Id("errs"), p, jen.Lit(f.prop.Name), jen.Lit("is not allowed (additionalProperties)"))
			if g.fieldPointer(f) || nilable(fsh.kind) {
				out = append(out, jen.If(jen.Id("x").Dot(f.name).Op("!=").Nil()).Block(notAllowed))
			} else {
				out = append(out, notAllowed)
			}
		}
	}
	return out
}

// unionChecks: oneOf needs exactly one branch set, anyOf at least one.
func (g *gen) unionChecks(s *ir.Schema, sh *shape) []jen.Code {
	out := []jen.Code{jen.Id("n").Op(":=").Lit(0)}
	for i := range sh.branches {
		b := jen.Id("x").Dot(s.GoBranches[i])
		out = append(out, jen.If(b.Clone().Op("!=").Nil()).Block(jen.Id("n").Op("++"), b.Clone().Dot("validate").Call(jen.Id("p"), jen.Id("errs"))))
	}
	if sh.oneOf {
		out = append(out, jen.If(jen.Id("n").Op("!=").Lit(1)).Block(fail(jen.Id("p"), "exactly one branch of oneOf must be set")))
	} else {
		out = append(out, jen.If(jen.Id("n").Op("==").Lit(0)).Block(fail(jen.Id("p"), "at least one branch of anyOf must be set")))
	}
	return out
}

func itoa(i int64) string { return jsonText(i) }
