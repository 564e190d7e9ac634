package source

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/location"
)

// Rule ids of the diagnostics this stage reports.
const (
	RuleYAMLSyntax     = "spec/yaml-syntax"
	RuleDuplicateKey   = "spec/duplicate-key"
	RuleAliasExpansion = "spec/yaml-alias-limit"
	RuleYAMLScalar     = "spec/yaml-scalar"
	RuleInputLimit     = "spec/input-limit"
)

// DefaultMaxNodes bounds the expanded size of one file. Real contract files
// have a few thousand nodes; an alias bomb has billions.
const DefaultMaxNodes = 1_000_000

// maxDepth bounds nesting, so hostile input cannot exhaust the stack.
const maxDepth = 512

// File is one parsed contract file.
type File struct {
	// Path is the display path (slash-separated, relative to the working directory).
	Path string
	Root *Node
}

type converter struct {
	file     string
	anchors  map[string]*Node
	total    int
	maxNodes int
	diags    diag.List
	failed   bool
}

type positioned interface {
	GetToken() *token.Token
	GetMessage() string
}

var errBudget = errors.New("budget exceeded")

// Limits bound the cost of reading one file.
type Limits struct {
	// MaxNodes bounds the tree with aliases expanded (0: DefaultMaxNodes).
	MaxNodes int
	// MaxTokens bounds the YAML tokens of the file (0: DefaultMaxTokens).
	MaxTokens int
}

// Parse reads one YAML or JSON file. maxNodes <= 0 means DefaultMaxNodes.
// On a fatal problem Root is nil and the diagnostics say why.
func Parse(path string, data []byte, maxNodes int) (*File, diag.List) {
	return parse(path, data, Limits{MaxNodes: maxNodes}, true)
}

// ParseLimited is Parse with all the limits.
func ParseLimited(path string, data []byte, lim Limits) (*File, diag.List) {
	return parse(path, data, lim, true)
}

// utf8BOM is the UTF-8 encoding of U+FEFF.
var utf8BOM = []byte("\ufeff")

// parse is Parse; fast false skips the fast path (tests compare the two).
func parse(path string, data []byte, lim Limits, fast bool) (*File, diag.List) {
	// A byte order mark may open a YAML stream (YAML 1.2, section 5.2) and
	// a JSON text (RFC 8259 lets parsers ignore it); Windows editors and
	// .NET tools write one. It is an encoding marker, not content, and no
	// editor counts it as a column, so it is dropped before positions are
	// taken. A BOM anywhere else is text (codegen/invisible-character).
	data = bytes.TrimPrefix(data, utf8BOM)
	maxNodes := lim.MaxNodes
	if maxNodes <= 0 {
		maxNodes = DefaultMaxNodes
	}
	if lim.MaxTokens <= 0 {
		lim.MaxTokens = DefaultMaxTokens
	}
	c := &converter{file: path, anchors: map[string]*Node{}, maxNodes: maxNodes}
	refuse := func(r *refusal) (*File, diag.List) {
		c.diags.Add(r.pos, diag.Error, r.rule, r.msg)
		return &File{Path: path}, c.diags
	}
	if r := scanBytes(path, data, lim.MaxTokens); r != nil {
		return refuse(r)
	}
	tokens, err := tokenize(data)
	var scan tokenScan
	if err == nil {
		var r *refusal
		if scan, r = scanTokens(c, tokens); r != nil {
			return refuse(r)
		}
	}
	if err == nil && fast {
		fc := &converter{file: path, maxNodes: maxNodes}
		if root, err := buildFast(fc, tokens); err == nil {
			return &File{Path: path, Root: root}, fc.diags
		}
	}
	if err == nil && scan.cost > parserBudget {
		return refuse(&refusal{c.pos(scan.biggest), RuleInputLimit, fmt.Sprintf("this mapping has %d keys: too many for a file that uses anchors, aliases, tags, empty values or explicit keys, which asyncgen reads with a parser whose cost grows with the square of a mapping's size (keep such a file's mappings under %d keys)", scan.biggestKeys, parserMaxKeys)})
	}
	var f *ast.File
	if err == nil {
		f, err = parseTokens(tokens)
	}
	if err != nil {
		pos := location.Pos{File: path, Line: 1, Col: 1}
		msg := err.Error()
		var pe positioned
		var tok *token.Token
		if errors.As(err, &pe) {
			if tok = pe.GetToken(); tok != nil && tok.Position != nil {
				pos.Line, pos.Col = tok.Position.Line, tok.Position.Column
			}
			msg = pe.GetMessage()
		}
		rule := RuleYAMLSyntax
		if m := dupKey.FindStringSubmatch(msg); m != nil {
			rule = RuleDuplicateKey
			msg = fmt.Sprintf("duplicate key %s (first defined at line %s)", m[1], m[2])
		} else if open := unclosedFlow(tok, msg); open != nil {
			// The parser notices a missing , or ] at the next token, often a
			// line later; the separator belongs right after the last value.
			msg = fmt.Sprintf("invalid YAML: ',' or '%s' must follow", closing[open.Type])
			if last := lastValue(tok, open); last != nil {
				msg += fmt.Sprintf(" %q", last.Value)
				pos.Line, pos.Col = last.Position.Line, last.Position.Column
			} else {
				msg += " " + open.Value
				pos.Line, pos.Col = open.Position.Line, open.Position.Column
			}
			msg += fmt.Sprintf(" (the %s at line %d, column %d is not closed)", open.Value, open.Position.Line, open.Position.Column)
		} else {
			msg = "invalid YAML: " + msg
		}
		c.diags.Add(pos, diag.Error, rule, msg)
		return &File{Path: path}, c.diags
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		return &File{Path: path, Root: &Node{Kind: Null, Pos: location.Pos{File: path, Line: 1, Col: 1}, size: 1}}, nil
	}
	if len(docs) > 1 {
		c.diags.Add(c.pos(docs[1].Body.GetToken()), diag.Error, RuleYAMLSyntax, "a contract file must hold one YAML document, found a second one here")
		return &File{Path: path}, c.diags
	}
	root, err := c.convert(docs[0].Body, 0)
	if err != nil || c.failed {
		return &File{Path: path}, c.diags
	}
	return &File{Path: path, Root: root}, c.diags
}

var closing = map[token.Type]string{token.SequenceStartType: "]", token.MappingStartType: "}"}

// unclosedFlow finds the [ or { that a "',' or ']' must be specified" error
// is about: the nearest unmatched opener before the token the parser
// stopped at.
func unclosedFlow(at *token.Token, msg string) *token.Token {
	var open, close token.Type
	switch {
	case at == nil:
		return nil
	case strings.Contains(msg, "',' or ']' must be specified"):
		open, close = token.SequenceStartType, token.SequenceEndType
	case strings.Contains(msg, "',' or '}' must be specified"):
		open, close = token.MappingStartType, token.MappingEndType
	default:
		return nil
	}
	depth := 0
	for t := at.Prev; t != nil; t = t.Prev {
		switch t.Type {
		case close:
			depth++
		case open:
			if depth == 0 {
				if t.Position == nil {
					return nil
				}
				return t
			}
			depth--
		}
	}
	return nil
}

// lastValue is the token before at, skipping comments, unless that is the
// opener itself.
func lastValue(at, open *token.Token) *token.Token {
	t := at.Prev
	for t != nil && t.Type == token.CommentType {
		t = t.Prev
	}
	if t == nil || t == open || t.Position == nil {
		return nil
	}
	return t
}

// tokenize runs goccy's lexer, turning a panic into an error.
func tokenize(data []byte) (tokens token.Tokens, err error) {
	defer func() {
		if r := recover(); r != nil {
			tokens, err = nil, fmt.Errorf("parser failure: %v", r)
		}
	}()
	return lexer.Tokenize(string(data)), nil
}

// parseTokens runs goccy's parser, turning a panic into an error.
func parseTokens(tokens token.Tokens) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("parser failure: %v", r)
		}
	}()
	return parser.Parse(tokens, 0)
}

func (c *converter) pos(t *token.Token) location.Pos {
	if t == nil || t.Position == nil {
		return location.Pos{File: c.file, Line: 1, Col: 1}
	}
	return location.Pos{File: c.file, Line: t.Position.Line, Col: t.Position.Column}
}

func (c *converter) fail(t *token.Token, rule, format string, args ...any) error {
	c.diags.Add(c.pos(t), diag.Error, rule, fmt.Sprintf(format, args...))
	c.failed = true
	return errBudget
}

func (c *converter) count(n int, t *token.Token) error {
	c.total += n
	if c.total > c.maxNodes {
		return c.fail(t, RuleAliasExpansion, "YAML expands to more than %d nodes (alias expansion limit); remove the nested aliases", c.maxNodes)
	}
	return nil
}

func (c *converter) convert(n ast.Node, depth int) (*Node, error) {
	if depth > maxDepth { // the pre-scan refuses this first; kept as the stack's guard
		return nil, c.fail(n.GetToken(), RuleInputLimit, "YAML nested deeper than %d levels", maxDepth)
	}
	switch v := n.(type) {
	case *ast.MappingNode:
		return c.mapping(v, v.Values, depth)
	case *ast.MappingValueNode:
		return c.mapping(v, []*ast.MappingValueNode{v}, depth)
	case *ast.SequenceNode:
		out := &Node{Kind: Array, Pos: c.pos(v.Start), size: 1}
		if len(v.Values) > 0 {
			out.Items = make([]*Node, 0, len(v.Values))
		}
		for _, it := range v.Values {
			child, err := c.convert(it, depth+1)
			if err != nil {
				return nil, err
			}
			out.Items = append(out.Items, child)
			out.size += child.size
		}
		return out, c.count(1, v.Start)
	case *ast.AnchorNode:
		val, err := c.convert(v.Value, depth+1)
		if err != nil {
			return nil, err
		}
		c.anchors[v.Name.GetToken().Value] = val
		return val, nil
	case *ast.AliasNode:
		name := v.Value.GetToken().Value
		target, ok := c.anchors[name]
		if !ok {
			return nil, c.fail(v.Start, RuleYAMLSyntax, "alias *%s refers to no complete anchor &%s before it", name, name)
		}
		return target, c.count(target.size, v.Start)
	case *ast.TagNode:
		if v.Value == nil {
			return &Node{Kind: Null, Pos: c.pos(v.Start), size: 1}, c.count(1, v.Start)
		}
		if v.Start.Value == "!!str" {
			switch s := v.Value.(type) {
			case *ast.LiteralNode:
				return &Node{Kind: String, Pos: c.pos(v.Start), Str: s.Value.Value, Quoted: true, size: 1}, c.count(1, v.Start)
			case *ast.AnchorNode, *ast.AliasNode:
				// Convert first, so that the anchor is registered and the
				// alias resolved, then read a scalar result as a string.
				val, err := c.convert(s, depth+1)
				if err != nil || val.Kind == String || val.Kind == Array || val.Kind == Object {
					return val, err
				}
				return &Node{Kind: String, Pos: c.pos(v.Start), Str: val.Text(), Quoted: true, size: 1}, nil
			case ast.ScalarNode:
				return &Node{Kind: String, Pos: c.pos(v.Start), Str: fmt.Sprint(s.GetToken().Value), Quoted: true, size: 1}, c.count(1, v.Start)
			}
		}
		return c.convert(v.Value, depth+1)
	case *ast.LiteralNode:
		return &Node{Kind: String, Pos: c.pos(v.Start), Str: v.Value.Value, Quoted: true, size: 1}, c.count(1, v.Start)
	case *ast.NullNode:
		return &Node{Kind: Null, Pos: c.pos(v.Token), size: 1}, c.count(1, v.Token)
	case *ast.BoolNode:
		return &Node{Kind: Bool, Pos: c.pos(v.Token), Str: strconv.FormatBool(v.Value), Plain: v.Token.Value, size: 1}, c.count(1, v.Token)
	case *ast.IntegerNode:
		return c.number(v.Token, fmt.Sprint(v.Value))
	case *ast.FloatNode:
		return c.number(v.Token, strconv.FormatFloat(v.Value, 'g', -1, 64))
	case *ast.InfinityNode, *ast.NanNode:
		return nil, c.fail(n.GetToken(), RuleYAMLScalar, "%s is not a JSON number; quote it if a string is meant", n.GetToken().Value)
	case *ast.StringNode:
		return c.stringNode(v.Token, v.Value)
	case nil:
		return &Node{Kind: Null, Pos: location.Pos{File: c.file, Line: 1, Col: 1}, size: 1}, nil
	}
	return nil, c.fail(n.GetToken(), RuleYAMLSyntax, "unsupported YAML construct %s", n.Type())
}

// stringNode converts a string scalar (plain or quoted) with value s.
func (c *converter) stringNode(t *token.Token, s string) (*Node, error) {
	quoted := t.Type == token.SingleQuoteType || t.Type == token.DoubleQuoteType
	if !quoted && t.Type == token.StringType && mayBeFloat(s) && yamlFloat.MatchString(s) {
		// goccy reads some YAML 1.2 floats (1e-8) as strings; JSON and
		// YAML 1.2 both say they are numbers.
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return c.number(t, strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	return &Node{Kind: String, Pos: c.pos(t), Str: s, Quoted: quoted, size: 1}, c.count(1, t)
}

var dupKey = regexp.MustCompile(`mapping key (".*") already defined at \[(\d+):\d+\]`)

// yamlFloat is the YAML 1.2 core-schema float syntax (without .inf/.nan).
var yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// mayBeFloat is a quick test before yamlFloat: a float starts with a sign,
// a dot or a digit; most plain strings do not, and skip the regexp.
func mayBeFloat(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	return c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9'
}

// number keeps JSON-compatible literals as written (so 1.10 stays 1.10) and
// reports literals whose meaning differs between YAML 1.1 and 1.2 (010, 0x1F).
func (c *converter) number(t *token.Token, decoded string) (*Node, error) {
	text := t.Value
	n := &Node{Kind: Number, Pos: c.pos(t), Plain: text, size: 1}
	if isJSONNumber(text) {
		n.Str = text
	} else {
		n.Str = decoded
		if !isJSONNumber(decoded) {
			return nil, c.fail(t, RuleYAMLScalar, "%s is not a JSON number; quote it if a string is meant", text)
		}
		c.diags.Add(c.pos(t), diag.Warning, RuleYAMLScalar, fmt.Sprintf("number %s is read as %s; write %s, or quote it if a string is meant", text, decoded, decoded))
	}
	return n, c.count(1, t)
}

func (c *converter) mapping(at ast.Node, values []*ast.MappingValueNode, depth int) (*Node, error) {
	out := &Node{Kind: Object, Pos: c.pos(at.GetToken()), size: 1}
	if m, ok := at.(*ast.MappingNode); ok && m.IsFlowStyle {
		out.Pos = c.pos(m.Start)
	} else if len(values) > 0 && values[0].Key != nil {
		out.Pos = c.pos(values[0].Key.GetToken())
	}
	if len(values) > 0 {
		out.Fields = make([]Field, 0, len(values))
	}
	// Keys are looked up by a scan of the fields so far: most mappings are
	// small, and a map per mapping was a large share of the allocations.
	var seen map[string]int
	if len(values) > seenMapAbove {
		seen = make(map[string]int, len(values))
	}
	var merges []*Node
	for _, mv := range values {
		if mv.Key == nil {
			continue
		}
		if mv.Key.IsMergeKey() {
			val, err := c.convert(mv.Value, depth+1)
			if err != nil {
				return nil, err
			}
			switch val.Kind {
			case Object:
				merges = append(merges, val)
			case Array:
				for _, it := range val.Items {
					if it.Kind != Object {
						return nil, c.fail(mv.Key.GetToken(), RuleYAMLSyntax, "merge key << takes a mapping or a list of mappings")
					}
					merges = append(merges, it)
				}
			default:
				return nil, c.fail(mv.Key.GetToken(), RuleYAMLSyntax, "merge key << takes a mapping or a list of mappings")
			}
			continue
		}
		key, keyTok, err := c.key(mv.Key, depth)
		if err != nil {
			return nil, err
		}
		if prev := fieldIndex(out.Fields, seen, key); prev >= 0 {
			p := out.Fields[prev].KeyPos
			return nil, c.fail(keyTok, RuleDuplicateKey, "duplicate key %q (first defined at line %d)", key, p.Line)
		}
		val, err := c.convert(mv.Value, depth+1)
		if err != nil {
			return nil, err
		}
		if seen != nil {
			seen[key] = len(out.Fields)
		}
		out.Fields = append(out.Fields, Field{Key: key, KeyPos: c.pos(keyTok), Value: val})
		out.size += val.size
	}
	for _, m := range merges {
		if seen == nil && len(out.Fields)+len(m.Fields) > seenMapAbove {
			seen = make(map[string]int, len(out.Fields)+len(m.Fields))
			for i, f := range out.Fields {
				seen[f.Key] = i
			}
		}
		for _, f := range m.Fields {
			if fieldIndex(out.Fields, seen, f.Key) >= 0 {
				continue
			}
			if seen != nil {
				seen[f.Key] = len(out.Fields)
			}
			out.Fields = append(out.Fields, f)
			out.size += f.Value.size
			if err := c.count(f.Value.size, at.GetToken()); err != nil {
				return nil, err
			}
		}
	}
	if len(out.Fields) == 0 {
		out.Fields = nil // as if nothing had been preallocated
	}
	out.index = seen
	return out, c.count(1, at.GetToken())
}

// seenMapAbove is the mapping size from which keys are indexed in a map.
const seenMapAbove = 16

// fieldIndex returns the index of key in fields, or -1; seen, when not nil,
// indexes every key of fields.
func fieldIndex(fields []Field, seen map[string]int, key string) int {
	if seen != nil {
		if i, ok := seen[key]; ok {
			return i
		}
		return -1
	}
	for i := range fields {
		if fields[i].Key == key {
			return i
		}
	}
	return -1
}

func (c *converter) key(k ast.MapKeyNode, depth int) (string, *token.Token, error) {
	var n ast.Node = k
	for {
		switch v := n.(type) {
		case *ast.MappingKeyNode:
			n = v.Value
			continue
		case *ast.TagNode:
			n = v.Value
			continue
		case *ast.AnchorNode:
			n = v.Value
			continue
		case *ast.StringNode:
			return v.Value, v.Token, nil
		case *ast.LiteralNode:
			return v.Value.Value, v.Start, nil
		case ast.ScalarNode:
			return v.GetToken().Value, v.GetToken(), nil
		}
		break
	}
	return "", n.GetToken(), c.fail(n.GetToken(), RuleYAMLSyntax, "mapping keys must be scalars")
}
