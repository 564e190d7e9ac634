package spec

import (
	"fmt"
	"sort"
	"strings"

	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/source"
	"github.com/asyncgen/asyncgen/generator/suggest"
)

// Cross-object checks: the rules the official AsyncAPI parser (parser-js and
// its spectral core ruleset for 2.x) applies beyond the JSON Schema, so that
// asyncgen and the parser agree on which documents are valid. Like the
// parser, they look at the document's own servers and channels with every
// $ref resolved.

// semantic runs the cross-object checks on the walked document.
func (w *walker) semantic() {
	root := w.doc.Target
	servers := w.resolvedMap(root, "servers")
	serverNames := map[string]bool{}
	for _, s := range servers {
		serverNames[s.name] = true
		if s.ok {
			w.serverVariables(s.target)
			w.security(s.target.Node.Get("security"), "server "+quote(s.name))
		}
	}
	if comps, ok := w.quietChild(root, "components"); ok {
		for _, s := range w.resolvedMap(comps, "servers") {
			if s.ok {
				w.serverVariables(s.target)
			}
		}
	}
	ids := &idIndex{operations: map[string]location.Pos{}, messages: map[string]location.Pos{}, seen: map[string]bool{}}
	for _, ch := range w.resolvedMap(root, "channels") {
		if strings.ContainsAny(ch.name, "?#") {
			w.report(ch.keyPos, RuleChannelQuery, fmt.Sprintf("channel name %q contains a query (\"?\") or fragment (\"#\"); describe those with bindings instead", ch.name))
		}
		if !ch.ok {
			continue
		}
		w.channelParameters(ch)
		w.channelServers(ch, serverNames)
		for _, f := range ch.target.Node.Fields {
			if f.Key == "publish" || f.Key == "subscribe" {
				if f.Value.Kind == source.Object {
					w.operation(ch.target.Child(f.Key, f.Value), ch.name, f.Key, ids)
				}
			}
		}
	}
}

// entry is one resolved entry of a map such as servers or channels.
type entry struct {
	name   string
	keyPos location.Pos
	target Target
	ok     bool // the target resolved to an object
}

// resolvedMap lists the entries of the map at parent.key, each $ref followed.
func (w *walker) resolvedMap(parent Target, key string) []entry {
	m, ok := w.quietChild(parent, key)
	if !ok {
		return nil
	}
	var out []entry
	for _, f := range m.Node.Fields {
		t, ok := w.quietDeref(m.Child(f.Key, f.Value))
		out = append(out, entry{name: f.Key, keyPos: f.KeyPos, target: t, ok: ok && t.Node.Kind == source.Object})
	}
	return out
}

// quietChild returns parent.key resolved, when it is an object.
func (w *walker) quietChild(parent Target, key string) (Target, bool) {
	n := parent.Node.Get(key)
	if n == nil {
		return Target{}, false
	}
	t, ok := w.quietDeref(parent.Child(key, n))
	return t, ok && t.Node.Kind == source.Object
}

// quietDeref follows $refs without reporting $ref problems: the structure
// walk has been along every one of them already and said what is wrong.
// (Problems reading a file are kept: they are reported once, on first read.)
func (w *walker) quietDeref(t Target) (Target, bool) {
	n := len(w.l.Diags)
	rt, ok := w.l.Deref(t)
	w.dropRefDiags(n)
	return rt, ok && rt.Node != nil
}

// quietTraits applies traits without reporting (see quietDeref).
func (w *walker) quietTraits(t Target) *source.Node {
	n := len(w.l.Diags)
	merged := w.l.ApplyTraits(t)
	w.dropRefDiags(n)
	return merged
}

// dropRefDiags removes the $ref diagnostics added since the list had n.
func (w *walker) dropRefDiags(n int) {
	kept := w.l.Diags[:n]
	for _, d := range w.l.Diags[n:] {
		switch d.Rule {
		case RuleRefMissing, RuleRefOutsideRoot, RuleRefRemote, RuleRefCycle, RuleRefInvalid:
			continue
		}
		kept = append(kept, d)
	}
	w.l.Diags = kept
}

// channelName checks a channel name (a key of a channels map): the JSON
// Schema requires a non-empty RFC 6570 URI template.
func (w *walker) channelName(f source.Field) {
	if f.Key == "" {
		w.report(f.KeyPos, RuleChannelName, "channel name is empty; name the channel, e.g. \"user/signedup\"")
		return
	}
	if p := uriTemplateProblem(f.Key); p != "" {
		w.report(f.KeyPos, RuleChannelName, fmt.Sprintf("channel name %q is not a valid URI template: %s", f.Key, p))
	}
}

// channelParameters: every {name} of the channel name is described in
// parameters, and every described parameter appears in the name. The
// parser checks this only when parameters is present; a name with {x} and
// no parameters at all is a warning (the specification says SHOULD).
func (w *walker) channelParameters(ch entry) {
	names := templateVariables(ch.name)
	pf := ch.target.Node.Field("parameters")
	if pf == nil {
		if len(names) > 0 {
			w.report(ch.keyPos, RuleChannelParametersMissing, fmt.Sprintf("channel %q uses %s but has no parameters; describe each one under parameters", ch.name, braced(names)))
		}
		return
	}
	params, ok := w.quietDeref(ch.target.Child("parameters", pf.Value))
	if !ok || params.Node.Kind != source.Object {
		return
	}
	if missing := missingKeys(names, params.Node); len(missing) > 0 {
		w.report(pf.KeyPos, RuleChannelParameters, fmt.Sprintf("channel %q uses %s, which parameters does not describe", ch.name, braced(missing)))
	}
	for _, f := range params.Node.Fields {
		if !contains(names, f.Key) {
			w.report(f.KeyPos, RuleChannelParameters, fmt.Sprintf("parameter %q does not appear in channel name %q; remove it or add {%s} to the name", f.Key, ch.name, f.Key))
		}
	}
}

// channelServers: a channel's servers must name servers of the document.
func (w *walker) channelServers(ch entry, defined map[string]bool) {
	list := ch.target.Node.Get("servers")
	if w.minor < 2 || list == nil || list.Kind != source.Array {
		return
	}
	for _, it := range list.Items {
		s, ok := it.StringValue()
		if !ok || defined[s] {
			continue
		}
		msg := fmt.Sprintf("channel %q lists server %q, which servers does not define", ch.name, s)
		if d := suggest.Closest(s, sortedKeys(defined)); d != "" {
			msg += fmt.Sprintf("; did you mean %q?", d)
		} else if len(defined) > 0 {
			msg += "; defined: " + strings.Join(sortedKeys(defined), ", ")
		}
		w.report(it.Pos, RuleChannelServers, msg)
	}
}

// serverVariables: every {name} of a server url is defined in variables,
// and every defined variable is used in the url. Like the parser, only when
// variables is present; a url with {x} and no variables is a warning.
func (w *walker) serverVariables(server Target) {
	urlNode := server.Node.Get("url")
	url, ok := urlNode.StringValue()
	if !ok {
		return
	}
	names := templateVariables(url)
	vf := server.Node.Field("variables")
	if vf == nil {
		if len(names) > 0 {
			w.report(urlNode.Pos, RuleServerVariablesMissing, fmt.Sprintf("server url %q uses %s but the server has no variables; describe each one under variables", url, braced(names)))
		}
		return
	}
	vars, ok := w.quietDeref(server.Child("variables", vf.Value))
	if !ok || vars.Node.Kind != source.Object || len(names) == 0 {
		// The parser only compares when the url has variables.
		return
	}
	if missing := missingKeys(names, vars.Node); len(missing) > 0 {
		w.report(vf.KeyPos, RuleServerVariables, fmt.Sprintf("server url %q uses %s, which variables does not define", url, braced(missing)))
	}
	for _, f := range vars.Node.Fields {
		if !contains(names, f.Key) {
			w.report(f.KeyPos, RuleServerVariables, fmt.Sprintf("server variable %q is not used in url %q; remove it or add {%s} to the url", f.Key, url, f.Key))
		}
	}
}

// security checks a list of Security Requirements: each name must be a
// scheme of components.securitySchemes, and an oauth2 requirement may only
// ask for scopes the scheme's flows declare. (openIdConnect scopes live at
// the discovery URL and cannot be checked here.)
func (w *walker) security(list *source.Node, owner string) {
	if list == nil || list.Kind != source.Array {
		return
	}
	var schemes map[string]*source.Node
	for _, req := range list.Items {
		if req.Kind != source.Object {
			continue
		}
		if schemes == nil {
			schemes = w.securitySchemes()
		}
		for _, f := range req.Fields {
			scheme, ok := schemes[f.Key]
			if !ok {
				msg := fmt.Sprintf("%s requires security scheme %q, which components.securitySchemes does not define", owner, f.Key)
				if d := suggest.Closest(f.Key, sortedKeys(schemes)); d != "" {
					msg += fmt.Sprintf("; did you mean %q?", d)
				}
				w.report(f.KeyPos, RuleSecurityScheme, msg)
				continue
			}
			if typ, _ := scheme.Get("type").StringValue(); typ != "oauth2" || f.Value.Kind != source.Array {
				continue
			}
			declared := oauthScopes(scheme)
			for _, it := range f.Value.Items {
				if s, ok := it.StringValue(); ok && !declared[s] {
					w.report(it.Pos, RuleSecurityScheme, fmt.Sprintf("scope %q is not declared by any flow of security scheme %q; declared: %s", s, f.Key, strings.Join(sortedKeys(declared), ", ")))
				}
			}
		}
	}
}

// securitySchemes returns the document's security schemes by name, resolved.
func (w *walker) securitySchemes() map[string]*source.Node {
	out := map[string]*source.Node{}
	comps, ok := w.quietChild(w.doc.Target, "components")
	if !ok {
		return out
	}
	for _, s := range w.resolvedMap(comps, "securitySchemes") {
		node := &source.Node{Kind: source.Object}
		if s.ok {
			node = s.target.Node
		}
		out[s.name] = node
	}
	return out
}

// idIndex remembers the operation and message ids seen in a document, and
// which definitions were counted (one definition reached twice is one).
type idIndex struct {
	operations map[string]location.Pos
	messages   map[string]location.Pos
	seen       map[string]bool
}

// operation checks one operation of a channel: its security, operationId
// and the messageIds of its messages, with traits applied.
func (w *walker) operation(op Target, channel, kind string, ids *idIndex) {
	merged := w.quietTraits(op)
	owner := fmt.Sprintf("%s operation of channel %q", kind, channel)
	if w.minor >= 4 {
		w.security(merged.Get("security"), owner)
	}
	if !ids.seen["op:"+op.Key()] {
		ids.seen["op:"+op.Key()] = true
		w.uniqueID(merged.Get("operationId"), op.Node.Pos, ids.operations, RuleOperationIDUnique, "operationId", "operation")
	}
	if msg := op.Node.Get("message"); msg != nil {
		for _, m := range w.operationMessages(op.Child("message", msg)) {
			if ids.seen["msg:"+m.Key()] {
				continue
			}
			ids.seen["msg:"+m.Key()] = true
			if w.minor >= 4 {
				w.uniqueID(w.quietTraits(m).Get("messageId"), m.Node.Pos, ids.messages, RuleMessageIDUnique, "messageId", "message")
			}
		}
	}
}

// uniqueID records one id and reports it when an earlier one is the same.
// An id both got from one shared trait is reported at the owner, pos.
func (w *walker) uniqueID(n *source.Node, pos location.Pos, seen map[string]location.Pos, rule, field, what string) {
	id, ok := n.StringValue()
	if !ok {
		return
	}
	if first, dup := seen[id]; dup {
		if n.Pos != first {
			pos = n.Pos
		}
		w.report(pos, rule, fmt.Sprintf("%s %q is already used by the %s at %s; each %s needs its own %s", field, id, what, first, what, field))
		return
	}
	seen[id] = n.Pos
}

// operationMessages lists the messages an operation carries: the message,
// or each one of its oneOf (nested oneOf included), resolved, without
// reporting (see quietDeref).
func (w *walker) operationMessages(t Target) []Target {
	n := len(w.l.Diags)
	out := w.l.messageLeaves(t, nil, 0)
	w.dropRefDiags(n)
	return out
}

// uniqueTagNames: the tags of one list must have distinct names.
func (w *walker) uniqueTagNames(list Target) {
	first := map[string]location.Pos{}
	for i, it := range list.Node.Items {
		tag, ok := w.quietDeref(list.Child(itoa(i), it))
		if !ok {
			continue
		}
		name := tag.Node.Get("name")
		s, ok := name.StringValue()
		if !ok {
			continue
		}
		if p, dup := first[s]; dup {
			w.report(name.Pos, RuleTagsUnique, fmt.Sprintf("tag %q is already in this list (at %s); tag names must be unique", s, p))
			continue
		}
		first[s] = name.Pos
	}
}

// headersObject: message headers are a map of values, so their schema must
// be of type object when it has a type at all.
func (w *walker) headersObject(t Target, path string) {
	// Headers are a schema, so the walk did not follow a $ref here; report
	// its problems (the schema checks report the same, deduplicated).
	h, ok := w.l.Deref(t)
	if !ok || h.Node.Kind != source.Object {
		return
	}
	typ := h.Node.Get("type")
	if typ == nil {
		return
	}
	if s, _ := typ.StringValue(); s != "object" {
		found := typ.Text()
		if b, err := typ.MarshalJSON(); err == nil {
			found = string(b)
		}
		w.report(typ.Pos, RuleHeadersObject, fmt.Sprintf("%s must be a schema of type \"object\" (headers are named values), found type %s", path, found))
	}
}

// missingKeys lists the names that obj has no key for.
func missingKeys(names []string, obj *source.Node) []string {
	var out []string
	for _, name := range names {
		if !obj.Has(name) {
			out = append(out, name)
		}
	}
	return out
}

// braced writes names as {a}, {b}.
func braced(names []string) string {
	b := make([]string, len(names))
	for i, n := range names {
		b[i] = "{" + n + "}"
	}
	return strings.Join(b, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func quote(s string) string { return fmt.Sprintf("%q", s) }
