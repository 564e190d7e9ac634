package source

import (
	"errors"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// The fast path builds nodes straight from goccy/go-yaml's tokens for the
// YAML that contracts are written in: block and flow collections of
// scalars and block scalars, with comments. goccy's parser builds an AST of
// its own first (about two thirds of its time and most of its garbage on a
// large tree), which the converter then walks.
//
// The fast path declines (errDecline) whatever it does not know to read the
// way goccy's parser does: anchors, aliases, tags, merge keys, explicit
// `?` keys, directives and document markers, empty values (implicit
// nulls), duplicate keys, any indentation it does not expect, and every
// error. Parse then runs goccy's parser on the same tokens, so that such
// input gets exactly the tree or the diagnostic it always got. Scalars are
// read with the converter's own code through goccy's ast constructors. A
// differential test and FuzzParse check that both paths agree on every
// input the fast path accepts.

var errDecline = errors.New("fast path declined")

type fastBuilder struct {
	c    *converter
	toks []*token.Token // without comments
	i    int
}

// buildFast returns the root node, or errDecline.
func buildFast(c *converter, all token.Tokens) (*Node, error) {
	toks := make([]*token.Token, 0, len(all))
	for _, t := range all {
		switch t.Type {
		case token.CommentType:
			continue
		case token.InvalidType, token.UnknownType:
			return nil, errDecline
		}
		if t.Position == nil || t.Error != "" {
			return nil, errDecline
		}
		toks = append(toks, t)
	}
	if len(toks) == 0 {
		return nil, errDecline
	}
	b := &fastBuilder{c: c, toks: toks}
	root, err := b.value(0, false)
	if err != nil {
		return nil, err
	}
	if b.i != len(b.toks) {
		return nil, errDecline
	}
	return root, nil
}

func (b *fastBuilder) cur() *token.Token {
	if b.i < len(b.toks) {
		return b.toks[b.i]
	}
	return nil
}

func (b *fastBuilder) peek(k int) *token.Token {
	if b.i+k < len(b.toks) {
		return b.toks[b.i+k]
	}
	return nil
}

// isScalar reports whether t is a scalar the fast path reads (a key or a value).
func isScalar(t *token.Token) bool {
	switch t.Type {
	case token.StringType, token.SingleQuoteType, token.DoubleQuoteType,
		token.NullType, token.BoolType, token.FloatType,
		token.IntegerType, token.BinaryIntegerType, token.OctetIntegerType, token.HexIntegerType:
		return true
	}
	return false
}

// value reads the node that starts at the current token. sameLine is set
// for a block mapping's value written on the line of its key, where a
// nested block collection is not allowed.
func (b *fastBuilder) value(depth int, sameLine bool) (*Node, error) {
	if depth > maxDepth {
		return nil, errDecline
	}
	t := b.cur()
	if t == nil {
		return nil, errDecline
	}
	switch t.Type {
	case token.SequenceEntryType:
		if sameLine {
			return nil, errDecline
		}
		return b.blockSeq(depth, t.Position.Column)
	case token.SequenceStartType, token.MappingStartType:
		n, err := b.flow(depth)
		if err != nil {
			return nil, err
		}
		if next := b.cur(); next != nil && next.Type == token.MappingValueType {
			return nil, errDecline // a flow collection used as a key
		}
		return n, nil
	case token.LiteralType, token.FoldedType:
		body := b.peek(1)
		if body == nil || body.Type != token.StringType {
			return nil, errDecline
		}
		b.i += 2
		return &Node{Kind: String, Pos: b.c.pos(t), Str: body.Value, Quoted: true, size: 1}, b.count(t)
	}
	if !isScalar(t) {
		return nil, errDecline
	}
	if next := b.peek(1); next != nil && next.Type == token.MappingValueType {
		if sameLine {
			return nil, errDecline
		}
		return b.blockMap(depth, t.Position.Column)
	}
	b.i++
	return b.scalar(t)
}

func (b *fastBuilder) count(t *token.Token) error {
	if b.c.count(1, t) != nil {
		return errDecline
	}
	return nil
}

// scalar converts one scalar token the way convert converts its AST node.
func (b *fastBuilder) scalar(t *token.Token) (*Node, error) {
	var n *Node
	var err error
	switch t.Type {
	case token.NullType:
		n, err = b.c.convert(ast.Null(t), 0)
	case token.BoolType:
		n, err = b.c.convert(ast.Bool(t), 0)
	case token.FloatType:
		n, err = b.c.convert(ast.Float(t), 0)
	case token.IntegerType, token.BinaryIntegerType, token.OctetIntegerType, token.HexIntegerType:
		if isJSONNumber(t.Value) {
			// The decoded value is not used for a JSON-compatible literal.
			n, err = b.c.number(t, "")
		} else {
			n, err = b.c.convert(ast.Integer(t), 0)
		}
	default:
		n, err = b.c.stringNode(t, t.Value)
	}
	if err != nil || b.c.failed {
		return nil, errDecline
	}
	return n, nil
}

// blockMap reads a block mapping whose keys are at column col.
func (b *fastBuilder) blockMap(depth, col int) (*Node, error) {
	first := b.cur()
	out := &Node{Kind: Object, Pos: b.c.pos(first), size: 1}
	lastLine := 0
	for {
		k := b.cur()
		if k == nil || k.Position.Column < col {
			break
		}
		if k.Position.Column > col || k.Position.Line <= lastLine || !isScalar(k) {
			return nil, errDecline
		}
		colon := b.peek(1)
		if colon == nil || colon.Type != token.MappingValueType || colon.Position.Line != k.Position.Line {
			return nil, errDecline
		}
		b.i += 2
		v := b.cur()
		var val *Node
		var err error
		switch {
		case v == nil:
			return nil, errDecline // an empty value at the end
		case v.Position.Line == colon.Position.Line:
			val, err = b.value(depth+1, true)
		case v.Position.Column > col || v.Position.Column == col && v.Type == token.SequenceEntryType:
			val, err = b.value(depth+1, false)
		default:
			return nil, errDecline // an empty value
		}
		if err != nil {
			return nil, err
		}
		if err := addField(out, Field{Key: k.Value, KeyPos: b.c.pos(k), Value: val}); err != nil {
			return nil, err
		}
		lastLine = k.Position.Line
	}
	if err := endMap(out); err != nil {
		return nil, err
	}
	return out, b.count(first)
}

// addField appends f to the mapping out. A repeated key declines (goccy's
// parser reports it): small mappings are checked here, key by key, larger
// ones once by endMap.
func addField(out *Node, f Field) error {
	if len(out.Fields) <= seenMapAbove && fieldIndex(out.Fields, nil, f.Key) >= 0 {
		return errDecline
	}
	out.Fields = append(out.Fields, f)
	out.size += f.Value.size
	return nil
}

// endMap checks a mapping larger than seenMapAbove for a repeated key,
// and keeps the key index it builds.
func endMap(out *Node) error {
	if len(out.Fields) <= seenMapAbove {
		return nil
	}
	seen := make(map[string]int, len(out.Fields))
	for i, f := range out.Fields {
		if _, ok := seen[f.Key]; ok {
			return errDecline
		}
		seen[f.Key] = i
	}
	out.index = seen
	return nil
}

// blockSeq reads a block sequence whose entries are at column col.
func (b *fastBuilder) blockSeq(depth, col int) (*Node, error) {
	first := b.cur()
	out := &Node{Kind: Array, Pos: b.c.pos(first), size: 1}
	lastLine := 0
	for {
		dash := b.cur()
		if dash == nil || dash.Position.Column < col {
			break
		}
		if dash.Type != token.SequenceEntryType {
			if dash.Position.Column == col {
				break // the next key of a mapping the sequence is a value of
			}
			return nil, errDecline
		}
		if dash.Position.Column > col || dash.Position.Line <= lastLine {
			return nil, errDecline
		}
		b.i++
		v := b.cur()
		if v == nil || v.Position.Line != dash.Position.Line && v.Position.Column <= col {
			return nil, errDecline // an empty entry
		}
		val, err := b.value(depth+1, false)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, val)
		out.size += val.size
		lastLine = dash.Position.Line
	}
	return out, b.count(first)
}

// flow reads a flow sequence or mapping.
func (b *fastBuilder) flow(depth int) (*Node, error) {
	if depth > maxDepth {
		return nil, errDecline
	}
	open := b.cur()
	b.i++
	isMap := open.Type == token.MappingStartType
	end := token.SequenceEndType
	out := &Node{Kind: Array, Pos: b.c.pos(open), size: 1}
	if isMap {
		end = token.MappingEndType
		out.Kind = Object
	}
	for first := true; ; first = false {
		t := b.cur()
		if t == nil {
			return nil, errDecline
		}
		if t.Type == end {
			if !first {
				return nil, errDecline // a trailing comma
			}
			b.i++
			return out, b.count(open)
		}
		var key *token.Token
		if isMap {
			colon := b.peek(1)
			if !isScalar(t) || colon == nil || colon.Type != token.MappingValueType {
				return nil, errDecline
			}
			key = t
			b.i += 2
			if v := b.cur(); v == nil || v.Type == token.CollectEntryType || v.Type == end {
				return nil, errDecline // an empty value
			}
		}
		val, err := b.flowValue(depth + 1)
		if err != nil {
			return nil, err
		}
		if isMap {
			if err := addField(out, Field{Key: key.Value, KeyPos: b.c.pos(key), Value: val}); err != nil {
				return nil, err
			}
		} else {
			out.Items = append(out.Items, val)
			out.size += val.size
		}
		switch sep := b.cur(); {
		case sep == nil:
			return nil, errDecline
		case sep.Type == token.CollectEntryType:
			b.i++
			if next := b.cur(); next != nil && next.Type == end {
				return nil, errDecline // a trailing comma
			}
		case sep.Type == end:
			b.i++
			if err := endMap(out); err != nil {
				return nil, err
			}
			return out, b.count(open)
		default:
			return nil, errDecline
		}
	}
}

// flowValue reads one value inside a flow collection.
func (b *fastBuilder) flowValue(depth int) (*Node, error) {
	t := b.cur()
	switch {
	case t == nil:
		return nil, errDecline
	case t.Type == token.SequenceStartType || t.Type == token.MappingStartType:
		return b.flow(depth)
	case isScalar(t):
		if next := b.peek(1); next != nil && next.Type == token.MappingValueType {
			return nil, errDecline // a single-pair mapping inside a flow sequence
		}
		b.i++
		return b.scalar(t)
	}
	return nil, errDecline
}

// isJSONNumber reports whether s is a JSON number literal.
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}
