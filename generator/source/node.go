// Package source turns contract bytes into JSON-shaped trees whose every node
// keeps its file:line:col. It reads YAML (and JSON, which is YAML) with
// goccy/go-yaml and converts the AST itself, so that alias expansion is
// bounded and scalar traps are visible.
package source

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/asyncgen/asyncgen/generator/location"
)

// Kind is the JSON kind of a node.
type Kind uint8

// Node kinds, one per JSON value kind.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

func (k Kind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// Node is one JSON-shaped value with its position. Nodes reached through a
// YAML alias are shared, never copied; Size counts the expanded tree.
type Node struct {
	Kind Kind
	Pos  location.Pos
	// Str is the string value, the JSON number literal, or "true"/"false".
	Str string
	// Quoted is true for a string written with quotes or as a block scalar.
	Quoted bool
	// Plain is the source text of an unquoted non-string scalar ("1.10", "010").
	Plain  string
	Items  []*Node
	Fields []Field
	size   int
	// index maps keys to Fields for large objects (built while parsing),
	// so that looking up one of n keys is not a scan of n: a $ref into
	// components/schemas of a large file would make resolving quadratic.
	index map[string]int
}

// Field is one key of an object.
type Field struct {
	Key    string
	KeyPos location.Pos
	Value  *Node
}

// Size is the number of nodes in the expanded tree.
func (n *Node) Size() int {
	if n == nil {
		return 0
	}
	return n.size
}

// Get returns the value of key, or nil.
func (n *Node) Get(key string) *Node {
	if f := n.Field(key); f != nil {
		return f.Value
	}
	return nil
}

// Field returns the field named key, or nil.
func (n *Node) Field(key string) *Field {
	if n == nil || n.Kind != Object {
		return nil
	}
	if n.index != nil {
		if i, ok := n.index[key]; ok && i < len(n.Fields) && n.Fields[i].Key == key {
			return &n.Fields[i]
		}
		return nil
	}
	for i := range n.Fields {
		if n.Fields[i].Key == key {
			return &n.Fields[i]
		}
	}
	return nil
}

// Has reports whether the object has key.
func (n *Node) Has(key string) bool { return n.Field(key) != nil }

// StringValue returns the string value and whether the node is a string.
func (n *Node) StringValue() (string, bool) {
	if n == nil || n.Kind != String {
		return "", false
	}
	return n.Str, true
}

// Text returns the value as written for scalars (used in messages).
func (n *Node) Text() string {
	if n == nil {
		return ""
	}
	switch n.Kind {
	case String:
		return n.Str
	case Null:
		return "null"
	case Array:
		return "array"
	case Object:
		return "object"
	}
	if n.Plain != "" {
		return n.Plain
	}
	return n.Str
}

// Float returns a number node's value.
func (n *Node) Float() (float64, bool) {
	if n == nil || n.Kind != Number {
		return 0, false
	}
	f, err := strconv.ParseFloat(n.Str, 64)
	return f, err == nil
}

// Int returns a number node's value when it is a whole number.
func (n *Node) Int() (int64, bool) {
	if n == nil || n.Kind != Number {
		return 0, false
	}
	if i, err := strconv.ParseInt(n.Str, 10, 64); err == nil {
		return i, true
	}
	f, err := strconv.ParseFloat(n.Str, 64)
	if err != nil || f != float64(int64(f)) {
		return 0, false
	}
	return int64(f), true
}

// Value converts the tree to plain Go JSON values (map[string]any, []any,
// json.Number, string, bool, nil). The caller must have checked the size budget.
func (n *Node) Value() any {
	switch n.Kind {
	case Null:
		return nil
	case Bool:
		return n.Str == "true"
	case Number:
		return json.Number(n.Str)
	case String:
		return n.Str
	case Array:
		out := make([]any, len(n.Items))
		for i, it := range n.Items {
			out[i] = it.Value()
		}
		return out
	default:
		out := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			out[f.Key] = f.Value.Value()
		}
		return out
	}
}

// MarshalJSON writes the node as JSON with keys in source order.
func (n *Node) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	n.writeJSON(&b)
	return b.Bytes(), nil
}

func (n *Node) writeJSON(b *bytes.Buffer) {
	switch n.Kind {
	case Null:
		b.WriteString("null")
	case Bool, Number:
		b.WriteString(n.Str)
	case String:
		s, _ := json.Marshal(n.Str)
		b.Write(s)
	case Array:
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			it.writeJSON(b)
		}
		b.WriteByte(']')
	case Object:
		b.WriteByte('{')
		for i, f := range n.Fields {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(f.Key)
			b.Write(k)
			b.WriteByte(':')
			f.Value.writeJSON(b)
		}
		b.WriteByte('}')
	}
}

// Lookup follows a decoded JSON pointer (reference tokens) from n.
func (n *Node) Lookup(tokens []string) *Node {
	cur := n
	for _, t := range tokens {
		if cur == nil {
			return nil
		}
		switch cur.Kind {
		case Object:
			cur = cur.Get(t)
		case Array:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(cur.Items) || (len(t) > 1 && t[0] == '0') {
				return nil
			}
			cur = cur.Items[i]
		default:
			return nil
		}
	}
	return cur
}
