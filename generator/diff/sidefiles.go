package diff

import (
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
)

// NewSide builds the diff's view of a loaded contract set. The events and
// their schemas come from the IR; document-level facts (channels,
// operations, message attributes, headers) are read from the set's
// Resources, the JSON values of every loaded file, with $refs followed.
func NewSide(set *ir.Set, label string) *Side {
	s := &Side{Label: label, Resources: set.ResourceValues()}
	res := resources(set.ResourceValues())
	locate := func(u, ptr string) location.Pos {
		if set.Locate == nil {
			return location.Pos{}
		}
		return set.Locate(u, ptr)
	}
	at := func(u, base string) func(string) location.Pos {
		return func(ptr string) location.Pos { return locate(u, base+ptr) }
	}
	dec := newDecoder(res, locate)

	contracts := map[*ir.Contract]*Contract{}
	for _, c := range set.Contracts {
		ct := &Contract{File: c.File, URL: c.URL, Title: c.Title, Version: c.Version, AsyncAPI: c.AsyncAPI, Pos: c.Pos, VersionPos: c.VersionPos, At: at(c.URL, "")}
		contracts[c] = ct
		s.Contracts = append(s.Contracts, ct)
	}
	byType := map[string]*Event{}
	for _, ie := range set.Events {
		e := &Event{Type: ie.Type, Stream: ie.Stream, Channel: ie.Channel, Key: ie.Key, Contract: contracts[ie.Contract], Pos: ie.Pos,
			Payload: ie.Payload, Envelope: ie.Envelope, Data: ie.Data, Metadata: ie.Metadata}
		if e.Data == nil {
			e.Data = e.Payload
		}
		s.Events = append(s.Events, e)
		if _, dup := byType[e.Type]; !dup {
			byType[e.Type] = e
		}
	}

	for _, c := range set.Contracts {
		ct := contracts[c]
		root, _ := res[c.URL].(map[string]any)
		ct.Attrs = topAttrs(res, c.URL, root)
		channels, _ := root["channels"].(map[string]any)
		for _, name := range sortedKeys(channels) {
			cptr := child("/channels", name)
			iu, ip, iv, ok := res.deref(c.URL, cptr, channels[name])
			item, isObj := iv.(map[string]any)
			if !ok || !isObj {
				continue
			}
			ch := &Channel{Name: name, Pos: locate(c.URL, cptr), Attrs: map[string]any{}, At: at(iu, ip)}
			for k, v := range item {
				if k != "subscribe" && k != "publish" {
					ch.Attrs[k] = res.inline(iu, v, 0)
				}
			}
			var uses []messageRef
			seen := map[string]bool{}
			var opMsgs [][]string
			for _, kind := range []string{"subscribe", "publish"} {
				ov, isObj := item[kind].(map[string]any)
				if !isObj {
					continue
				}
				opp := child(ip, kind)
				op := &Operation{Kind: kind, Pos: locate(iu, opp), At: at(iu, opp)}
				op.Attrs, _ = res.inline(iu, withoutKeys(mergeTraits(res, iu, ov), "message"), 0).(map[string]any)
				msgPtr := child(opp, "message")
				var keys []string
				if m, isObj := ov["message"].(map[string]any); isObj {
					for _, l := range res.messageLeaves(iu, msgPtr, m, map[string]bool{}, 0) {
						key := l.u + "#" + l.p
						keys = append(keys, key)
						if !seen[key] {
							seen[key] = true
							uses = append(uses, l)
						}
					}
				}
				opMsgs = append(opMsgs, keys)
				ch.Operations = append(ch.Operations, op)
			}
			typeOf := map[string]string{}
			for _, u := range uses {
				merged := mergeTraits(res, u.u, u.msg)
				typ, _ := merged["name"].(string)
				if typ == "" {
					if len(uses) != 1 {
						continue // lower reports it; no event to attach to
					}
					typ = name
				}
				typeOf[u.u+"#"+u.p] = typ
				ch.Events = appendUnique(ch.Events, typ)
				e := byType[typ]
				if e == nil || e.Attrs != nil {
					continue
				}
				e.Attrs, _ = res.inline(u.u, withoutKeys(merged, "payload", "headers", "traits"), 0).(map[string]any)
				e.At = at(u.u, u.p)
				if h, ok := merged["headers"]; ok {
					e.Headers = dec.schema(u.u, child(u.p, "headers"), h)
				}
			}
			for i, op := range ch.Operations {
				for _, k := range opMsgs[i] {
					if t, ok := typeOf[k]; ok {
						op.Events = appendUnique(op.Events, t)
					}
				}
				sortStrings(op.Events)
			}
			sortStrings(ch.Events)
			ct.Channels = append(ct.Channels, ch)
		}
	}
	s.Finish()
	return s
}

// topAttrs keeps a document's top-level fields that the document rows
// compare: everything but asyncapi, channels and components, with info
// copied without its version (checked separately).
func topAttrs(res resources, u string, root map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range root {
		switch k {
		case "asyncapi", "channels", "components":
			continue
		case "info":
			if info, ok := v.(map[string]any); ok {
				v = withoutKeys(info, "version")
			}
		}
		out[k] = res.inline(u, v, 0)
	}
	return out
}

// mergeTraits applies a message's or operation's traits with JSON Merge
// Patch semantics, in order, as AsyncAPI 2.x prescribes (and lower does).
func mergeTraits(res resources, u string, obj map[string]any) map[string]any {
	traits, ok := obj["traits"].([]any)
	if !ok {
		return obj
	}
	merged := withoutKeys(obj, "traits")
	for _, t := range traits {
		tu, _, tv, ok := res.deref(u, "", t)
		tm, isObj := tv.(map[string]any)
		if !ok || !isObj {
			continue
		}
		merged, _ = mergePatch(merged, res.inline(tu, tm, 0)).(map[string]any)
	}
	return merged
}

// mergePatch applies patch to target (RFC 7396) without mutating either.
func mergePatch(target any, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, _ := target.(map[string]any)
	out := make(map[string]any, len(tm)+len(pm))
	for k, v := range tm {
		out[k] = v
	}
	for k, v := range pm {
		if v == nil {
			delete(out, k)
			continue
		}
		out[k] = mergePatch(out[k], v)
	}
	return out
}

func withoutKeys(v any, keys ...string) map[string]any {
	m, _ := v.(map[string]any)
	out := make(map[string]any, len(m))
	for k, x := range m {
		if !containsStr(keys, k) {
			out[k] = x
		}
	}
	return out
}

func appendUnique(list []string, s string) []string {
	if containsStr(list, s) {
		return list
	}
	return append(list, s)
}

// messageRef is one message an operation carries, resolved.
type messageRef struct {
	u, p string
	msg  map[string]any
}

// messageLeaves resolves an operation's message to the messages it stands
// for, as lower does (spec.Loader.Messages): the message itself, or the
// members of its oneOf however it is reached ($ref to another operation's
// oneOf, oneOf items that are oneOfs), each oneOf expanded once.
func (r resources) messageLeaves(u, p string, v any, expanded map[string]bool, depth int) []messageRef {
	mu, mp, mv, ok := r.deref(u, p, v)
	m, isObj := mv.(map[string]any)
	if !ok || !isObj || depth > 32 {
		return nil
	}
	list, isList := m["oneOf"].([]any)
	if !isList {
		return []messageRef{{mu, mp, m}}
	}
	if expanded[mu+"#"+mp] {
		return nil
	}
	expanded[mu+"#"+mp] = true
	var out []messageRef
	for i, it := range list {
		out = append(out, r.messageLeaves(mu, childIndex(child(mp, "oneOf"), i), it, expanded, depth+1)...)
	}
	return out
}
