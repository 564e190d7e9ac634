package source

import (
	"strconv"

	"github.com/asyncgen/asyncgen/generator/jsonpointer"
	"github.com/asyncgen/asyncgen/generator/location"
)

// PointerAt returns the JSON pointer of what a diagnostic at pos (a line
// and column of root's file) is about: the deepest field whose key, or
// value that, starts exactly there (a block mapping starts where its first
// key does: the key wins); else the innermost value starting before pos.
// Nodes shared by YAML aliases are visited once, at their first place.
func PointerAt(root *Node, pos location.Pos) string {
	at := func(p location.Pos) bool { return p.Line == pos.Line && p.Col == pos.Col }
	before := func(p location.Pos) bool {
		return p.Line < pos.Line || p.Line == pos.Line && p.Col <= pos.Col
	}
	seen := map[*Node]bool{}
	best, exact := "", false
	var walk func(n *Node, ptr string)
	walk = func(n *Node, ptr string) {
		if seen[n] || !before(n.Pos) {
			return
		}
		seen[n] = true
		if at(n.Pos) {
			best, exact = ptr, true
		} else if !exact {
			best = ptr
		}
		switch n.Kind {
		case Array:
			for i, it := range n.Items {
				walk(it, ptr+"/"+strconv.Itoa(i))
			}
		case Object:
			for _, f := range n.Fields {
				child := jsonpointer.Append(ptr, f.Key)
				if at(f.KeyPos) {
					best, exact = child, true
				}
				walk(f.Value, child)
			}
		}
	}
	walk(root, "")
	return best
}
