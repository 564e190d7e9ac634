package spec

import (
	"sort"

	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/source"
)

// MessageUse is one message reachable from a channel operation, with its
// traits applied.
type MessageUse struct {
	Doc        *Document
	Channel    string
	ChannelPos location.Pos
	// Operation is "publish" or "subscribe".
	Operation string
	// Target is where the message is defined (after following $refs).
	Target Target
	// Node is the message with its traits merged in.
	Node *source.Node
	// Siblings is the number of distinct messages the channel carries.
	Siblings int
	// Index is the message's position among them, from 0.
	Index int
}

// Messages lists the messages reachable from the document's channels, in
// channel order, each resolved message once per channel.
func (l *Loader) Messages(doc *Document) []MessageUse {
	var out []MessageUse
	raw := doc.Node.Get("channels")
	if raw == nil {
		return nil
	}
	// The whole channels map may itself be a $ref (lint warns about it).
	chT, ok := l.Deref(doc.Target.Child("channels", raw))
	if !ok || chT.Node.Kind != source.Object {
		return nil
	}
	channels := chT.Node
	for _, ch := range channels.Fields {
		item, ok := l.Deref(chT.Child(ch.Key, ch.Value))
		if !ok || item.Node.Kind != source.Object {
			continue
		}
		var uses []MessageUse
		seen := map[string]bool{}
		for _, op := range []string{"subscribe", "publish"} {
			opNode := item.Node.Get(op)
			if opNode == nil || opNode.Kind != source.Object {
				continue
			}
			msg := opNode.Get("message")
			if msg == nil || msg.Kind != source.Object {
				continue
			}
			opT := item.Child(op, opNode).Child("message", msg)
			for _, rt := range l.messageLeaves(opT, nil, 0) {
				if seen[rt.Key()] {
					continue
				}
				seen[rt.Key()] = true
				uses = append(uses, MessageUse{Doc: doc, Channel: ch.Key, ChannelPos: ch.KeyPos, Operation: op, Target: rt, Node: l.ApplyTraits(rt)})
			}
		}
		for i := range uses {
			uses[i].Siblings, uses[i].Index = len(uses), i
		}
		out = append(out, uses...)
	}
	return out
}

// maxMessageNesting bounds how deep oneOf lists of messages may nest.
const maxMessageNesting = 32

// messageLeaves resolves an operation's message to the messages it stands
// for: the message itself, or the members of its oneOf, however it is
// reached. A message that $refs another operation's message (the subscribe
// side pointing at the publish side's oneOf) or a oneOf item that $refs a
// oneOf expands the same way, so both name the same events. Each oneOf is
// expanded once per call (expanded), so a oneOf that reaches itself, or is
// reached twice, costs no more than its size.
func (l *Loader) messageLeaves(t Target, expanded map[string]bool, depth int) []Target {
	rt, ok := l.Deref(t)
	if !ok || rt.Node == nil || rt.Node.Kind != source.Object || depth > maxMessageNesting {
		return nil
	}
	one := rt.Node.Get("oneOf")
	if one == nil || one.Kind != source.Array {
		return []Target{rt}
	}
	if expanded == nil {
		expanded = map[string]bool{}
	}
	if expanded[rt.Key()] {
		return nil
	}
	expanded[rt.Key()] = true
	var out []Target
	for i, m := range one.Items {
		out = append(out, l.messageLeaves(rt.Child("oneOf", one).Child(itoa(i), m), expanded, depth+1)...)
	}
	return out
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

// ApplyTraits merges a message's (or operation's) traits into it with JSON
// Merge Patch semantics, in order, as AsyncAPI 2.x prescribes. The result
// keeps every node's original position; the input is not modified.
func (l *Loader) ApplyTraits(t Target) *source.Node {
	traits := t.Node.Get("traits")
	if traits == nil || traits.Kind != source.Array {
		return t.Node
	}
	merged := &source.Node{Kind: source.Object, Pos: t.Node.Pos}
	for _, f := range t.Node.Fields {
		if f.Key != "traits" {
			merged.Fields = append(merged.Fields, f)
		}
	}
	for i, tr := range traits.Items {
		rt, ok := l.Deref(t.Child("traits", traits).Child(itoa(i), tr))
		if !ok || rt.Node.Kind != source.Object {
			continue
		}
		merged = mergePatch(merged, rt.Node)
	}
	return merged
}

// mergePatch applies patch to target (RFC 7396) without mutating either.
func mergePatch(target, patch *source.Node) *source.Node {
	if patch.Kind != source.Object {
		return patch
	}
	if target == nil || target.Kind != source.Object {
		target = &source.Node{Kind: source.Object, Pos: patch.Pos}
	}
	out := &source.Node{Kind: source.Object, Pos: target.Pos}
	idx := map[string]int{}
	for _, f := range target.Fields {
		idx[f.Key] = len(out.Fields)
		out.Fields = append(out.Fields, f)
	}
	var drop []string
	for _, f := range patch.Fields {
		if f.Value.Kind == source.Null {
			drop = append(drop, f.Key)
			continue
		}
		if i, ok := idx[f.Key]; ok {
			out.Fields[i] = source.Field{Key: f.Key, KeyPos: f.KeyPos, Value: mergePatch(out.Fields[i].Value, f.Value)}
		} else {
			idx[f.Key] = len(out.Fields)
			out.Fields = append(out.Fields, f)
		}
	}
	if len(drop) > 0 {
		sort.Strings(drop)
		kept := out.Fields[:0]
		for _, f := range out.Fields {
			if i := sort.SearchStrings(drop, f.Key); i < len(drop) && drop[i] == f.Key {
				continue
			}
			kept = append(kept, f)
		}
		out.Fields = kept
	}
	return out
}
