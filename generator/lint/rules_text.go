package lint

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/asyncgen/asyncgen/generator/jsonpointer"
)

// checkInvisibleCharacters reports every string (value or key) of every
// loaded file that holds a NUL or a byte order mark. PostgreSQL's text
// and jsonb cannot store a NUL, so the generated SQL writes it as the text
// \x00 (ir.Storable), and an event whose data holds one cannot be stored;
// a byte order mark inside text is an encoding accident nobody sees. Both
// are invisible in an editor, so the diagnostic says where in the string
// the character is. The official parser accepts both, and generation
// handles both, so the rule warns.
func checkInvisibleCharacters(c *Context) {
	for _, u := range c.Set.ResourceURLs {
		raw := c.Set.ResourceJSON(u)
		// encoding/json writes NUL as \u0000 and a byte order mark as
		// itself: most files need no second look.
		if !bytes.Contains(raw, []byte(`\u0000`)) && !bytes.Contains(raw, []byte("\uFEFF")) {
			continue
		}
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		var v any
		if d.Decode(&v) != nil {
			continue
		}
		walkStrings(v, "", "the value", func(pointer, label, s string, key bool) {
			for _, bad := range []struct {
				r    rune
				name string
				why  string
			}{
				{0, "a NUL character (U+0000)", `PostgreSQL text and jsonb cannot store it: the generated SQL writes it as the text \x00, and no event holding it in its data can be stored`},
				{'\uFEFF', "a byte order mark (U+FEFF)", "it is an encoding accident, invisible in an editor"},
			} {
				i := strings.IndexRune(s, bad.r)
				if i < 0 {
					continue
				}
				what := label
				if key {
					what = "the key " + strconv.Quote(s)
				}
				c.Report(c.Set.Locate(u, pointer), "%s holds %s at character %d: %s; remove it", what, bad.name, utf8.RuneCountInString(s[:i])+1, bad.why)
			}
		})
	}
}

// walkStrings calls visit for every string value and object key below v,
// with the JSON pointer of the value (for a key: of its member) and a
// label for messages (description, enum[2]), in a stable order.
func walkStrings(v any, pointer, label string, visit func(pointer, label, s string, key bool)) {
	switch x := v.(type) {
	case string:
		visit(pointer, label, x, false)
	case []any:
		for i, it := range x {
			walkStrings(it, pointer+"/"+strconv.Itoa(i), label+"["+strconv.Itoa(i)+"]", visit)
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := pointer + "/" + jsonpointer.Escape(k)
			visit(p, "", k, true)
			walkStrings(x[k], p, keyLabel(k), visit)
		}
	}
}

// keyLabel names a member in a message: as written when it is a plain
// word (description, x-note), else quoted.
func keyLabel(k string) string {
	for _, r := range k {
		if !(r == '_' || r == '-' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return strconv.Quote(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}
