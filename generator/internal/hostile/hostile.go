// Package hostile builds the inputs that made asyncgen's cost grow faster
// than its input (issue 14): deep nesting, huge mappings, many documents,
// long $ref chains. Tests check that each is linted or refused with the
// right diagnostic; benchmarks measure time and peak memory at 10 MB.
package hostile

import (
	"bytes"
	"fmt"
	"strconv"
)

// Shape is one kind of hostile contract file.
type Shape struct {
	Name string
	// Build returns a file of about size bytes (at least one unit of the
	// shape).
	Build func(size int) []byte
}

// repeat writes unit n times (at least once) so that the whole is about
// size bytes, between prefix and suffix.
func repeat(size int, prefix, suffix string, unit func(b *bytes.Buffer, i int)) []byte {
	var b bytes.Buffer
	b.Grow(size + 64)
	b.WriteString(prefix)
	for i := 0; i == 0 || b.Len() < size-len(suffix); i++ {
		unit(&b, i)
	}
	b.WriteString(suffix)
	return b.Bytes()
}

// Shapes are the worst shapes found, in the order of the issue.
var Shapes = []Shape{
	{"flow-nesting", func(size int) []byte {
		n := size / 2
		return append(bytes.Repeat([]byte("["), n), bytes.Repeat([]byte("]"), n)...)
	}},
	{"block-nesting", func(size int) []byte {
		return append(bytes.Repeat([]byte("- "), size/2), "x\n"...)
	}},
	{"block-keys-then-null", func(size int) []byte {
		return repeat(size, "", "x-null:\n", func(b *bytes.Buffer, i int) {
			b.WriteString("k" + strconv.Itoa(i) + ": v\n")
		})
	}},
	{"block-keys", func(size int) []byte {
		return repeat(size, "", "", func(b *bytes.Buffer, i int) {
			b.WriteString("k" + strconv.Itoa(i) + ": v\n")
		})
	}},
	{"flow-keys", func(size int) []byte {
		return repeat(size, "{", "}", func(b *bytes.Buffer, i int) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("k" + strconv.Itoa(i) + ": v")
		})
	}},
	{"flow-items", func(size int) []byte {
		return repeat(size, "[", "]", func(b *bytes.Buffer, i int) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('1')
		})
	}},
	{"anchored-keys", func(size int) []byte {
		return repeat(size, "", "", func(b *bytes.Buffer, i int) {
			fmt.Fprintf(b, "k%d: &a%d v\n", i, i)
		})
	}},
	{"documents", func(size int) []byte {
		return repeat(size, "", "", func(b *bytes.Buffer, i int) {
			b.WriteString("---\na: 1\n")
		})
	}},
	{"ref-chain", func(size int) []byte {
		// An AsyncAPI document whose payload is the start of a chain of
		// $refs through components/schemas: S0 -> S1 -> … -> a string.
		const head = "asyncapi: 2.6.0\ninfo: {title: Chain, version: 1.0.0}\nchannels:\n  chain.started:\n    subscribe:\n      message:\n        name: chain.started\n        payload: {$ref: '#/components/schemas/S0'}\ncomponents:\n  schemas:\n"
		const unit = len("    S000000: {$ref: '#/components/schemas/S000001'}\n")
		n := max(1, (size-len(head))/unit)
		var b bytes.Buffer
		b.WriteString(head)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "    S%d: {$ref: '#/components/schemas/S%d'}\n", i, i+1)
		}
		fmt.Fprintf(&b, "    S%d: {type: object}\n", n)
		return b.Bytes()
	}},
	{"events", func(size int) []byte {
		// A valid document with as many events as fit: every stage of
		// lint runs on all of them.
		const head = "asyncapi: 2.6.0\ninfo: {title: Many, version: 1.0.0}\nchannels:\n"
		return repeat(size, head, "", func(b *bytes.Buffer, i int) {
			fmt.Fprintf(b, "  thing%d.created:\n    subscribe:\n      message:\n        name: thing%d.created\n        payload:\n          type: object\n          required: [id]\n          properties:\n            id: {type: string, format: uuid}\n            count: {type: integer, minimum: 0}\n        examples:\n          - payload: {id: 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f, count: 1}\n", i, i)
		})
	}},
	{"long-scalar", func(size int) []byte {
		return append(append([]byte("description: "), bytes.Repeat([]byte("word "), size/5)...), '\n')
	}},
	{"comments", func(size int) []byte {
		return repeat(size, "", "a: 1\n", func(b *bytes.Buffer, i int) {
			b.WriteString("# a comment line\n")
		})
	}},
}

// Fit returns the shape at about size bytes or, when that has more line
// breaks and indicator characters than limit (the pre-scan's bound), at
// the largest size that has at most limit: the largest input of the shape
// that reaches goccy/go-yaml.
func (s Shape) Fit(size, limit int) []byte {
	data := s.Build(size)
	for n := indicators(data); n > limit; n = indicators(data) {
		size = int(float64(size) * float64(limit) * 0.99 / float64(n))
		data = s.Build(size)
	}
	return data
}

// indicators counts the bytes that may end a YAML token.
func indicators(data []byte) int {
	n := 0
	for _, c := range data {
		switch c {
		case '\n', '\r', ':', '-', '?', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
			n++
		}
	}
	return n
}
