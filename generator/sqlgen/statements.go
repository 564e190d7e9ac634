package sqlgen

import (
	"fmt"
	"strings"
)

// statement is one SQL statement of a generated file: Text is the
// statement itself (through its ';'), Comment the comment lines right
// above it.
type statement struct {
	Comment, Text string
}

// splitStatements splits generated SQL into statements. It knows what
// generated SQL contains: single-quoted literals (plain or E-prefixed), double-quoted
// identifiers, dollar-quoted bodies, -- and /* */ comments. Text after the
// last ';' must be blank or comments.
func splitStatements(sql string) ([]statement, error) {
	var out []statement
	var comment strings.Builder
	start := -1 // start of the current statement, -1 between statements
	i := 0
	for i < len(sql) {
		c := sql[i]
		switch {
		case c == '-' && strings.HasPrefix(sql[i:], "--"):
			end := strings.IndexByte(sql[i:], '\n')
			if end < 0 {
				end = len(sql) - i
			}
			if start < 0 {
				comment.WriteString(sql[i : i+end])
				comment.WriteByte('\n')
			}
			i += end
			continue
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			end := strings.Index(sql[i+2:], "*/")
			if end < 0 {
				return nil, fmt.Errorf("unterminated /* comment at byte %d", i)
			}
			i += end + 4
			continue
		case c == '\n' && start < 0:
			if i > 0 && sql[i-1] == '\n' {
				comment.Reset() // a blank line ends a comment block
			}
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
			continue
		}
		if start < 0 {
			start = i
		}
		switch {
		case c == ';':
			out = append(out, statement{Comment: comment.String(), Text: sql[start : i+1]})
			comment.Reset()
			start = -1
			i++
		case c == '\'':
			escapes := i > 0 && (sql[i-1] == 'E' || sql[i-1] == 'e') && (i < 2 || !isWordByte(sql[i-2]))
			end, err := skipQuoted(sql, i, '\'', escapes)
			if err != nil {
				return nil, err
			}
			i = end
		case c == '"':
			end, err := skipQuoted(sql, i, '"', false)
			if err != nil {
				return nil, err
			}
			i = end
		case c == '$':
			tag := dollarTag(sql[i:])
			if tag == "" {
				i++
				continue
			}
			end := strings.Index(sql[i+len(tag):], tag)
			if end < 0 {
				return nil, fmt.Errorf("unterminated %s body at byte %d", tag, i)
			}
			i += len(tag) + end + len(tag)
		default:
			i++
		}
	}
	if start >= 0 {
		return nil, fmt.Errorf("statement without ';' at byte %d: %s", start, firstWords(sql[start:], 6))
	}
	return out, nil
}

// skipQuoted returns the index after the quoted text starting at sql[i]
// (a doubled quote stands for itself; with escapes, \ escapes a byte).
func skipQuoted(sql string, i int, q byte, escapes bool) (int, error) {
	for j := i + 1; j < len(sql); j++ {
		switch sql[j] {
		case '\\':
			if escapes {
				j++
			}
		case q:
			if j+1 < len(sql) && sql[j+1] == q {
				j++
				continue
			}
			return j + 1, nil
		}
	}
	return 0, fmt.Errorf("unterminated %c quote at byte %d", q, i)
}

// dollarTag returns the $tag$ that s starts with, or "".
func dollarTag(s string) string {
	for j := 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '$':
			return s[:j+1]
		case c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (j > 1 && c >= '0' && c <= '9'):
		default:
			return ""
		}
	}
	return ""
}

func isWordByte(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// words splits the head of a statement into words: runs of text outside
// quotes up to white space or one of ( ) , ;, with quoted identifiers and
// literals kept whole inside a word (public."My Table" is one word); each
// of ( ) , is a word of its own. It stops after n words (n <= 0: all).
func words(s string, n int) []string {
	var out []string
	i := 0
	for i < len(s) && (n <= 0 || len(out) < n) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';':
			i++
			continue
		case c == '(' || c == ')' || c == ',':
			out = append(out, string(c))
			i++
			continue
		}
		j := i
		for j < len(s) {
			c := s[j]
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '(' || c == ')' || c == ',' {
				break
			}
			if c == '"' || c == '\'' {
				end, err := skipQuoted(s, j, c, c == '\'' && j > i && (s[j-1] == 'E' || s[j-1] == 'e'))
				if err != nil {
					j = len(s)
					break
				}
				j = end
				continue
			}
			j++
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

// firstWords is the first n words of s, for messages.
func firstWords(s string, n int) string {
	return strings.Join(words(s, n), " ")
}
