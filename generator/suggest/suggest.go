// Package suggest finds the word a misspelt one most likely meant, for the
// "did you mean" of a diagnostic. Every stage that suggests (config keys,
// AsyncAPI fields, schema keywords and types, formats, $ref targets) uses
// it, so that one typo gets the same answer everywhere.
package suggest

import "strings"

// Closest returns the candidate nearest to word when it is near enough to
// be a likely typo, else "". Case is ignored except that a difference in
// case alone still counts as one edit; the first of equally near
// candidates wins, so pass them in a stable order. Near enough means one
// edit, two from five letters on, three from ten.
func Closest(word string, candidates []string) string {
	best, bestD := "", 1<<30
	lw := strings.ToLower(word)
	for _, c := range candidates {
		d := Distance(lw, strings.ToLower(c))
		if word != c && d == 0 {
			d = 1 // differs only in case
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	if Near(word, bestD) {
		return best
	}
	return ""
}

// Near reports whether d edits are few enough, for a word of this length,
// to call it a typo rather than another word.
func Near(word string, d int) bool {
	n := len([]rune(word))
	return d <= 1 || d == 2 && n >= 5 || d == 3 && n >= 10
}

// Distance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours cost 1
// (minLenght is one edit from minLength).
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
