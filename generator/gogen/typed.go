package gogen

import (
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/asyncgen/asyncgen/generator/ir"
)

func (g *gen) typeName(s *ir.Schema) string    { return g.names.schema[g.model.target(s)] }
func (g *gen) convertName(s *ir.Schema) string { return "convert" + g.typeName(s) }
func (g *gen) validName(s *ir.Schema) string   { return "validate" + g.typeName(s) }

// goType is the Go type of a value of s (never a pointer).
func (g *gen) goType(s *ir.Schema) *jen.Statement {
	s = g.model.target(s)
	if s == nil {
		return jen.Any()
	}
	if g.named(s) {
		return jen.Id(g.typeName(s))
	}
	sh := g.model.shape(s)
	switch sh.kind {
	case kRaw:
		return jen.Qual(jsonPkg, "RawMessage")
	case kString:
		return jen.String()
	case kTime:
		return jen.Qual("time", "Time")
	case kInt:
		return jen.Int64()
	case kInt32:
		return jen.Int32()
	case kFloat:
		return jen.Float64()
	case kFloat32:
		return jen.Float32()
	case kBool:
		return jen.Bool()
	case kSlice:
		return jen.Index().Add(g.elemType(sh.elem))
	case kMap:
		return jen.Map(jen.String()).Add(g.elemType(sh.elem))
	}
	return jen.Any()
}

// nilable kinds represent null (or absence) without a pointer.
func nilable(k kind) bool {
	switch k {
	case kAny, kRaw, kSlice, kMap:
		return true
	}
	return false
}

// leaf kinds convert and validate through runtime helpers.
func leaf(k kind) bool {
	switch k {
	case kString, kEnum, kTime, kInt, kInt32, kFloat, kFloat32, kBool:
		return true
	}
	return false
}

// elemPointer: an array item or map value is a pointer when null is a
// valid item of a value kind.
func (g *gen) elemPointer(s *ir.Schema) bool {
	s = g.model.target(s)
	if s == nil {
		return false
	}
	sh := g.model.shape(s)
	return sh.nullOK && !nilable(sh.kind)
}

func (g *gen) elemType(s *ir.Schema) *jen.Statement {
	if g.elemPointer(s) {
		return jen.Op("*").Add(g.goType(s))
	}
	return g.goType(s)
}

// fieldPointer reports whether a struct field is a pointer: optional or
// nullable values, and recursive structs.
func (g *gen) fieldPointer(f *field) bool {
	s := g.model.target(f.prop.Schema)
	sh := g.model.shape(s)
	if nilable(sh.kind) {
		return false
	}
	return !f.required || sh.nullOK || g.model.recursive[s] && (sh.kind == kStruct || sh.kind == kUnion)
}

// asFunc names the runtime conversion of a leaf value (rtAsString …).
func (g *gen) asFunc(s *ir.Schema) *jen.Statement {
	s = g.model.target(s)
	switch g.model.shape(s).kind {
	case kString:
		return jen.Id("rtAsString")
	case kEnum:
		return jen.Id("rtAsEnum").Index(jen.Id(g.typeName(s)))
	case kTime:
		return jen.Id("rtAsTime")
	case kInt:
		return jen.Id("rtAsInt64")
	case kInt32:
		return jen.Id("rtAsInt32")
	case kFloat:
		return jen.Id("rtAsFloat64")
	case kFloat32:
		return jen.Id("rtAsFloat32")
	case kBool:
		return jen.Id("rtAsBool")
	case kRaw:
		return jen.Id("rtAsRaw")
	case kSlice:
		if f := g.leafSliceFunc(s); f != nil {
			return f
		}
	}
	return jen.Id(g.convertName(s))
}

// leafSliceFunc names the runtime decoder of an unnamed slice of
// non-null leaves (rtStrSlice …), or nil.
func (g *gen) leafSliceFunc(s *ir.Schema) *jen.Statement {
	sh := g.model.shape(s)
	if sh.kind != kSlice || g.named(s) || sh.elem == nil || g.elemPointer(sh.elem) {
		return nil
	}
	e := g.model.target(sh.elem)
	switch g.model.shape(e).kind {
	case kString:
		return jen.Id("rtStrSlice")
	case kEnum:
		return jen.Id("rtEnumSlice").Index(jen.Id(g.typeName(e)))
	case kInt:
		return jen.Id("rtI64Slice")
	case kFloat:
		return jen.Id("rtF64Slice")
	case kBool:
		return jen.Id("rtBoolSlice")
	}
	return nil
}

// fieldFunc names the runtime field helper of a leaf (rtStr, rtStrPtr …).
func (g *gen) fieldFunc(s *ir.Schema, ptr bool) *jen.Statement {
	s = g.model.target(s)
	base := map[kind]string{kString: "rtStr", kEnum: "rtEnum", kTime: "rtTime", kInt: "rtI64", kInt32: "rtI32", kFloat: "rtF64", kFloat32: "rtF32", kBool: "rtBool"}
	k := g.model.shape(s).kind
	name := base[k]
	switch {
	case ptr:
		name += "Ptr"
	case k == kEnum || k == kTime || k == kBool:
		name += "Field"
	}
	if k == kEnum {
		return jen.Id(name).Index(jen.Id(g.typeName(s)))
	}
	return jen.Id(name)
}

// convInto stores the conversion of v (at path at) into dst; a pointer
// destination takes the address of a local copy.
func (g *gen) convInto(s *ir.Schema, dst *jen.Statement, ptr bool, v, at jen.Code) []jen.Code {
	s = g.model.target(s)
	if s == nil {
		return []jen.Code{dst.Op("=").Add(v)}
	}
	sh := g.model.shape(s)
	if sh.kind == kAny {
		var out []jen.Code
		if g.hasGenericChecks(s) {
			out = append(out, jen.Id(g.checkName(s)).Call(v, at, jen.Id("errs")))
		}
		return append(out, dst.Op("=").Add(v))
	}
	conv := g.asFunc(s).Call(v, at, jen.Id("errs"))
	if ptr {
		return []jen.Code{jen.Id("c").Op(":=").Add(conv), dst.Op("=").Op("&").Id("c")}
	}
	return []jen.Code{dst.Op("=").Add(conv)}
}

// convNeedsPath reports whether converting s uses its path.
func (g *gen) convNeedsPath(s *ir.Schema) bool {
	s = g.model.target(s)
	return s != nil && (g.model.shape(s).kind != kAny || g.hasGenericChecks(s))
}

// hasGenericChecks reports whether the checker of s can fail.
func (g *gen) hasGenericChecks(s *ir.Schema) bool {
	if s.Bool != nil {
		return !*s.Bool
	}
	for _, kw := range s.Keywords {
		if !annotations[kw.Name] && !strings.HasPrefix(kw.Name, "x-") {
			return true
		}
	}
	return false
}

// genConvert emits the decoder of a composite schema, applying JSON
// Schema's structural checks while it builds the Go value:
//
//	func convertX(v any, p *rtPath, errs *[]error) X {
//		var x X
//		m, ok := rtObject(v, p, errs)
//		…
//		rtRequire(m, p, errs, "id", "name")
//		rtOnly(m, p, errs, "id", "name", "note")
//		x.ID = rtStr(m, "id", p, errs)
//		return x
//	}
func (g *gen) genConvert(s *ir.Schema) jen.Code {
	sh := g.model.shape(s)
	p := jen.Id("p")
	errs := jen.Id("errs")
	var body []jen.Code
	switch sh.kind {
	case kStruct:
		body = append(body, jen.Id("m").Op(":=").Id("rtObjectOrNil").Call(jen.Id("v"), p, errs))
		var req []jen.Code
		for _, f := range sh.fields {
			if f.required {
				req = append(req, jen.Lit(f.prop.Name))
			}
		}
		if len(req) > 0 {
			body = append(body, jen.Id("rtRequire").Call(append([]jen.Code{jen.Id("m"), p, errs}, req...)...))
		}
		for _, closed := range sh.closedLists {
			args := []jen.Code{jen.Id("m"), p, errs}
			for _, n := range closed {
				args = append(args, jen.Lit(n))
			}
			body = append(body, jen.Id("rtOnly").Call(args...))
		}
		for _, f := range sh.fields {
			body = append(body, g.convField(f)...)
		}
		body = append(body, jen.Return(jen.Id("x")))
	case kUnion:
		body = append(body, jen.Var().Id("x").Add(g.goType(s)))
		if sh.dispatch != "" {
			var cases []jen.Code
			for i, b := range sh.branches {
				c, _ := constOf(b, sh.dispatch)
				cases = append(cases, jen.Case(jen.Lit(c)).Block(jen.Id("c").Op(":=").Add(g.asFunc(b).Call(jen.Id("v"), p, errs)), jen.Id("x").Dot(s.GoBranches[i]).Op("=").Op("&").Id("c")))
			}
			cases = append(cases, jen.Default().Block(fail(p, "must match exactly one schema of oneOf (by "+sh.dispatch+")")))
			body = append(body,
				jen.List(jen.Id("m"), jen.Id("ok")).Op(":=").Id("rtObject").Call(jen.Id("v"), p, errs),
				jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Id("x"))),
				jen.Switch(jen.Id("m").Index(jen.Lit(sh.dispatch))).Block(cases...))
		} else {
			// The first matching branch is kept; the tally tells a
			// mismatch from an undecided branch (see uncheckable.go).
			body = append(body, jen.Var().Id("t").Id("rtTally"))
			for i, b := range sh.branches {
				body = append(body, jen.If(jen.List(jen.Id("c"), jen.Id("ok")).Op(":=").Id("rtTry").Index(jen.Id(g.typeName(b))).Call(jen.Id("v"), p, jen.Id(g.convertName(b)), jen.Op("&").Id("t")), jen.Id("ok").Op("&&").Id("t").Dot("n").Op("==").Lit(1)).Block(
					jen.Id("x").Dot(s.GoBranches[i]).Op("=").Op("&").Id("c")))
			}
			if sh.oneOf {
				body = append(body, jen.Id("t").Dot("oneOf").Call(p, errs))
			} else {
				body = append(body, jen.Id("t").Dot("anyOf").Call(p, errs))
			}
		}
		body = append(body, jen.Return(jen.Id("x")))
	case kSlice:
		es := sh.elem
		ptr := g.elemPointer(es)
		loop := g.convInto(es, jen.Id("out").Index(jen.Id("i")), ptr, jen.Id("it"), jen.Op("&").Id("ip"))
		if g.convNeedsPath(es) {
			loop = append([]jen.Code{jen.Id("ip").Op(":=").Id("rtIndex").Call(p, jen.Id("i"))}, loop...)
		}
		if ptr {
			loop = []jen.Code{jen.If(jen.Id("it").Op("!=").Nil()).Block(loop...)}
		}
		body = append(body,
			jen.List(jen.Id("items"), jen.Id("ok")).Op(":=").Id("rtArray").Call(jen.Id("v"), p, errs),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Nil())),
			jen.Id("out").Op(":=").Make(g.goType(s), jen.Len(jen.Id("items"))),
			jen.For(jen.List(jen.Id("i"), jen.Id("it")).Op(":=").Range().Id("items")).Block(loop...),
			jen.Return(jen.Id("out")))
	case kMap:
		es := sh.elem
		ptr := g.elemPointer(es)
		loop := g.convInto(es, jen.Id("out").Index(jen.Id("k")), ptr, jen.Id("it"), jen.Op("&").Id("kp"))
		if g.convNeedsPath(es) {
			loop = append([]jen.Code{jen.Id("kp").Op(":=").Id("rtKey").Call(p, jen.Id("k"))}, loop...)
		}
		if ptr {
			loop = []jen.Code{jen.If(jen.Id("it").Op("!=").Nil()).Block(loop...).Else().Block(jen.Id("out").Index(jen.Id("k")).Op("=").Nil())}
		}
		body = append(body,
			jen.List(jen.Id("m"), jen.Id("ok")).Op(":=").Id("rtObject").Call(jen.Id("v"), p, errs),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Nil())))
		if len(s.Required) > 0 {
			args := []jen.Code{jen.Id("m"), p, errs}
			for _, r := range s.Required {
				args = append(args, jen.Lit(r))
			}
			body = append(body, jen.Id("rtRequire").Call(args...))
		}
		body = append(body,
			jen.Id("out").Op(":=").Make(g.goType(s), jen.Len(jen.Id("m"))),
			jen.For(jen.List(jen.Id("k"), jen.Id("it")).Op(":=").Range().Id("m")).Block(loop...),
			jen.Return(jen.Id("out")))
	default:
		return jen.Null()
	}
	result := g.goType(s)
	if sh.kind == kStruct {
		result = jen.Parens(jen.Id("x").Add(result))
	}
	return jen.Func().Id(g.convertName(s)).Params(jen.Id("v").Any(), jen.Id("p").Op("*").Id("rtPath"), jen.Id("errs").Op("*").Index().Error()).Add(result).Block(body...).Line()
}

// convField decodes one struct field: a helper call for leaves, else
//
//	if fv, ok := m["price"]; ok { fp := rtKey(p, "price"); x.Price = convertPrice(fv, &fp, errs) }
func (g *gen) convField(f *field) []jen.Code {
	if f.constant {
		// no field: only check the value (rtRequire checked presence)
		return []jen.Code{jen.Id("rtConstField").Call(jen.Id("m"), jen.Lit(f.prop.Name), scalarLit(f.prop.Schema.Const), jen.Id("p"), jen.Id("errs"), jen.Lit("must be "+jsonText(f.prop.Schema.Const)))}
	}
	fs := g.model.target(f.prop.Schema)
	sh := g.model.shape(fs)
	ptr := g.fieldPointer(f)
	dst := jen.Id("x").Dot(f.name)
	key := jen.Lit(f.prop.Name)
	if leaf(sh.kind) {
		args := []jen.Code{jen.Id("m"), key}
		if ptr {
			args = append(args, jen.Lit(sh.nullOK))
		}
		args = append(args, jen.Id("p"), jen.Id("errs"))
		return []jen.Code{dst.Op("=").Add(g.fieldFunc(fs, ptr).Call(args...))}
	}
	if sh.kind != kAny && (ptr || !sh.nullOK) {
		// rtSub / rtSubPtr: one line per composite field
		if ptr {
			return []jen.Code{dst.Op("=").Id("rtSubPtr").Call(jen.Id("m"), key, jen.Lit(sh.nullOK), jen.Id("p"), jen.Id("errs"), g.asFunc(fs))}
		}
		return []jen.Code{dst.Op("=").Id("rtSub").Call(jen.Id("m"), key, jen.Id("p"), jen.Id("errs"), g.asFunc(fs))}
	}
	cond := jen.Id("ok")
	if sh.nullOK {
		cond = jen.Id("ok").Op("&&").Id("fv").Op("!=").Nil()
	}
	if sh.kind == kAny && !g.hasGenericChecks(fs) {
		return []jen.Code{jen.If(jen.List(jen.Id("fv"), jen.Id("ok")).Op(":=").Id("m").Index(key), cond).Block(dst.Op("=").Id("fv"))}
	}
	body := append([]jen.Code{jen.Id("fp").Op(":=").Id("rtKey").Call(jen.Id("p"), key)},
		g.convInto(fs, dst, ptr, jen.Id("fv"), jen.Op("&").Id("fp"))...)
	return []jen.Code{jen.If(jen.List(jen.Id("fv"), jen.Id("ok")).Op(":=").Id("m").Index(key), cond).Block(body...)}
}

// leafChecks emits the typed checks of a leaf value e at p (and key):
//
//	rtCheckStr(x.Name, p, "name", errs, rtStrRule{min: 1, max: 120, hasMax: true})
//	rtCheck(x.Status.valid(), p, "status", errs, "must be one of [...]")
func (g *gen) leafChecks(s *ir.Schema, e *jen.Statement, p jen.Code, key string, ptr bool) []jen.Code {
	s = g.model.target(s)
	sh := g.model.shape(s)
	var out []jen.Code
	val := e
	if ptr {
		val = jen.Parens(jen.Op("*").Add(e.Clone()))
	}
	check := func(cond jen.Code, msg string) {
		if ptr {
			cond = e.Clone().Op("==").Nil().Op("||").Add(cond)
		}
		out = append(out, jen.Id("rtCheck").Call(cond, p, jen.Lit(key), jen.Id("errs"), jen.Lit(msg)))
	}
	helper := func(name string) *jen.Statement {
		if ptr {
			return jen.Id(name + "P")
		}
		return jen.Id(name)
	}
	switch sh.kind {
	case kString, kEnum:
		str := val.Clone()
		if sh.kind == kEnum {
			str = jen.String().Call(val.Clone())
		}
		if vals := nonNil(s.Enum); len(vals) > 0 {
			if sh.kind == kEnum {
				check(val.Clone().Dot("Valid").Call(), "must be one of "+jsonText(vals))
			} else {
				var conds []jen.Code
				for _, v := range vals {
					conds = append(conds, str.Clone().Op("==").Lit(v))
				}
				check(joinOp("||", conds), "must be one of "+jsonText(vals))
			}
		}
		if s.HasConst {
			check(str.Clone().Op("==").Lit(s.Const), "must be "+jsonText(s.Const))
		}
		var rule ruleFields
		if s.MinLength != nil && *s.MinLength > 0 {
			rule.add("min", intLit(*s.MinLength))
		}
		if s.MaxLength != nil {
			rule.add("max", intLit(*s.MaxLength))
			rule.add("hasMax", jen.True())
		}
		if g.compiles(s.Pattern) {
			rule.add("pattern", jen.Id(g.patternName(s)))
			if g.set.RE2(s.Pattern) != s.Pattern {
				rule.add("written", jen.Lit(s.Pattern))
			}
		} else if msg := g.uncheckableMsg(s.Pattern); msg != "" {
			report := failUncheckable(p, key, msg)
			if ptr {
				report = jen.If(e.Clone().Op("!=").Nil()).Block(report)
			}
			out = append(out, report)
		}
		if _, ok := formatFuncs[s.Format]; ok {
			rule.add("format", jen.Lit(s.Format))
		}
		if len(rule) > 0 {
			out = append(out, helper("rtCheckStr").Call(e.Clone(), p, jen.Lit(key), jen.Id("errs"), jen.Id("rtStrRule").Values(rule...)))
		}
	case kInt, kInt32:
		i := jen.Int64().Call(val.Clone())
		if sh.kind == kInt {
			i = val.Clone()
		}
		var rule ruleFields
		var lo, hi *int64
		never := false
		bound := func(text string, lower, exclusive bool) {
			if text == "" {
				return
			}
			b, ok, nv := intBound(text, lower, exclusive)
			switch {
			case nv:
				never = true
			case ok && lower && (lo == nil || b > *lo):
				lo = &b
			case ok && !lower && (hi == nil || b < *hi):
				hi = &b
			}
		}
		bound(s.Minimum, true, false)
		bound(s.ExclusiveMinimum, true, true)
		bound(s.Maximum, false, false)
		bound(s.ExclusiveMaximum, false, true)
		if never {
			check(jen.False(), "no int64 lies within the bounds")
		}
		if lo != nil {
			rule.add("min", intLit(*lo))
			rule.add("hasMin", jen.True())
		}
		if hi != nil {
			rule.add("max", intLit(*hi))
			rule.add("hasMax", jen.True())
		}
		if d := s.MultipleOf; d != "" {
			if r, ok := new(big.Rat).SetString(d); ok && r.IsInt() && r.Num().IsInt64() && r.Num().Int64() > 0 {
				rule.add("mult", intLit(r.Num().Int64()))
			} else {
				rule.add("multText", jen.Lit(d))
			}
		}
		if len(rule) > 0 {
			out = append(out, helper("rtCheckInt").Call(e.Clone(), p, jen.Lit(key), jen.Id("errs"), jen.Id("rtIntRule").Values(rule...)))
		}
		if s.HasConst {
			if c, ok := int64Of(s.Const); ok {
				check(i.Clone().Op("==").Lit(c), "must be "+jsonText(s.Const))
			} else {
				check(jen.False(), "must be "+jsonText(s.Const))
			}
		}
		if vals := nonNil(s.Enum); len(vals) > 0 {
			var conds []jen.Code
			for _, v := range vals {
				if c, ok := int64Of(v); ok {
					conds = append(conds, i.Clone().Op("==").Lit(c))
				}
			}
			if len(conds) == 0 {
				conds = []jen.Code{jen.False()}
			}
			check(joinOp("||", conds), "must be one of "+jsonText(vals))
		}
	case kFloat:
		var rule ruleFields
		bound := func(text, field, has string) {
			if text == "" {
				return
			}
			if _, err := strconv.ParseFloat(text, 64); err != nil {
				// beyond float64: a lower bound no float reaches, an upper bound every float meets
				if (field == "min" || field == "exMin") == !strings.HasPrefix(text, "-") {
					check(jen.False(), "must be within "+text)
				}
				return
			}
			rule.add(field, floatLit(text))
			rule.add(has, jen.True())
		}
		bound(s.Minimum, "min", "hasMin")
		bound(s.Maximum, "max", "hasMax")
		bound(s.ExclusiveMinimum, "exMin", "hasExMin")
		bound(s.ExclusiveMaximum, "exMax", "hasExMax")
		if s.MultipleOf != "" {
			rule.add("multText", jen.Lit(s.MultipleOf))
		}
		if len(rule) > 0 {
			out = append(out, helper("rtCheckFloat").Call(e.Clone(), p, jen.Lit(key), jen.Id("errs"), jen.Id("rtFloatRule").Values(rule...)))
		}
		if s.HasConst {
			check(val.Clone().Op("==").Add(floatLit(numText(s.Const))), "must be "+jsonText(s.Const))
		}
		if vals := nonNil(s.Enum); len(vals) > 0 {
			var conds []jen.Code
			for _, v := range vals {
				conds = append(conds, val.Clone().Op("==").Add(floatLit(numText(v))))
			}
			check(joinOp("||", conds), "must be one of "+jsonText(vals))
		}
	case kBool:
		if s.HasConst {
			check(val.Clone().Op("==").Lit(s.Const), "must be "+jsonText(s.Const))
		}
		if vals := nonNil(s.Enum); len(vals) > 0 {
			var conds []jen.Code
			for _, v := range vals {
				conds = append(conds, val.Clone().Op("==").Lit(v))
			}
			check(joinOp("||", conds), "must be one of "+jsonText(vals))
		}
	}
	return out
}

// valueChecks emits the typed checks of a value e of s's Go type at the
// path p (a *rtPath expression) and key ("" when p is the value's own
// path); pv names the path variable a composite value needs.
func (g *gen) valueChecks(s *ir.Schema, e *jen.Statement, p jen.Code, key, pv string) []jen.Code {
	s = g.model.target(s)
	if s == nil {
		return nil
	}
	sh := g.model.shape(s)
	if leaf(sh.kind) {
		return g.leafChecks(s, e, p, key, false)
	}
	at := p
	var decl []jen.Code
	if key != "" {
		decl = []jen.Code{jen.Id(pv).Op(":=").Id("rtKey").Call(p, jen.Lit(key))}
		at = jen.Op("&").Id(pv)
	}
	var call jen.Code
	switch sh.kind {
	case kAny:
		if !g.hasGenericChecks(s) {
			return nil
		}
		call = jen.Id(g.checkName(s)).Call(e, at, jen.Id("errs"))
	case kStruct, kUnion:
		call = e.Clone().Dot("validate").Call(at, jen.Id("errs"))
	case kSlice, kMap:
		if !g.hasTypedChecks(s) {
			return nil
		}
		if g.named(s) {
			call = e.Clone().Dot("validate").Call(at, jen.Id("errs"))
		} else {
			call = jen.Id(g.validName(s)).Call(e, at, jen.Id("errs"))
		}
	default:
		return nil
	}
	return append(decl, call)
}

// hasTypedChecks reports whether the typed validator of s has anything to check.
func (g *gen) hasTypedChecks(s *ir.Schema) bool {
	s = g.model.target(s)
	sh := g.model.shape(s)
	switch sh.kind {
	case kSlice:
		return s.MinItems != nil || s.MaxItems != nil || s.UniqueItems || g.elemChecks(sh.elem)
	case kMap:
		return s.MinProperties != nil || s.MaxProperties != nil || len(s.Required) > 0 || g.elemChecks(sh.elem)
	case kAny:
		return g.hasGenericChecks(s)
	case kRaw, kTime:
		return false
	}
	if leaf(sh.kind) {
		return len(g.leafChecks(s, jen.Id("v"), jen.Id("p"), "", false)) > 0
	}
	return true
}

func (g *gen) elemChecks(s *ir.Schema) bool {
	s = g.model.target(s)
	if s == nil {
		return false
	}
	sh := g.model.shape(s)
	if !sh.nullOK && nilable(sh.kind) && sh.kind != kAny {
		return true // a nil item is a null that is not allowed
	}
	return g.hasTypedChecks(s)
}

// intBound turns a decimal bound into an inclusive int64 bound: v >= 5.5
// is v >= 6. ok is false when every int64 passes (the bound lies outside
// int64); never means no int64 passes.
func intBound(bound string, lower, exclusive bool) (b int64, ok, never bool) {
	r, valid := new(big.Rat).SetString(bound)
	if !valid {
		return 0, false, false
	}
	fl := new(big.Int).Quo(r.Num(), r.Denom())
	if r.Sign() < 0 && !r.IsInt() {
		fl.Sub(fl, big.NewInt(1))
	}
	cl := new(big.Int).Set(fl)
	if !r.IsInt() {
		cl.Add(cl, big.NewInt(1))
	}
	var x *big.Int
	switch {
	case lower && !exclusive:
		x = cl
	case lower && exclusive:
		x = new(big.Int).Add(fl, big.NewInt(1))
	case !lower && !exclusive:
		x = fl
	default:
		x = new(big.Int).Sub(cl, big.NewInt(1))
	}
	if x.IsInt64() {
		return x.Int64(), true, false
	}
	if lower {
		return 0, false, x.Sign() > 0
	}
	return 0, false, x.Sign() < 0
}

// ruleFields are the keyed fields of a rule literal, kept on one line.
type ruleFields []jen.Code

func (r *ruleFields) add(name string, v jen.Code) { *r = append(*r, jen.Id(name).Op(":").Add(v)) }

// intLit renders an untyped integer constant.
func intLit(i int64) jen.Code { return jen.Op(strconv.FormatInt(i, 10)) }

// floatLit renders a JSON number as a float64 constant expression. The
// number's text is written as source, so text that is not a JSON number
// (the loader never lets one through) becomes a string literal, which
// cannot compile as a number, rather than code.
func floatLit(text string) jen.Code {
	if !jsonNumber.MatchString(text) {
		return jen.Lit(text)
	}
	t := text
	if !strings.ContainsAny(t, ".eE") {
		t += ".0"
	}
	return jen.Op(t)
}

// jsonNumber is RFC 8259's number grammar.
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

func numText(v any) string { return fmt.Sprint(v) }

// int64Of returns a JSON number as int64 when it is one.
func int64Of(v any) (int64, bool) {
	r, ok := new(big.Rat).SetString(numText(v))
	if !ok || !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}
	return r.Num().Int64(), true
}

func nonNil(l []any) []any {
	var out []any
	for _, v := range l {
		if v != nil {
			out = append(out, v)
		}
	}
	return out
}
