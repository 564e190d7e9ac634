package gogen

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/asyncgen/asyncgen/generator/ir"
)

const jsonPkg = "encoding/json"

// formatFuncs maps a string format to its runtime check (formats.Checked
// lists the same formats; a test keeps them so). Formats asyncgen does not
// check are annotations: nothing is generated for them.
var formatFuncs = map[string]string{
	"byte": "rtIsBase64", "duration": "rtIsDuration",
	"uuid": "rtIsUUID", "date-time": "rtIsDateTime", "date": "rtIsDate", "time": "rtIsTime",
	"email": "rtIsEmail", "uri": "rtIsURI", "hostname": "rtIsHostname", "ipv4": "rtIsIPv4", "ipv6": "rtIsIPv6",
	"uri-reference": "rtIsURIReference", "iri": "rtIsIRI", "iri-reference": "rtIsIRIReference",
	"uri-template": "rtIsURITemplate", "json-pointer": "rtIsJSONPointer", "relative-json-pointer": "rtIsRelativeJSONPointer",
	"regex": "rtIsRegex", "idn-email": "rtIsIDNEmail", "idn-hostname": "rtIsIDNHostname",
}

// numberFormatFuncs maps OpenAPI's numeric formats to their runtime check
// of a JSON number's text.
var numberFormatFuncs = map[string]string{
	"int32": "rtFitsInt32", "int64": "rtFitsInt64", "float": "rtFitsFloat32", "double": "rtFitsFloat64",
}

var typeFuncs = map[string]string{
	"null": "rtIsNull", "boolean": "rtIsBool", "string": "rtIsString", "number": "rtIsNumber",
	"integer": "rtIsInt", "array": "rtIsArray", "object": "rtIsObject",
}

func (g *gen) checkName(s *ir.Schema) string   { return "check" + g.names.schema[s] }
func (g *gen) patternName(s *ir.Schema) string { return "pattern" + g.names.schema[s] }
func (g *gen) enumVar(s *ir.Schema) string     { return "enum" + g.names.schema[s] }
func (g *gen) constVar(s *ir.Schema) string    { return "const" + g.names.schema[s] }

// fail emits rtFail(errs, path, msg).
func fail(path jen.Code, msg string) jen.Code {
	return jen.Id("rtFail").Call(jen.Id("errs"), path, jen.Lit(msg))
}

// genSchemaVars emits the package-level values a schema's checks share:
//
//	var patternX = regexp.MustCompile("^[a-z]+$")
//	var enumX = []any{"a", json.Number("1")}
//	var constX any = map[string]any{…}
func (g *gen) genSchemaVars(f *jen.File, s *ir.Schema) {
	if e := enumValues(s); e != nil && !simpleEnum(e) {
		vals := make([]jen.Code, len(e))
		for i, v := range e {
			vals[i] = genericLit(v)
		}
		f.Var().Id(g.enumVar(s)).Op("=").Index().Any().Values(vals...)
	}
	if s.HasConst && !scalar(s.Const) {
		f.Var().Id(g.constVar(s)).Any().Op("=").Add(genericLit(s.Const))
	}
}

// genCheck emits the generic checker of s, enforcing every draft-07
// keyword on a JSON-shaped value:
//
//	func checkX(v any, p *rtPath, errs *[]error) {
//		if !(rtIsString(v)) { rtFail(errs, p, "must be string") }
//		switch x := v.(type) { case string: …; case json.Number: …; case []any: …; case map[string]any: … }
//		checkMember(v, p, errs) // allOf, anyOf, oneOf, not, if/then/else
//	}
func (g *gen) genCheck(s *ir.Schema) jen.Code {
	var body []jen.Code
	p := jen.Id("p")
	switch {
	case s.Bool != nil && !*s.Bool:
		body = append(body, fail(p, "no value is allowed here"))
	case s.Bool != nil:
	default:
		body = g.checkBody(s)
	}
	return jen.Func().Id(g.checkName(s)).Params(jen.Id("v").Any(), jen.Id("p").Op("*").Id("rtPath"), jen.Id("errs").Op("*").Index().Error()).Block(body...)
}

func (g *gen) checkBody(s *ir.Schema) []jen.Code {
	var body []jen.Code
	p := jen.Id("p")
	if len(s.Types) > 0 {
		ts := append([]string(nil), s.Types...)
		if s.Nullable && !containsStr(ts, "null") {
			ts = append(ts, "null")
		}
		var conds []jen.Code
		for _, t := range ts {
			if fn, ok := typeFuncs[t]; ok {
				conds = append(conds, jen.Id(fn).Call(jen.Id("v")))
			}
		}
		if len(conds) > 0 {
			body = append(body, jen.If(jen.Op("!").Parens(joinOp("||", conds))).Block(fail(p, "must be "+strings.Join(ts, " or "))))
		}
	}
	if e := enumValues(s); e != nil {
		msg := "must be one of " + jsonText(e)
		if simpleEnum(e) {
			var cases []jen.Code
			for _, v := range e {
				cases = append(cases, scalarLit(v))
			}
			body = append(body, jen.Switch(jen.Id("v")).Block(jen.Case(cases...), jen.Default().Block(fail(p, msg))))
		} else {
			body = append(body, jen.If(jen.Op("!").Id("rtIn").Call(jen.Id("v"), jen.Id(g.enumVar(s)))).Block(fail(p, msg)))
		}
	}
	if s.HasConst {
		msg := "must be " + jsonText(s.Const)
		if scalar(s.Const) {
			body = append(body, jen.If(jen.Op("!").Id("rtEqual").Call(jen.Id("v"), scalarLit(s.Const))).Block(fail(p, msg)))
		} else {
			body = append(body, jen.If(jen.Op("!").Id("rtEqual").Call(jen.Id("v"), jen.Id(g.constVar(s)))).Block(fail(p, msg)))
		}
	}
	if msg := g.uncheckableMsg(s.Pattern); msg != "" {
		// Outside the type switch, which may use x nowhere else.
		body = append(body, jen.If(jen.Id("rtIsString").Call(jen.Id("v"))).Block(failUncheckable(p, "", msg)))
	}
	var cases []jen.Code
	if c := g.stringChecks(s); len(c) > 0 {
		cases = append(cases, jen.Case(jen.String()).Block(c...))
	}
	if c := numberChecks(s); len(c) > 0 {
		cases = append(cases, jen.Case(jen.Qual(jsonPkg, "Number")).Block(c...))
	}
	if c := g.arrayChecks(s); len(c) > 0 {
		cases = append(cases, jen.Case(jen.Index().Any()).Block(c...))
	}
	if c := g.objectChecks(s); len(c) > 0 {
		cases = append(cases, jen.Case(jen.Map(jen.String()).Any()).Block(c...))
	}
	if len(cases) > 0 {
		body = append(body, jen.Switch(jen.Id("x").Op(":=").Id("v").Assert(jen.Type())).Block(cases...))
	}
	body = append(body, g.combinatorChecks(s)...)
	return body
}

func (g *gen) stringChecks(s *ir.Schema) []jen.Code {
	var out []jen.Code
	p := jen.Id("p")
	x := jen.Id("x")
	if s.MinLength != nil {
		out = append(out, jen.If(jen.Id("rtRunes").Call(x).Op("<").Lit(*s.MinLength)).Block(fail(p, fmt.Sprintf("must be at least %d characters long", *s.MinLength))))
	}
	if s.MaxLength != nil {
		out = append(out, jen.If(jen.Id("rtRunes").Call(x).Op(">").Lit(*s.MaxLength)).Block(fail(p, fmt.Sprintf("must be at most %d characters long", *s.MaxLength))))
	}
	if g.compiles(s.Pattern) {
		out = append(out, jen.If(jen.Op("!").Id(g.patternName(s)).Dot("MatchString").Call(x)).Block(fail(p, "must match "+s.Pattern)))
	}
	if fn, ok := formatFuncs[s.Format]; ok {
		out = append(out, jen.If(jen.Op("!").Id(fn).Call(x)).Block(fail(p, "not a valid "+s.Format)))
	}
	return out
}

func numberChecks(s *ir.Schema) []jen.Code {
	var out []jen.Code
	p := jen.Id("p")
	n := jen.String().Call(jen.Id("x"))
	cmp := func(bound, op, msg string) {
		if bound != "" {
			out = append(out, jen.If(jen.Id("rtCompare").Call(n, jen.Lit(bound)).Op(op).Lit(0)).Block(fail(p, msg+" "+bound)))
		}
	}
	cmp(s.Minimum, "<", "must be >=")
	cmp(s.Maximum, ">", "must be <=")
	cmp(s.ExclusiveMinimum, "<=", "must be >")
	cmp(s.ExclusiveMaximum, ">=", "must be <")
	if s.MultipleOf != "" {
		out = append(out, jen.If(jen.Op("!").Id("rtMultipleOf").Call(n, jen.Lit(s.MultipleOf))).Block(fail(p, "must be a multiple of "+s.MultipleOf)))
	}
	if fn, ok := numberFormatFuncs[s.Format]; ok {
		out = append(out, jen.If(jen.Op("!").Id(fn).Call(n)).Block(fail(p, "not a valid "+s.Format)))
	}
	return out
}

func (g *gen) arrayChecks(s *ir.Schema) []jen.Code {
	var out []jen.Code
	p := jen.Id("p")
	x := jen.Id("x")
	if s.MinItems != nil {
		out = append(out, jen.If(jen.Len(x).Op("<").Lit(int(*s.MinItems))).Block(fail(p, fmt.Sprintf("must have at least %d items", *s.MinItems))))
	}
	if s.MaxItems != nil {
		out = append(out, jen.If(jen.Len(x).Op(">").Lit(int(*s.MaxItems))).Block(fail(p, fmt.Sprintf("must have at most %d items", *s.MaxItems))))
	}
	if s.UniqueItems {
		out = append(out, jen.If(jen.Op("!").Id("rtUnique").Call(x)).Block(fail(p, "items must be unique")))
	}
	if s.Items != nil && !isTrue(s.Items) {
		out = append(out, jen.For(jen.List(jen.Id("i"), jen.Id("it")).Op(":=").Range().Add(x)).Block(
			jen.Id("ip").Op(":=").Id("rtIndex").Call(p, jen.Id("i")),
			jen.Id(g.checkName(s.Items)).Call(jen.Id("it"), jen.Op("&").Id("ip"), jen.Id("errs")),
		))
	}
	for k, t := range s.TupleItems {
		if isTrue(t) {
			continue
		}
		out = append(out, jen.If(jen.Len(x).Op(">").Lit(k)).Block(
			jen.Id("ip").Op(":=").Id("rtIndex").Call(p, jen.Lit(k)),
			jen.Id(g.checkName(t)).Call(x.Clone().Index(jen.Lit(k)), jen.Op("&").Id("ip"), jen.Id("errs")),
		))
	}
	if ai := s.AdditionalItems; ai != nil && len(s.TupleItems) > 0 && !isTrue(ai) {
		k := len(s.TupleItems)
		if ai.Bool != nil {
			out = append(out, jen.If(jen.Len(x).Op(">").Lit(k)).Block(fail(p, fmt.Sprintf("must have at most %d items", k))))
		} else {
			out = append(out, jen.For(jen.Id("i").Op(":=").Lit(k), jen.Id("i").Op("<").Len(x), jen.Id("i").Op("++")).Block(
				jen.Id("ip").Op(":=").Id("rtIndex").Call(p, jen.Id("i")),
				jen.Id(g.checkName(ai)).Call(x.Clone().Index(jen.Id("i")), jen.Op("&").Id("ip"), jen.Id("errs")),
			))
		}
	}
	if s.Contains != nil {
		out = append(out, jen.Id("rtContains").Call(x, p, jen.Id("errs"), jen.Id(g.checkName(s.Contains))))
	}
	return out
}

func (g *gen) objectChecks(s *ir.Schema) []jen.Code {
	var out []jen.Code
	p := jen.Id("p")
	x := jen.Id("x")
	for _, r := range s.Required {
		out = append(out, jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(x).Index(jen.Lit(r)), jen.Op("!").Id("ok")).Block(
			jen.Id("rp").Op(":=").Id("rtKey").Call(p, jen.Lit(r)),
			fail(jen.Op("&").Id("rp"), "is required"),
		))
	}
	if s.MinProperties != nil {
		out = append(out, jen.If(jen.Len(x).Op("<").Lit(int(*s.MinProperties))).Block(fail(p, fmt.Sprintf("must have at least %d properties", *s.MinProperties))))
	}
	if s.MaxProperties != nil {
		out = append(out, jen.If(jen.Len(x).Op(">").Lit(int(*s.MaxProperties))).Block(fail(p, fmt.Sprintf("must have at most %d properties", *s.MaxProperties))))
	}
	for _, pr := range s.Properties {
		if isTrue(pr.Schema) {
			continue
		}
		out = append(out, jen.If(jen.List(jen.Id("pv"), jen.Id("ok")).Op(":=").Add(x).Index(jen.Lit(pr.Name)), jen.Id("ok")).Block(
			jen.Id("pp").Op(":=").Id("rtKey").Call(p, jen.Lit(pr.Name)),
			jen.Id(g.checkName(pr.Schema)).Call(jen.Id("pv"), jen.Op("&").Id("pp"), jen.Id("errs")),
		))
	}
	for _, d := range s.Dependencies {
		var then []jen.Code
		for _, r := range d.Required {
			then = append(then, jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(x).Index(jen.Lit(r)), jen.Op("!").Id("ok")).Block(
				jen.Id("rp").Op(":=").Id("rtKey").Call(p, jen.Lit(r)),
				fail(jen.Op("&").Id("rp"), fmt.Sprintf("is required when %q is present", d.Property)),
			))
		}
		if d.Schema != nil && !isTrue(d.Schema) {
			then = append(then, jen.Id(g.checkName(d.Schema)).Call(jen.Id("v"), p, jen.Id("errs")))
		}
		if len(then) > 0 {
			out = append(out, jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(x).Index(jen.Lit(d.Property)), jen.Id("ok")).Block(then...))
		}
	}
	if s.PropertyNames != nil && !isTrue(s.PropertyNames) {
		out = append(out, jen.For(jen.Id("k").Op(":=").Range().Add(x)).Block(
			jen.Id("kp").Op(":=").Id("rtKey").Call(p, jen.Id("k")),
			jen.Id(g.checkName(s.PropertyNames)).Call(jen.Id("k"), jen.Op("&").Id("kp"), jen.Id("errs")),
		))
	}
	ap := s.AdditionalProperties
	if ap != nil && isTrue(ap) {
		ap = nil
	}
	if ap == nil && len(s.PatternProperties) == 0 {
		return out
	}
	var loop []jen.Code
	loop = append(loop, jen.Id("kp").Op(":=").Id("rtKey").Call(p, jen.Id("k")))
	if ap != nil {
		loop = append(loop, jen.Id("matched").Op(":=").False())
		if len(s.Properties) > 0 {
			var names []jen.Code
			for _, pr := range s.Properties {
				names = append(names, jen.Lit(pr.Name))
			}
			loop = append(loop, jen.Switch(jen.Id("k")).Block(jen.Case(names...).Block(jen.Id("matched").Op("=").True())))
		}
	}
	// Keys that patterns Go cannot compile might match are reported
	// (fail closed) after the other patterns had their say: a key whose
	// only question is whether additionalProperties applies is decided
	// when a property or another pattern matched it.
	var undecided []jen.Code
	for _, pp := range s.PatternProperties {
		var then []jen.Code
		if ap != nil {
			then = append(then, jen.Id("matched").Op("=").True())
		}
		if !isTrue(pp.Schema) {
			then = append(then, jen.Id(g.checkName(pp.Schema)).Call(jen.Id("pv"), jen.Op("&").Id("kp"), jen.Id("errs")))
		}
		switch msg := g.uncheckableMsg(pp.Pattern); {
		case len(then) == 0:
		case msg == "":
			loop = append(loop, jen.If(jen.Id(g.patternVarFor(pp)).Dot("MatchString").Call(jen.Id("k"))).Block(then...))
		case isTrue(pp.Schema):
			undecided = append(undecided, jen.If(jen.Op("!").Id("matched")).Block(failUncheckable(jen.Op("&").Id("kp"), "", msg), jen.Id("matched").Op("=").True()))
		default:
			undecided = append(undecided, failUncheckable(jen.Op("&").Id("kp"), "", msg))
			if ap != nil {
				undecided = append(undecided, jen.Id("matched").Op("=").True())
			}
		}
	}
	loop = append(loop, undecided...)
	if ap != nil {
		var act jen.Code
		if ap.Bool != nil {
			act = fail(jen.Op("&").Id("kp"), "is not allowed (additionalProperties)")
		} else {
			act = jen.Id(g.checkName(ap)).Call(jen.Id("pv"), jen.Op("&").Id("kp"), jen.Id("errs"))
		}
		loop = append(loop, jen.If(jen.Op("!").Id("matched")).Block(act))
	}
	out = append(out, jen.For(jen.List(jen.Id("k"), jen.Id("pv")).Op(":=").Range().Add(x)).Block(
		append([]jen.Code{jen.Id("_").Op("=").Id("pv")}, loop...)...))
	return out
}

// patternVarFor names the regexp of a patternProperties key; the schema
// owning the pattern emits it (see genPatternPropertyVars).
func (g *gen) patternVarFor(pp *ir.PatternProperty) string {
	return g.ppVars[pp]
}

func (g *gen) combinatorChecks(s *ir.Schema) []jen.Code {
	var out []jen.Code
	p := jen.Id("p")
	v := jen.Id("v")
	for _, m := range s.AllOf {
		if !isTrue(m) {
			out = append(out, jen.Id(g.checkName(m)).Call(v, p, jen.Id("errs")))
		}
	}
	// The runtime helpers tell a mismatch from an undecided branch (see
	// uncheckable.go).
	checks := func(list []*ir.Schema) []jen.Code {
		out := []jen.Code{v, p, jen.Id("errs")}
		for _, m := range list {
			out = append(out, jen.Id(g.checkName(m)))
		}
		return out
	}
	if len(s.AnyOf) > 0 {
		out = append(out, jen.Id("rtAnyOf").Call(checks(s.AnyOf)...))
	}
	if len(s.OneOf) > 0 {
		if sh := g.model.shape(s); sh.kind == kUnion && sh.dispatch != "" {
			// Every branch requires the dispatch property with a distinct
			// const, so at most one branch can match: check that one.
			var cases []jen.Code
			for _, b := range sh.branches {
				c, _ := constOf(b, sh.dispatch)
				cases = append(cases, jen.Case(jen.Lit(c)).Block(jen.Id(g.checkName(b)).Call(v, p, jen.Id("errs"))))
			}
			cases = append(cases, jen.Default().Block(fail(p, "must match exactly one schema of oneOf (by "+sh.dispatch+")")))
			out = append(out, jen.List(jen.Id("obj"), jen.Id("_")).Op(":=").Add(v).Assert(jen.Map(jen.String()).Any()),
				jen.Switch(jen.Id("obj").Index(jen.Lit(sh.dispatch))).Block(cases...))
		} else {
			out = append(out, jen.Id("rtOneOf").Call(checks(s.OneOf)...))
		}
	}
	if s.Not != nil {
		out = append(out, jen.Id("rtNot").Call(checks([]*ir.Schema{s.Not})...))
	}
	if s.If != nil && (s.Then != nil || s.Else != nil) {
		branch := func(m *ir.Schema) jen.Code {
			if m == nil {
				return jen.Nil()
			}
			return jen.Id(g.checkName(m))
		}
		out = append(out, jen.Id("rtIf").Call(append(checks([]*ir.Schema{s.If}), branch(s.Then), branch(s.Else))...))
	}
	return out
}

// genericLit renders a JSON-shaped value as a Go expression.
func genericLit(v any) jen.Code {
	switch x := v.(type) {
	case nil:
		return jen.Nil()
	case json.Number:
		return jen.Qual(jsonPkg, "Number").Call(jen.Lit(string(x)))
	case []any:
		vals := make([]jen.Code, len(x))
		for i, it := range x {
			vals[i] = genericLit(it)
		}
		return jen.Index().Any().Values(vals...)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		d := jen.Dict{}
		for _, k := range keys {
			d[jen.Lit(k)] = genericLit(x[k])
		}
		return jen.Map(jen.String()).Any().Values(d)
	case int64:
		return jen.Qual(jsonPkg, "Number").Call(jen.Lit(fmt.Sprint(x)))
	case float64:
		return jen.Qual(jsonPkg, "Number").Call(jen.Lit(fmt.Sprint(x)))
	case int:
		return jen.Qual(jsonPkg, "Number").Call(jen.Lit(fmt.Sprint(x)))
	}
	return jen.Lit(v)
}

// scalar reports whether v compares with == against a generic value
// (strings, booleans, null; numbers need numeric comparison).
func scalar(v any) bool {
	switch v.(type) {
	case nil, string, bool, json.Number:
		return true
	}
	return false
}

// simpleEnum: strings, booleans and null only, so a switch on v works.
func simpleEnum(e []any) bool {
	for _, v := range e {
		switch v.(type) {
		case nil, string, bool:
		default:
			return false
		}
	}
	return true
}

func scalarLit(v any) jen.Code {
	if v == nil {
		return jen.Nil()
	}
	if n, ok := v.(json.Number); ok {
		return jen.Qual(jsonPkg, "Number").Call(jen.Lit(string(n)))
	}
	return jen.Lit(v)
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

func isTrue(s *ir.Schema) bool {
	if s.Bool != nil {
		return *s.Bool
	}
	return false
}

func containsStr(l []string, v string) bool {
	for _, x := range l {
		if x == v {
			return true
		}
	}
	return false
}

// joinOp joins conditions with a binary operator: a || b || c.
func joinOp(op string, conds []jen.Code) *jen.Statement {
	out := jen.Add(conds[0])
	for _, c := range conds[1:] {
		out = out.Op(op).Add(c)
	}
	return out
}
