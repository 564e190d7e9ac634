package source

import "github.com/asyncgen/asyncgen/generator/diag"

// ParseGoccy parses with goccy/go-yaml's parser only, never the fast path.
func ParseGoccy(path string, data []byte, maxNodes int) (*File, diag.List) {
	return parse(path, data, maxNodes, false)
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
