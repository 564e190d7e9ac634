package source

import (
	"fmt"

	"github.com/goccy/go-yaml/token"

	"github.com/asyncgen/asyncgen/generator/location"
)

// Reading YAML with goccy/go-yaml costs linear time in its lexer, but its
// lexer keeps every token (~300 bytes with its text and position) and its
// parser is quadratic in places: in nesting depth (50,000 levels of [ took
// 3.9 GB), in the keys of one block mapping (it adds each key by recursion
// and copying: 20,000 keys took 1.6 GB) and in the number of documents.
// So a file is checked twice before that cost is paid, each time in
// linear time:
//
//   - scanBytes, before the lexer: every token goccy makes ends at a line
//     break, at an indicator character (: - , [ ] { } # & * ! | > ' " % @ `
//     ?) or at the end, so twice their count, plus one, bounds the tokens;
//   - scanTokens, before the parser (and the fast path): nesting depth,
//     a second document, and the keys of block mappings, measured on the
//     tokens themselves, so that the checks see exactly what the parser
//     would.

// DefaultMaxTokens bounds the YAML tokens of one file: keys, values,
// punctuation, anchors, tags and comments. Half a million is about 150 MB
// in goccy/go-yaml and keeps the worst file that passes within about a
// second of lint; the largest real contracts have tens of thousands.
const DefaultMaxTokens = 500_000

// maxTokenBytes bounds one token's bytes: the run between two line breaks
// or indicators. goccy's scanner grows a rune buffer for a token one rune
// at a time, so a 10 MB scalar costs seconds and hundreds of MB; no
// contract has a scalar of a mebibyte on one line.
const maxTokenBytes = 1 << 20

// parserBudget bounds the sum, over the block mappings of a file, of the
// square of their key counts, for files that goccy's parser must read (the
// fast path reads the others in linear time): a single mapping of
// parserMaxKeys keys costs that parser about 0.1 s and 100 MB.
const (
	parserMaxKeys = 5000
	parserBudget  = parserMaxKeys * parserMaxKeys
)

// refusal is a diagnostic that stops reading a file.
type refusal struct {
	pos  location.Pos
	rule string
	msg  string
}

// isTokenEnd reports whether c may end a goccy token: a line break or an
// indicator character.
func isTokenEnd(c byte) bool {
	switch c {
	case '\n', '\r', ':', '-', '?', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return true
	}
	return false
}

// scanBytes refuses data whose tokens could exceed maxTokens, at the byte
// where the bound is passed, and a run of more than maxTokenBytes bytes
// without a line break or an indicator (one huge token), where it starts.
func scanBytes(file string, data []byte, maxTokens int) *refusal {
	limit := maxTokens / 2
	n, line, lineAt, runAt := 0, 1, 0, 0
	at := func(i int) location.Pos {
		col := 1
		for _, b := range data[lineAt:i] {
			if b&0xC0 != 0x80 {
				col++
			}
		}
		return location.Pos{File: file, Line: line, Col: col}
	}
	for i, c := range data {
		if !isTokenEnd(c) {
			if i-runAt >= maxTokenBytes {
				return &refusal{at(runAt), RuleInputLimit,
					fmt.Sprintf("a scalar of more than %d bytes without a line break or YAML indicator starts here, longer than asyncgen reads", maxTokenBytes)}
			}
			continue
		}
		if n++; n > limit {
			return &refusal{at(i), RuleInputLimit,
				fmt.Sprintf("the file has more than %d line breaks and YAML indicators (: - , [ ] { } # & * ! | > quotes), so it may hold more than %d YAML tokens, the most asyncgen reads per file (limits.max_tokens in asyncgen.yaml)", limit, maxTokens)}
		}
		if c == '\n' {
			line, lineAt = line+1, i+1
		}
		runAt = i + 1
	}
	return nil
}

// tokenScan is what scanTokens learned about a file goccy's parser may
// have to read.
type tokenScan struct {
	depth int // the deepest nesting
	// cost is the sum of the squares of the block mappings' key counts;
	// biggest is the first key of the block mapping with the most keys.
	cost        int64
	biggest     *token.Token
	biggestKeys int
}

// blockLevel is an open block collection: the column of its entries.
type blockLevel struct {
	col   int
	keys  int
	first *token.Token
}

// scanTokens measures nesting, documents and block mappings on goccy's
// tokens and refuses nesting deeper than maxDepth and a second document.
func scanTokens(c *converter, tokens token.Tokens) (tokenScan, *refusal) {
	var s tokenScan
	var block []blockLevel
	flow := 0
	content, second := false, false
	closeTo := func(col int) {
		for len(block) > 0 && block[len(block)-1].col > col {
			l := block[len(block)-1]
			block = block[:len(block)-1]
			s.cost += int64(l.keys) * int64(l.keys)
			if l.keys > s.biggestKeys {
				s.biggestKeys, s.biggest = l.keys, l.first
			}
		}
	}
	// open records a block entry at col: a key of a mapping, or an item.
	open := func(t *token.Token, col int, key bool) {
		closeTo(col)
		if len(block) == 0 || block[len(block)-1].col < col {
			block = append(block, blockLevel{col: col, first: t})
		}
		if key {
			block[len(block)-1].keys++
		}
	}
	deep := func(t *token.Token) *refusal {
		d := len(block) + flow
		s.depth = max(s.depth, d)
		if d > maxDepth {
			return &refusal{c.pos(t), RuleInputLimit, fmt.Sprintf("YAML nested deeper than %d levels", maxDepth)}
		}
		return nil
	}
	for i, t := range tokens {
		if t.Position == nil {
			continue
		}
		switch t.Type {
		case token.CommentType, token.DirectiveType:
			continue
		case token.DocumentHeaderType, token.DocumentEndType:
			closeTo(-1)
			second = second || content
			continue
		}
		if second {
			return s, &refusal{c.pos(t), RuleYAMLSyntax, "a contract file must hold one YAML document, found a second one here"}
		}
		content = true
		switch t.Type {
		case token.SequenceStartType, token.MappingStartType:
			flow++
		case token.SequenceEndType, token.MappingEndType:
			flow = max(0, flow-1)
		case token.SequenceEntryType:
			if flow == 0 {
				open(t, t.Position.Column, false)
			}
		case token.MappingKeyType:
			if flow == 0 {
				open(t, t.Position.Column, true)
			}
		default:
			if flow == 0 && i+1 < len(tokens) && tokens[i+1].Type == token.MappingValueType {
				open(t, t.Position.Column, true)
			}
		}
		if r := deep(t); r != nil {
			return s, r
		}
	}
	closeTo(-1)
	return s, nil
}
