package source

import "github.com/asyncgen/asyncgen/generator/diag"

// ParseGoccy parses with goccy/go-yaml's parser only, never the fast path.
func ParseGoccy(path string, data []byte, maxNodes int) (*File, diag.List) {
	return parse(path, data, Limits{MaxNodes: maxNodes}, false)
}

// ParseFastOnly reports whether the fast path accepts data.
func ParseFastOnly(path string, data []byte, maxNodes int) bool {
	tokens, err := tokenize(data)
	if err != nil {
		return false
	}
	if maxNodes <= 0 {
		maxNodes = DefaultMaxNodes
	}
	_, err = buildFast(&converter{file: path, maxNodes: maxNodes}, tokens)
	return err == nil
}

// Prescan returns the bound the byte scan puts on goccy's tokens (-1 when
// it refuses data), goccy's token count, and the nesting depth the token
// scan measures (-1 when it refuses).
func Prescan(data []byte) (bound, tokens, depth int) {
	bound, depth = 1, -1
	for _, c := range data {
		if isTokenEnd(c) {
			bound += 2
		}
	}
	toks, err := tokenize(data)
	if err != nil {
		return bound, 0, -1
	}
	if s, r := scanTokens(&converter{file: "x.yaml"}, toks); r == nil {
		depth = s.depth
	}
	return bound, len(toks), depth
}

// Depth returns the nesting depth of a tree (a scalar is 0).
func Depth(n *Node) int {
	d := 0
	for _, it := range n.Items {
		d = max(d, Depth(it)+1)
	}
	for _, f := range n.Fields {
		d = max(d, Depth(f.Value)+1)
	}
	return d
}
