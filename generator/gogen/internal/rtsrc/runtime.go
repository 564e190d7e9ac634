// Package rtsrc is the source of runtime.gen.go, the standard-library helper
// file that gogen writes next to every generated package (the package clause
// is replaced). Keeping it a real package lets it be vetted and unit-tested.
//
// Every identifier here is either exported API of the generated package
// (ValidationError) or starts with "rt", a prefix no generated name uses.
package rtsrc

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"math/bits"
	"net/netip"
	"regexp"
	"regexp/syntax"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// ValidationError is one violation of a contract: the JSON pointer of the
// offending value and what is wrong with it.
type ValidationError struct {
	Path    string
	Message string
	// uncheckable marks a value that could not be checked (see
	// rtUncheckable): still a violation, but not a mismatch combinators
	// may rely on.
	uncheckable bool
}

func (e *ValidationError) Error() string {
	if e.Path == "" {
		return "/: " + e.Message
	}
	return e.Path + ": " + e.Message
}

// rtPath is a JSON pointer built lazily: callers keep it on the stack and it
// is rendered only when a violation is reported.
type rtPath struct {
	parent *rtPath
	key    string
	index  int // >= 0 for an array element
}

func rtKey(p *rtPath, key string) rtPath { return rtPath{parent: p, key: key, index: -1} }
func rtIndex(p *rtPath, i int) rtPath    { return rtPath{parent: p, index: i} }

// render writes the JSON pointer. It copies bytes rather than keeping the
// keys, so that paths on the stack never escape to the heap.
func (p *rtPath) render() string {
	n := 0
	for q := p; q != nil; q = q.parent {
		n++
		if q.index >= 0 {
			var tmp [20]byte
			n += len(strconv.AppendInt(tmp[:0], int64(q.index), 10))
		} else {
			n += len(q.key) + strings.Count(q.key, "~") + strings.Count(q.key, "/")
		}
	}
	b := make([]byte, n)
	i := n
	for q := p; q != nil; q = q.parent {
		if q.index >= 0 {
			var tmp [20]byte
			d := strconv.AppendInt(tmp[:0], int64(q.index), 10)
			i -= len(d)
			copy(b[i:], d)
		} else {
			for k := len(q.key) - 1; k >= 0; k-- {
				switch c := q.key[k]; c {
				case '~':
					i -= 2
					b[i], b[i+1] = '~', '0'
				case '/':
					i -= 2
					b[i], b[i+1] = '~', '1'
				default:
					i--
					b[i] = c
				}
			}
		}
		i--
		b[i] = '/'
	}
	return string(b)
}

// rtFail records one violation at p.
func rtFail(errs *[]error, p *rtPath, msg string) {
	*errs = append(*errs, &ValidationError{Path: p.render(), Message: msg})
}

// rtJoin sorts violations by path (map iteration order must not show) and
// joins them; nil when there are none.
func rtJoin(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	sort.SliceStable(errs, func(i, j int) bool {
		a, aok := errs[i].(*ValidationError)
		b, bok := errs[j].(*ValidationError)
		if aok && bok {
			return a.Path < b.Path
		}
		return aok && !bok
	})
	return errors.Join(errs...)
}

// rtDecode parses one JSON document into JSON-shaped values: json.Number,
// string, bool, nil, []any, map[string]any. It reads like encoding/json
// (invalid UTF-8 becomes U+FFFD, the last of duplicate keys wins) without
// its reflection, and rejects anything after the value.
func rtDecode(data []byte) (any, error) {
	d := rtParser{data: data}
	d.space()
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.space()
	if d.i != len(d.data) {
		return nil, d.fail("data after the top-level value")
	}
	return v, nil
}

type rtParser struct {
	data []byte
	i    int
}

func (d *rtParser) fail(what string) error {
	return errors.New("invalid JSON at offset " + strconv.Itoa(d.i) + ": " + what)
}

func (d *rtParser) space() {
	for d.i < len(d.data) {
		switch d.data[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *rtParser) value(depth int) (any, error) {
	if depth > 10000 {
		return nil, d.fail("nested too deeply")
	}
	if d.i >= len(d.data) {
		return nil, d.fail("unexpected end of input")
	}
	switch c := d.data[d.i]; {
	case c == '{':
		d.i++
		m := map[string]any{}
		d.space()
		if d.i < len(d.data) && d.data[d.i] == '}' {
			d.i++
			return m, nil
		}
		for {
			d.space()
			if d.i >= len(d.data) || d.data[d.i] != '"' {
				return nil, d.fail("expected a string key")
			}
			k, err := d.str()
			if err != nil {
				return nil, err
			}
			d.space()
			if d.i >= len(d.data) || d.data[d.i] != ':' {
				return nil, d.fail("expected ':'")
			}
			d.i++
			d.space()
			v, err := d.value(depth + 1)
			if err != nil {
				return nil, err
			}
			m[k] = v
			d.space()
			if d.i < len(d.data) && d.data[d.i] == ',' {
				d.i++
				continue
			}
			if d.i < len(d.data) && d.data[d.i] == '}' {
				d.i++
				return m, nil
			}
			return nil, d.fail("expected ',' or '}'")
		}
	case c == '[':
		d.i++
		a := []any{}
		d.space()
		if d.i < len(d.data) && d.data[d.i] == ']' {
			d.i++
			return a, nil
		}
		for {
			d.space()
			v, err := d.value(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
			d.space()
			if d.i < len(d.data) && d.data[d.i] == ',' {
				d.i++
				continue
			}
			if d.i < len(d.data) && d.data[d.i] == ']' {
				d.i++
				return a, nil
			}
			return nil, d.fail("expected ',' or ']'")
		}
	case c == '"':
		return d.str()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	}
	return nil, d.fail("unexpected character " + strconv.QuoteRune(rune(d.data[d.i])))
}

func (d *rtParser) literal(word string) error {
	if len(d.data)-d.i < len(word) || string(d.data[d.i:d.i+len(word)]) != word {
		return d.fail("invalid literal")
	}
	d.i += len(word)
	return nil
}

func (d *rtParser) number() (any, error) {
	start := d.i
	digits := func() int {
		n := 0
		for d.i < len(d.data) && d.data[d.i] >= '0' && d.data[d.i] <= '9' {
			d.i++
			n++
		}
		return n
	}
	if d.data[d.i] == '-' {
		d.i++
	}
	if d.i < len(d.data) && d.data[d.i] == '0' {
		d.i++
	} else if digits() == 0 {
		return nil, d.fail("invalid number")
	}
	if d.i < len(d.data) && d.data[d.i] == '.' {
		d.i++
		if digits() == 0 {
			return nil, d.fail("invalid number")
		}
	}
	if d.i < len(d.data) && (d.data[d.i] == 'e' || d.data[d.i] == 'E') {
		d.i++
		if d.i < len(d.data) && (d.data[d.i] == '+' || d.data[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			return nil, d.fail("invalid number")
		}
	}
	return json.Number(d.data[start:d.i]), nil
}

// str reads a string at d.i (the opening quote).
func (d *rtParser) str() (string, error) {
	d.i++
	start := d.i
	for d.i < len(d.data) {
		c := d.data[d.i]
		switch {
		case c == '"':
			s := string(d.data[start:d.i])
			d.i++
			return s, nil
		case c == '\\' || c >= utf8.RuneSelf:
			return d.slowStr(start)
		case c < ' ':
			return "", d.fail("control character in string")
		}
		d.i++
	}
	return "", d.fail("unterminated string")
}

// slowStr decodes escapes and non-ASCII text from start.
func (d *rtParser) slowStr(start int) (string, error) {
	b := make([]byte, 0, d.i-start+16)
	b = append(b, d.data[start:d.i]...)
	for d.i < len(d.data) {
		c := d.data[d.i]
		switch {
		case c == '"':
			d.i++
			return string(b), nil
		case c < ' ':
			return "", d.fail("control character in string")
		case c == '\\':
			d.i++
			if d.i >= len(d.data) {
				return "", d.fail("unterminated string")
			}
			e := d.data[d.i]
			d.i++
			switch e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := d.hex4()
				if !ok {
					return "", d.fail("invalid \\u escape")
				}
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if d.i+1 < len(d.data) && d.data[d.i] == '\\' && d.data[d.i+1] == 'u' {
						save := d.i
						d.i += 2
						if x, ok := d.hex4(); ok {
							r2 = x
						} else {
							return "", d.fail("invalid \\u escape")
						}
						if utf16.DecodeRune(r, r2) == utf8.RuneError {
							d.i = save
							r2 = -1
						}
					}
					if r2 < 0 {
						r = utf8.RuneError
					} else {
						r = utf16.DecodeRune(r, r2)
					}
				}
				b = utf8.AppendRune(b, r)
			default:
				return "", d.fail("invalid escape")
			}
		case c < utf8.RuneSelf:
			b = append(b, c)
			d.i++
		default:
			r, size := utf8.DecodeRune(d.data[d.i:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, d.data[d.i:d.i+size]...)
			}
			d.i += size
		}
	}
	return "", d.fail("unterminated string")
}

func (d *rtParser) hex4() (rune, bool) {
	if len(d.data)-d.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range d.data[d.i : d.i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r*16 + rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r*16 + rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	d.i += 4
	return r, true
}

// rtTypeName names the JSON type of a generic value.
func rtTypeName(v any) string {
	switch n := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if rtIsInteger(string(n)) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

// rtIsInteger reports whether a JSON number has no fractional part (1.0 and
// 1e2 are integers in JSON Schema).
func rtIsInteger(s string) bool {
	mant, exp, ok := rtDecimal(s)
	if ok {
		if mant == 0 || exp >= 0 {
			return true
		}
		for ; exp < 0; exp++ {
			if mant%10 != 0 {
				return false
			}
			mant /= 10
		}
		return true
	}
	r, ok := new(big.Rat).SetString(s)
	return ok && r.IsInt()
}

// rtDecimal splits a JSON number into an unsigned mantissa and a power of
// ten (sign dropped), without allocating; ok is false when the mantissa does
// not fit 64 bits.
func rtDecimal[T rtText](s T) (mant uint64, exp int, ok bool) {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if mant == 0 && s[i] == '0' {
			continue
		}
		if digits >= 19 {
			return 0, 0, false
		}
		mant = mant*10 + uint64(s[i]-'0')
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if mant == 0 && s[i] == '0' {
				exp--
				continue
			}
			if digits >= 19 {
				return 0, 0, false
			}
			mant = mant*10 + uint64(s[i]-'0')
			digits++
			exp--
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		neg := false
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			neg = s[i] == '-'
			i++
		}
		e, n := 0, 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			e = e*10 + int(s[i]-'0')
			if n++; n > 4 {
				return 0, 0, false
			}
		}
		if n == 0 {
			return 0, 0, false
		}
		if neg {
			e = -e
		}
		exp += e
	}
	if i != len(s) {
		return 0, 0, false
	}
	if mant == 0 {
		exp = 0
	}
	return mant, exp, true
}

// rtCompare compares two JSON numbers exactly: -1, 0 or +1.
func rtCompare(a, b string) int {
	if x, err := strconv.ParseInt(a, 10, 64); err == nil {
		if y, err := strconv.ParseInt(b, 10, 64); err == nil {
			switch {
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return 0
		}
	}
	x, errx := strconv.ParseFloat(a, 64)
	y, erry := strconv.ParseFloat(b, 64)
	if errx == nil && erry == nil && x != y {
		// Rounding is monotonic: distinct floats order their decimals.
		if x < y {
			return -1
		}
		return 1
	}
	ra, ok1 := new(big.Rat).SetString(a)
	rb, ok2 := new(big.Rat).SetString(b)
	if !ok1 || !ok2 {
		return 0
	}
	return ra.Cmp(rb)
}

// rtText is the text of a JSON number.
type rtText interface{ ~string | ~[]byte }

// rtMultipleOf reports whether the JSON number v is an integer multiple of
// the JSON number d, exactly (0.3 is a multiple of 0.1).
func rtMultipleOf[T rtText](v T, d string) bool {
	mv, ev, ok1 := rtDecimal(v)
	md, ed, ok2 := rtDecimal(d)
	if ok1 && ok2 && md != 0 {
		if mv == 0 {
			return true
		}
		e := ev - ed
		if e >= 0 {
			// (mv * 10^e) mod md == 0
			r := mv % md
			for ; e > 0 && r != 0; e-- {
				hi, lo := bits.Mul64(r, 10)
				r = bits.Rem64(hi, lo, md)
			}
			return r == 0
		}
		// mv mod (md * 10^-e) == 0
		m := md
		for ; e < 0; e++ {
			hi, lo := bits.Mul64(m, 10)
			if hi != 0 {
				return false // divisor exceeds the value's magnitude
			}
			m = lo
		}
		return mv%m == 0
	}
	rv, okv := new(big.Rat).SetString(string(v))
	rd, okd := new(big.Rat).SetString(d)
	if !okv || !okd || rd.Sign() == 0 {
		return false
	}
	return new(big.Rat).Quo(rv, rd).IsInt()
}

// rtMultipleOfFloat is rtMultipleOf for a float64, read as its shortest
// decimal form (the number as written).
func rtMultipleOfFloat(f float64, d string) bool {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return false
	}
	var buf [32]byte
	return rtMultipleOf(strconv.AppendFloat(buf[:0], f, 'g', -1, 64), d)
}

// rtMultipleOfInt is rtMultipleOf for an int64.
func rtMultipleOfInt(i int64, d string) bool {
	var buf [24]byte
	return rtMultipleOf(strconv.AppendInt(buf[:0], i, 10), d)
}

// rtInt64 converts a JSON integer to int64; ok is false outside int64.
func rtInt64(n json.Number) (int64, bool) {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return i, true
	}
	r, ok := new(big.Rat).SetString(string(n))
	if !ok || !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}
	return r.Num().Int64(), true
}

// rtFloat64 converts a JSON number to float64; ok is false when it overflows.
func rtFloat64(n json.Number) (float64, bool) {
	f, err := strconv.ParseFloat(string(n), 64)
	return f, err == nil
}

// rtEqual is JSON Schema equality of generic values: numbers compare by
// value (1 == 1.0), objects by keys and values, arrays in order.
func rtEqual(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case json.Number:
		y, ok := b.(json.Number)
		return ok && rtCompare(string(x), string(y)) == 0
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !rtEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !rtEqual(xv, yv) {
				return false
			}
		}
		return true
	}
	return false
}

// rtUnique reports whether no two items are equal.
func rtUnique(items []any) bool {
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			if rtEqual(items[i], items[j]) {
				return false
			}
		}
	}
	return true
}

// rtRunes counts code points, as minLength and maxLength do.
func rtRunes(s string) int64 { return int64(utf8.RuneCountInString(s)) }

// rtFormat checks a string format; formats asyncgen does not check pass
// (they are annotations; lint warns about them).
func rtFormat(format, s string) bool {
	switch format {
	case "byte":
		return rtIsBase64(s)
	case "duration":
		return rtIsDuration(s)
	case "uuid":
		return rtIsUUID(s)
	case "date-time":
		return rtIsDateTime(s)
	case "date":
		return rtIsDate(s)
	case "time":
		return rtIsTime(s)
	case "email":
		return rtIsEmail(s)
	case "uri":
		return rtIsURI(s)
	case "hostname":
		return rtIsHostname(s)
	case "ipv4":
		return rtIsIPv4(s)
	case "ipv6":
		return rtIsIPv6(s)
	case "uri-reference":
		return rtIsURIReference(s)
	case "iri":
		return rtIsIRI(s)
	case "iri-reference":
		return rtIsIRIReference(s)
	case "uri-template":
		return rtIsURITemplate(s)
	case "json-pointer":
		return rtIsJSONPointer(s)
	case "relative-json-pointer":
		return rtIsRelativeJSONPointer(s)
	case "regex":
		return rtIsRegex(s)
	case "idn-email":
		return rtIsIDNEmail(s)
	case "idn-hostname":
		return rtIsIDNHostname(s)
	}
	return true
}

// rtIsBase64 reports whether s is standard, padded base64 (RFC 4648 §4),
// OpenAPI's format byte.
func rtIsBase64(s string) bool {
	if len(s)%4 != 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '/':
		case c == '=' && (i == len(s)-1 || i == len(s)-2 && s[len(s)-1] == '='):
		default:
			return false
		}
	}
	return true
}

// rtIsDuration reports whether s is an ISO 8601 duration as RFC 3339
// appendix A writes it (P1Y2M, P3W, PT4H5M6S), as jsonschema/v5 checks it.
func rtIsDuration(s string) bool {
	if len(s) == 0 || s[0] != 'P' {
		return false
	}
	s = s[1:]
	units := func() (string, bool) {
		u := ""
		for len(s) > 0 && s[0] != 'T' {
			n := 0
			for n < len(s) && '0' <= s[n] && s[n] <= '9' {
				n++
			}
			if n == 0 || n == len(s) {
				return u, false
			}
			u += s[n : n+1]
			s = s[n+1:]
		}
		return u, true
	}
	date, ok := units()
	switch {
	case !ok:
		return false
	case date == "W":
		return len(s) == 0
	case date != "":
		if !strings.Contains("YMD", date) {
			return false
		}
		if len(s) == 0 {
			return true
		}
	}
	if len(s) == 0 || s[0] != 'T' {
		return false
	}
	s = s[1:]
	clock, ok := units()
	return ok && len(s) == 0 && clock != "" && strings.Contains("HMS", clock)
}

// rtFitsInt32, rtFitsInt64, rtFitsFloat32 and rtFitsFloat64 check
// OpenAPI's numeric formats int32, int64, float and double on a JSON
// number's text: an integer within the type, or a number that does not
// overflow it.
func rtFitsInt32(s string) bool {
	i, ok := rtNumberInt64(s)
	return ok && i >= math.MinInt32 && i <= math.MaxInt32
}

func rtFitsInt64(s string) bool {
	_, ok := rtNumberInt64(s)
	return ok
}

func rtFitsFloat32(s string) bool {
	_, err := strconv.ParseFloat(s, 32)
	return err == nil
}

func rtFitsFloat64(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// rtNumberInt64 is a JSON number as an int64, if it is an integer within
// int64 (decided on its digits when it has a huge exponent, so that
// 1e999999999 costs nothing).
func rtNumberInt64(s string) (int64, bool) {
	if mant, exp, ok := rtDecimal(s); ok {
		for ; exp < 0; exp++ {
			if mant%10 != 0 {
				return 0, false
			}
			mant /= 10
		}
		for ; exp > 0; exp-- {
			if mant > math.MaxUint64/10 {
				return 0, false
			}
			mant *= 10
		}
		switch neg := strings.HasPrefix(s, "-"); {
		case neg && mant == 1<<63:
			return math.MinInt64, true
		case mant > math.MaxInt64:
			return 0, false
		case neg:
			return -int64(mant), true
		}
		return int64(mant), true
	}
	mantissa, exp, _ := strings.Cut(strings.ToLower(s), "e")
	if len(strings.TrimLeft(strings.TrimLeft(exp, "+-"), "0")) > 4 {
		// |exponent| of 10000 or more: only zero is an int64
		return 0, strings.Trim(mantissa, "+-.0") == ""
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}
	return r.Num().Int64(), true
}

func rtIsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// rtDigits reads n ASCII digits at s[i:].
func rtDigits(s string, i, n int) (int, bool) {
	if i+n > len(s) {
		return 0, false
	}
	v := 0
	for k := i; k < i+n; k++ {
		c := s[k]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

func rtIsDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	y, ok1 := rtDigits(s, 0, 4)
	m, ok2 := rtDigits(s, 5, 2)
	d, ok3 := rtDigits(s, 8, 2)
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// rtIsTime checks an RFC 3339 full-time (an offset is required); a leap
// second is valid only at 23:59:60 UTC.
func rtIsTime(s string) bool {
	if len(s) < 9 || s[2] != ':' || s[5] != ':' {
		return false
	}
	h, ok1 := rtDigits(s, 0, 2)
	m, ok2 := rtDigits(s, 3, 2)
	sec, ok3 := rtDigits(s, 6, 2)
	if !ok1 || !ok2 || !ok3 || h > 23 || m > 59 || sec > 60 {
		return false
	}
	i := 8
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
	if i >= len(s) {
		return false
	}
	offset := 0
	switch s[i] {
	case 'Z', 'z':
		if i+1 != len(s) {
			return false
		}
	case '+', '-':
		if len(s)-i != 6 || s[i+3] != ':' {
			return false
		}
		oh, ok1 := rtDigits(s, i+1, 2)
		om, ok2 := rtDigits(s, i+4, 2)
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return false
		}
		offset = oh*60 + om
		if s[i] == '-' {
			offset = -offset
		}
	default:
		return false
	}
	if sec == 60 {
		utc := ((h*60+m-offset)%1440 + 1440) % 1440
		return utc == 23*60+59
	}
	return true
}

func rtIsDateTime(s string) bool {
	return len(s) > 11 && (s[10] == 'T' || s[10] == 't') && rtIsDate(s[:10]) && rtIsTime(s[11:])
}

func rtIsEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"(),:;<>@[\\]", c) >= 0 {
			return false
		}
	}
	if strings.HasPrefix(domain, "[") && strings.HasSuffix(domain, "]") {
		ip := domain[1 : len(domain)-1]
		if strings.HasPrefix(strings.ToLower(ip), "ipv6:") {
			return rtIsIPv6(ip[5:])
		}
		return rtIsIPv4(ip)
	}
	return rtIsHostname(domain)
}

func rtIsHostname(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if len(s) == 0 || len(s) > 253 {
		return false
	}
	for len(s) > 0 {
		label := s
		if i := strings.IndexByte(s, '.'); i >= 0 {
			label, s = s[:i], s[i+1:]
			if s == "" {
				return false
			}
		} else {
			s = ""
		}
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

func rtIsIPv4(s string) bool {
	parts := 0
	for {
		part := s
		i := strings.IndexByte(s, '.')
		if i >= 0 {
			part = s[:i]
		}
		parts++
		if len(part) == 0 || len(part) > 3 || (len(part) > 1 && part[0] == '0') {
			return false
		}
		n, ok := rtDigits(part, 0, len(part))
		if !ok || n > 255 {
			return false
		}
		if i < 0 {
			break
		}
		s = s[i+1:]
	}
	return parts == 4
}

func rtIsIPv6(s string) bool {
	if strings.ContainsAny(s, "%/[] \t\n") {
		return false
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is6() {
		return false
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 && strings.Contains(s[i:], ".") {
		return rtIsIPv4(s[i+1:])
	}
	return true
}

func rtIsURI(s string) bool { return rtURI(s, false, false) }

func rtIsURIReference(s string) bool { return rtURI(s, true, false) }

func rtIsIRI(s string) bool { return rtURI(s, false, true) }

func rtIsIRIReference(s string) bool { return rtURI(s, true, true) }

// rtURI checks RFC 3986 (RFC 3987 with iri) syntax without allocating: a
// scheme unless relative is allowed, legal characters, well-formed percent
// escapes, at most one fragment.
func rtURI(s string, relative, iri bool) bool {
	colon := strings.IndexAny(s, ":/?#")
	hasScheme := colon > 0 && s[colon] == ':'
	if hasScheme {
		for i := 0; i < colon; i++ {
			c := s[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
				return false
			}
		}
	} else if !relative || colon == 0 && s[0] == ':' {
		return false
	}
	if strings.Count(s, "#") > 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if i+2 >= len(s) || !rtHex(s[i+1]) || !rtHex(s[i+2]) {
				return false
			}
		}
	}
	return rtURIChars(s, iri)
}

func rtHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// rtURIChars rejects characters RFC 3986 never allows unescaped (RFC 3987
// also allows non-ASCII when iri is set).
func rtURIChars(s string, iri bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 && iri {
			continue
		}
		if c <= ' ' || c >= 0x7f || c == '\\' || c == '"' || c == '<' || c == '>' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' {
			return false
		}
	}
	return true
}

func rtIsURITemplate(s string) bool {
	open := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			if open {
				return false
			}
			open = true
		case '}':
			if !open {
				return false
			}
			open = false
		}
	}
	return !open
}

func rtIsJSONPointer(s string) bool {
	if s == "" {
		return true
	}
	if s[0] != '/' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '~' && (i+1 >= len(s) || (s[i+1] != '0' && s[i+1] != '1')) {
			return false
		}
	}
	return true
}

func rtIsRelativeJSONPointer(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || (s[0] == '0' && i > 1) {
		return false
	}
	return s[i:] == "#" || rtIsJSONPointer(s[i:])
}

func rtIsRegex(s string) bool {
	_, err := syntax.Parse(s, syntax.Perl)
	return err == nil
}

func rtIsIDNEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || !utf8.ValidString(s) {
		return false
	}
	local := s[:at]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") || strings.ContainsAny(local, " \"(),:;<>[\\]") {
		return false
	}
	return rtIsIDNHostname(s[at+1:])
}

func rtIsIDNHostname(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if r < 0x80 && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// rtTime converts a checked RFC 3339 date-time; a leap second becomes the
// next second, as time.Time cannot hold it.
func rtTime(s string) (time.Time, bool) {
	leap := len(s) > 19 && s[17:19] == "60"
	if leap {
		s = s[:17] + "59" + s[19:]
	}
	t, err := time.Parse(time.RFC3339Nano, strings.ToUpper(s))
	if err != nil {
		return time.Time{}, false
	}
	if leap {
		t = t.Add(time.Second)
	}
	return t, true
}

// Fail closed. A pattern Go's regexp package cannot compile (lookaround,
// backreferences) cannot be checked, so every value it governs is
// reported, marked uncheckable: a validator never accepts what the schema
// might reject. Where a subschema's outcome is negated or counted (not,
// oneOf, anyOf, if, contains), a subschema whose only violations are
// uncheckable is undecided, neither a match nor a mismatch: the
// combinator reports those violations unless its outcome is the same
// either way.

// rtUncheckable reports that the value at p (or its child key) cannot be
// checked.
func rtUncheckable(errs *[]error, p *rtPath, key, msg string) {
	at := p
	if key != "" {
		k := rtKey(p, key)
		at = &k
	}
	*errs = append(*errs, &ValidationError{Path: at.render(), Message: msg, uncheckable: true})
}

// rtDecided reads the violations one check found: ok when there are none;
// undecided holds them when every one is uncheckable.
func rtDecided(errs []error) (ok bool, undecided []error) {
	if len(errs) == 0 {
		return true, nil
	}
	for _, e := range errs {
		if ve, isVE := e.(*ValidationError); !isVE || !ve.uncheckable {
			return false, nil
		}
	}
	return false, errs
}

// rtMatch checks v with check (see rtDecided).
func rtMatch(check func(any, *rtPath, *[]error), v any, p *rtPath) (ok bool, undecided []error) {
	var errs []error
	check(v, p, &errs)
	return rtDecided(errs)
}

// rtTally counts the branches of a oneOf or anyOf a value matches, and
// the undecided ones.
type rtTally struct {
	n         int
	undecided []error
}

// add records one branch's outcome and returns whether it matched.
func (t *rtTally) add(ok bool, undecided []error) bool {
	if ok {
		t.n++
	}
	t.undecided = append(t.undecided, undecided...)
	return ok
}

// oneOf reports unless exactly one branch matched and none is undecided.
func (t *rtTally) oneOf(p *rtPath, errs *[]error) {
	switch {
	case t.n == 1 && t.undecided == nil:
	case t.n <= 1 && t.undecided != nil:
		*errs = append(*errs, t.undecided...)
	default:
		rtFail(errs, p, "must match exactly one schema of oneOf")
	}
}

// anyOf reports unless a branch matched.
func (t *rtTally) anyOf(p *rtPath, errs *[]error) {
	switch {
	case t.n > 0:
	case t.undecided != nil:
		*errs = append(*errs, t.undecided...)
	default:
		rtFail(errs, p, "must match at least one schema of anyOf")
	}
}

// rtAnyOf checks anyOf: the branches are tried in order until one matches.
func rtAnyOf(v any, p *rtPath, errs *[]error, checks ...func(any, *rtPath, *[]error)) {
	var t rtTally
	for _, c := range checks {
		if t.add(rtMatch(c, v, p)) {
			return
		}
	}
	t.anyOf(p, errs)
}

// rtOneOf checks oneOf: every branch is tried.
func rtOneOf(v any, p *rtPath, errs *[]error, checks ...func(any, *rtPath, *[]error)) {
	var t rtTally
	for _, c := range checks {
		t.add(rtMatch(c, v, p))
	}
	t.oneOf(p, errs)
}

// rtNot checks not.
func rtNot(v any, p *rtPath, errs *[]error, check func(any, *rtPath, *[]error)) {
	switch ok, undecided := rtMatch(check, v, p); {
	case ok:
		rtFail(errs, p, "must not match the schema of not")
	case undecided != nil:
		*errs = append(*errs, undecided...)
	}
}

// rtIf checks if/then/else (then or els may be nil). An undecided if is
// reported unless then and else agree.
func rtIf(v any, p *rtPath, errs *[]error, cond, then, els func(any, *rtPath, *[]error)) {
	ok, undecided := rtMatch(cond, v, p)
	if undecided == nil {
		branch := els
		if ok {
			branch = then
		}
		if branch != nil {
			branch(v, p, errs)
		}
		return
	}
	var a, b []error
	if then != nil {
		then(v, p, &a)
	}
	if els != nil {
		els(v, p, &b)
	}
	okA, undA := rtDecided(a)
	okB, undB := rtDecided(b)
	switch {
	case okA && okB: // valid whichever way the if goes
	case !okA && undA == nil && !okB && undB == nil: // invalid either way
		*errs = append(*errs, a...)
	default:
		*errs = append(*errs, undecided...)
	}
}

// rtIn reports whether v equals one of the values.
func rtIn(v any, values []any) bool {
	for _, w := range values {
		if rtEqual(v, w) {
			return true
		}
	}
	return false
}

// rtMarshal re-encodes a generic value (for json.RawMessage fields).
func rtMarshal(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

func rtIsNull(v any) bool { return v == nil }

func rtIsBool(v any) bool { _, ok := v.(bool); return ok }

func rtIsString(v any) bool { _, ok := v.(string); return ok }

func rtIsNumber(v any) bool { _, ok := v.(json.Number); return ok }

func rtIsInt(v any) bool { n, ok := v.(json.Number); return ok && rtIsInteger(string(n)) }

func rtIsArray(v any) bool { _, ok := v.([]any); return ok }

func rtIsObject(v any) bool { _, ok := v.(map[string]any); return ok }

// rtContains checks contains: one item must pass check. Undecided items
// are reported at the array's path (p) when no item passes.
func rtContains(items []any, p *rtPath, errs *[]error, check func(any, *rtPath, *[]error)) {
	var t rtTally
	for _, it := range items {
		if t.add(rtMatch(check, it, p)) {
			return
		}
	}
	if t.undecided != nil {
		*errs = append(*errs, t.undecided...)
		return
	}
	rtFail(errs, p, "must contain a matching item")
}

// rtUniqueComparable reports whether no two typed items are equal.
func rtUniqueComparable[T comparable](items []T) bool {
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			if items[i] == items[j] {
				return false
			}
		}
	}
	return true
}

// Decoding: typed values are built straight from the generic value with
// JSON Schema's checks (type, required, additionalProperties: false, null).

func rtObject(v any, p *rtPath, errs *[]error) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		rtFail(errs, p, "must be object")
	}
	return m, ok
}

func rtArray(v any, p *rtPath, errs *[]error) ([]any, bool) {
	a, ok := v.([]any)
	if !ok {
		rtFail(errs, p, "must be array")
	}
	return a, ok
}

// rtFailAt reports a violation at p, or at its child key when key is set.
func rtFailAt(errs *[]error, p *rtPath, key, msg string) {
	if key == "" {
		rtFail(errs, p, msg)
		return
	}
	at := rtKey(p, key)
	rtFail(errs, &at, msg)
}

// rtRequire reports every missing key.
func rtRequire(m map[string]any, p *rtPath, errs *[]error, keys ...string) {
	if m == nil {
		return
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			rtFailAt(errs, p, k, "is required")
		}
	}
}

// rtConstField checks a const property that has no Go field (its value is
// fixed by the contract and written by MarshalJSON): when present, its
// value must equal want. Presence is rtRequire's job.
func rtConstField(m map[string]any, key string, want any, p *rtPath, errs *[]error, msg string) {
	if v, ok := m[key]; ok && !rtEqual(v, want) {
		rtFailAt(errs, p, key, msg)
	}
}

// rtStoredColumns decodes a stored row's event_data and event_metadata
// columns as the members of an envelope object; an empty metadata column
// (NULL) is absent.
// rtStoredColumns decodes a stored row's event_data and event_metadata
// columns as the members of an envelope object. An empty metadata column
// (NULL) is absent, and so is the column's default {} when the envelope's
// event_metadata is optional (rtSplitEnvelope writes {} for a nil one).
func rtStoredColumns(data, metadata []byte, optionalMetadata bool) (map[string]any, error) {
	d, err := rtDecode(data)
	if err != nil {
		return nil, errors.New("event_data: " + err.Error())
	}
	m := map[string]any{"event_data": d}
	if len(metadata) > 0 {
		md, err := rtDecode(metadata)
		if err != nil {
			return nil, errors.New("event_metadata: " + err.Error())
		}
		if o, ok := md.(map[string]any); !ok || len(o) > 0 || !optionalMetadata {
			m["event_metadata"] = md
		}
	}
	return m, nil
}

// rtSplitEnvelope returns the columns of an encoded envelope: its
// event_data, its event_metadata ({} when absent or null, the column's
// default) and its stream_id when that is a string.
func rtSplitEnvelope(b []byte) (streamID string, data, metadata []byte, err error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return "", nil, nil, err
	}
	data = m["event_data"]
	if len(data) == 0 {
		return "", nil, nil, errors.New("the envelope has no event_data")
	}
	metadata = m["event_metadata"]
	if len(metadata) == 0 || string(metadata) == "null" {
		metadata = []byte("{}")
	}
	if raw, ok := m["stream_id"]; ok {
		_ = json.Unmarshal(raw, &streamID) // only a string is a stream id
	}
	return streamID, data, metadata, nil
}

// rtEnvelope builds the envelope document of a stored row for an envelope
// type that has no struct fields to fill (a union or generic payload); an
// empty streamType is left out (the envelope has no stream_type). The
// metadata column is the envelope's event_metadata as rtStoredColumns
// reads it: metadataMode 0 means the envelope has none, 1 that it is
// optional (an empty column or {} is absent), 2 that it is required.
func rtEnvelope(eventType, streamType string, data, metadata []byte, metadataMode int) []byte {
	et, _ := json.Marshal(eventType)
	out := append([]byte(`{"event_type":`), et...)
	if streamType != "" {
		st, _ := json.Marshal(streamType)
		out = append(append(out, `,"stream_type":`...), st...)
	}
	out = append(append(out, `,"event_data":`...), data...)
	empty := len(metadata) == 0 || string(metadata) == "{}"
	if metadataMode == 2 && len(metadata) > 0 || metadataMode == 1 && !empty {
		out = append(append(out, `,"event_metadata":`...), metadata...)
	}
	return append(out, '}')
}

// rtMetadataObject checks the event_metadata column of an event whose
// contract has no metadata: it must be empty or a JSON object.
func rtMetadataObject(metadata []byte) error {
	if len(metadata) == 0 {
		return nil
	}
	v, err := rtDecode(metadata)
	if err != nil {
		return errors.New("event_metadata: " + err.Error())
	}
	if _, ok := v.(map[string]any); !ok {
		return &ValidationError{Path: "/event_metadata", Message: "must be an object, not " + rtTypeName(v)}
	}
	return nil
}

// rtOnly reports every key that is not allowed (additionalProperties: false).
func rtOnly(m map[string]any, p *rtPath, errs *[]error, allowed ...string) {
	for k := range m {
		found := false
		for _, a := range allowed {
			if a == k {
				found = true
				break
			}
		}
		if !found {
			rtFailAt(errs, p, k, "is not allowed (additionalProperties)")
		}
	}
}

func rtAsString(v any, p *rtPath, errs *[]error) string {
	s, ok := v.(string)
	if !ok {
		rtFail(errs, p, "must be string")
	}
	return s
}

func rtAsEnum[E ~string](v any, p *rtPath, errs *[]error) E { return E(rtAsString(v, p, errs)) }

func rtAsBool(v any, p *rtPath, errs *[]error) bool {
	b, ok := v.(bool)
	if !ok {
		rtFail(errs, p, "must be boolean")
	}
	return b
}

func rtAsInt64(v any, p *rtPath, errs *[]error) int64 {
	n, ok := v.(json.Number)
	if !ok || !rtIsInteger(string(n)) {
		rtFail(errs, p, "must be integer")
		return 0
	}
	i, ok := rtInt64(n)
	if !ok {
		rtFail(errs, p, "integer out of range for int64")
	}
	return i
}

func rtAsInt32(v any, p *rtPath, errs *[]error) int32 {
	n, ok := v.(json.Number)
	if !ok || !rtIsInteger(string(n)) {
		rtFail(errs, p, "must be integer")
		return 0
	}
	i, ok := rtInt64(n)
	if !ok || i < math.MinInt32 || i > math.MaxInt32 {
		rtFail(errs, p, "integer out of range for int32")
	}
	return int32(i)
}

func rtAsFloat64(v any, p *rtPath, errs *[]error) float64 {
	n, ok := v.(json.Number)
	if !ok {
		rtFail(errs, p, "must be number")
		return 0
	}
	f, ok := rtFloat64(n)
	if !ok {
		rtFail(errs, p, "number out of range for float64")
	}
	return f
}

func rtAsFloat32(v any, p *rtPath, errs *[]error) float32 {
	n, ok := v.(json.Number)
	if !ok {
		rtFail(errs, p, "must be number")
		return 0
	}
	f, err := strconv.ParseFloat(string(n), 32)
	if err != nil {
		rtFail(errs, p, "number out of range for float32")
	}
	return float32(f)
}

func rtAsTime(v any, p *rtPath, errs *[]error) time.Time {
	s, ok := v.(string)
	if !ok {
		rtFail(errs, p, "must be string")
		return time.Time{}
	}
	t, ok := rtTime(s)
	if !ok || !rtIsDateTime(s) {
		rtFail(errs, p, "not a valid date-time")
	}
	return t
}

func rtAsRaw(v any, p *rtPath, errs *[]error) json.RawMessage {
	if _, ok := v.(map[string]any); !ok {
		rtFail(errs, p, "must be object")
		return nil
	}
	return rtMarshal(v)
}

// Field helpers: an absent key gives the zero value (nil for pointers);
// null gives nil when nullable and a type error otherwise.

func rtStr(m map[string]any, key string, p *rtPath, errs *[]error) string {
	v, ok := m[key]
	if !ok {
		return ""
	}
	at := rtKey(p, key)
	return rtAsString(v, &at, errs)
}

func rtStrPtr(m map[string]any, key string, nullable bool, p *rtPath, errs *[]error) *string {
	v, ok := m[key]
	if !ok || v == nil && nullable {
		return nil
	}
	at := rtKey(p, key)
	s := rtAsString(v, &at, errs)
	return &s
}

func rtEnumField[E ~string](m map[string]any, key string, p *rtPath, errs *[]error) E {
	return E(rtStr(m, key, p, errs))
}

func rtEnumPtr[E ~string](m map[string]any, key string, nullable bool, p *rtPath, errs *[]error) *E {
	v, ok := m[key]
	if !ok || v == nil && nullable {
		return nil
	}
	at := rtKey(p, key)
	e := E(rtAsString(v, &at, errs))
	return &e
}

func rtBoolField(m map[string]any, key string, p *rtPath, errs *[]error) bool {
	v, ok := m[key]
	if !ok {
		return false
	}
	at := rtKey(p, key)
	return rtAsBool(v, &at, errs)
}

func rtBoolPtr(m map[string]any, key string, nullable bool, p *rtPath, errs *[]error) *bool {
	v, ok := m[key]
	if !ok || v == nil && nullable {
		return nil
	}
	at := rtKey(p, key)
	b := rtAsBool(v, &at, errs)
	return &b
}

func rtI64(m map[string]any, key string, p *rtPath, errs *[]error) int64 {
	v, ok := m[key]
	if !ok {
		return 0
	}
	at := rtKey(p, key)
	return rtAsInt64(v, &at, errs)
}

func rtI64Ptr(m map[string]any, key string, nullable bool, p *rtPath, errs *[]error) *int64 {
	v, ok := m[key]
	if !ok || v == nil && nullable {
		return nil
	}
	at := rtKey(p, key)
	i := rtAsInt64(v, &at, errs)
	return &i
}

func rtI32(m map[string]any, key string, p *rtPath, errs *[]error) int32 {
	v, ok := m[key]
	if !ok {
		return 0
	}
	at := rtKey(p, key)
	return rtAsInt32(v, &at, errs)
}

func rtI32Ptr(m map[string]any, key string, nullable bool, p *rtPath, errs *[]error) *int32 {
	v, ok := m[key]
	if !ok || v == nil && nullable {
		return nil
	}
	at := rtKey(p, key)
	i := rtAsInt32(v, &at, errs)
	return &i
}

func rtF64(m map[string]any, key string, p *rtPath, errs *[]error) float64 {
	v, ok := m[key]
	if !ok {
		return 0
	}
	at := rtKey(p, key)
	return rtAsFloat64(v, &at, errs)
}

func rtF64Ptr(m map[string]any, key string, nullable bool, p *rtPath, errs *[]error) *float64 {
	v, ok := m[key]
	if !ok || v == nil && nullable {
		return nil
	}
	at := rtKey(p, key)
	f := rtAsFloat64(v, &at, errs)
	return &f
}

func rtF32(m map[string]any, key string, p *rtPath, errs *[]error) float32 {
	v, ok := m[key]
	if !ok {
		return 0
	}
	at := rtKey(p, key)
	return rtAsFloat32(v, &at, errs)
}

func rtF32Ptr(m map[string]any, key string, nullable bool, p *rtPath, errs *[]error) *float32 {
	v, ok := m[key]
	if !ok || v == nil && nullable {
		return nil
	}
	at := rtKey(p, key)
	f := rtAsFloat32(v, &at, errs)
	return &f
}

func rtTimeField(m map[string]any, key string, p *rtPath, errs *[]error) time.Time {
	v, ok := m[key]
	if !ok {
		return time.Time{}
	}
	at := rtKey(p, key)
	return rtAsTime(v, &at, errs)
}

func rtTimePtr(m map[string]any, key string, nullable bool, p *rtPath, errs *[]error) *time.Time {
	v, ok := m[key]
	if !ok || v == nil && nullable {
		return nil
	}
	at := rtKey(p, key)
	t := rtAsTime(v, &at, errs)
	return &t
}

// rtTry converts and validates v as one union branch, reporting nothing
// but its outcome to t.
func rtTry[T any, PT interface {
	*T
	validate(*rtPath, *[]error)
}](v any, p *rtPath, conv func(any, *rtPath, *[]error) T, t *rtTally) (T, bool) {
	var errs []error
	x := conv(v, p, &errs)
	if len(errs) == 0 {
		PT(&x).validate(p, &errs)
	}
	return x, t.add(rtDecided(errs))
}

// Typed validation: one call per constrained value, no allocation unless
// a violation is reported.

// rtCheck reports msg at p (or its child key) unless ok.
func rtCheck(ok bool, p *rtPath, key string, errs *[]error, msg string) {
	if !ok {
		rtFailAt(errs, p, key, msg)
	}
}

// rtStrRule holds the string keywords of one schema.
type rtStrRule struct {
	min, max int64
	hasMax   bool
	pattern  *regexp.Regexp
	// written is the pattern as the contract writes it, when RE2 compiles
	// another spelling (\x{C0} for \u00C0); "" when they are the same.
	written string
	format  string
}

// rtCheckStrP checks a string that may be absent (nil).
func rtCheckStrP[S ~string](s *S, p *rtPath, key string, errs *[]error, r rtStrRule) {
	if s != nil {
		rtCheckStr(*s, p, key, errs, r)
	}
}

func rtCheckStr[S ~string](str S, p *rtPath, key string, errs *[]error, r rtStrRule) {
	s := string(str)
	if r.min > 0 && rtRunes(s) < r.min {
		rtFailAt(errs, p, key, "must be at least "+strconv.FormatInt(r.min, 10)+" characters long")
	}
	if r.hasMax && rtRunes(s) > r.max {
		rtFailAt(errs, p, key, "must be at most "+strconv.FormatInt(r.max, 10)+" characters long")
	}
	if r.pattern != nil && !r.pattern.MatchString(s) {
		written := r.written
		if written == "" {
			written = r.pattern.String()
		}
		rtFailAt(errs, p, key, "must match "+written)
	}
	if r.format != "" && !rtFormat(r.format, s) {
		rtFailAt(errs, p, key, "not a valid "+r.format)
	}
}

// rtIntRule holds the numeric keywords of an integer schema, with
// exclusive and fractional bounds already turned into inclusive integers.
type rtIntRule struct {
	min, max       int64
	hasMin, hasMax bool
	mult           int64  // integral multipleOf
	multText       string // fractional multipleOf
}

// rtCheckIntP checks an integer that may be absent (nil).
func rtCheckIntP[I ~int64 | ~int32](i *I, p *rtPath, key string, errs *[]error, r rtIntRule) {
	if i != nil {
		rtCheckInt(*i, p, key, errs, r)
	}
}

func rtCheckInt[I ~int64 | ~int32](n I, p *rtPath, key string, errs *[]error, r rtIntRule) {
	i := int64(n)
	if r.hasMin && i < r.min {
		rtFailAt(errs, p, key, "must be >= "+strconv.FormatInt(r.min, 10))
	}
	if r.hasMax && i > r.max {
		rtFailAt(errs, p, key, "must be <= "+strconv.FormatInt(r.max, 10))
	}
	if r.mult > 0 && i%r.mult != 0 {
		rtFailAt(errs, p, key, "must be a multiple of "+strconv.FormatInt(r.mult, 10))
	}
	if r.multText != "" && !rtMultipleOfInt(i, r.multText) {
		rtFailAt(errs, p, key, "must be a multiple of "+r.multText)
	}
}

// rtFloatRule holds the numeric keywords of a number schema.
type rtFloatRule struct {
	min, max, exMin, exMax             float64
	hasMin, hasMax, hasExMin, hasExMax bool
	multText                           string
}

// rtCheckFloatP checks a number that may be absent (nil).
func rtCheckFloatP(f *float64, p *rtPath, key string, errs *[]error, r rtFloatRule) {
	if f != nil {
		rtCheckFloat(*f, p, key, errs, r)
	}
}

func rtCheckFloat(f float64, p *rtPath, key string, errs *[]error, r rtFloatRule) {
	if r.hasMin && f < r.min {
		rtFailAt(errs, p, key, "must be >= "+strconv.FormatFloat(r.min, 'g', -1, 64))
	}
	if r.hasMax && f > r.max {
		rtFailAt(errs, p, key, "must be <= "+strconv.FormatFloat(r.max, 'g', -1, 64))
	}
	if r.hasExMin && f <= r.exMin {
		rtFailAt(errs, p, key, "must be > "+strconv.FormatFloat(r.exMin, 'g', -1, 64))
	}
	if r.hasExMax && f >= r.exMax {
		rtFailAt(errs, p, key, "must be < "+strconv.FormatFloat(r.exMax, 'g', -1, 64))
	}
	if r.multText != "" && !rtMultipleOfFloat(f, r.multText) {
		rtFailAt(errs, p, key, "must be a multiple of "+r.multText)
	}
}

// rtUnmarshal decodes data into x with conv, then validates it when the
// decoder found nothing (a partial value would only repeat its errors).
func rtUnmarshal[T any, PT interface {
	*T
	validate(*rtPath, *[]error)
}](data []byte, x PT, conv func(any, *rtPath, *[]error) T) error {
	v, err := rtDecode(data)
	if err != nil {
		return err
	}
	var errs []error
	*x = conv(v, nil, &errs)
	if len(errs) == 0 {
		x.validate(nil, &errs)
	}
	return rtJoin(errs)
}

// Slices of leaves decode through these helpers.

func rtStrSlice(v any, p *rtPath, errs *[]error) []string {
	items, ok := rtArray(v, p, errs)
	if !ok {
		return nil
	}
	out := make([]string, len(items))
	for i, it := range items {
		ip := rtIndex(p, i)
		out[i] = rtAsString(it, &ip, errs)
	}
	return out
}

func rtEnumSlice[E ~string](v any, p *rtPath, errs *[]error) []E {
	items, ok := rtArray(v, p, errs)
	if !ok {
		return nil
	}
	out := make([]E, len(items))
	for i, it := range items {
		ip := rtIndex(p, i)
		out[i] = E(rtAsString(it, &ip, errs))
	}
	return out
}

func rtI64Slice(v any, p *rtPath, errs *[]error) []int64 {
	items, ok := rtArray(v, p, errs)
	if !ok {
		return nil
	}
	out := make([]int64, len(items))
	for i, it := range items {
		ip := rtIndex(p, i)
		out[i] = rtAsInt64(it, &ip, errs)
	}
	return out
}

func rtF64Slice(v any, p *rtPath, errs *[]error) []float64 {
	items, ok := rtArray(v, p, errs)
	if !ok {
		return nil
	}
	out := make([]float64, len(items))
	for i, it := range items {
		ip := rtIndex(p, i)
		out[i] = rtAsFloat64(it, &ip, errs)
	}
	return out
}

func rtBoolSlice(v any, p *rtPath, errs *[]error) []bool {
	items, ok := rtArray(v, p, errs)
	if !ok {
		return nil
	}
	out := make([]bool, len(items))
	for i, it := range items {
		ip := rtIndex(p, i)
		out[i] = rtAsBool(it, &ip, errs)
	}
	return out
}

// rtObjectOrNil is the object v, or nil after reporting that v is not one
// (nil maps read as empty, and rtRequire and rtOnly skip them).
func rtObjectOrNil(v any, p *rtPath, errs *[]error) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		rtFail(errs, p, "must be object")
	}
	return m
}

// rtSub decodes the value at key with conv (absent: the zero value).
func rtSub[T any](m map[string]any, key string, p *rtPath, errs *[]error, conv func(any, *rtPath, *[]error) T) (x T) {
	v, ok := m[key]
	if !ok {
		return x
	}
	at := rtKey(p, key)
	return conv(v, &at, errs)
}

// rtSubPtr decodes the value at key with conv into a pointer (absent, or
// null when nullable: nil).
func rtSubPtr[T any](m map[string]any, key string, nullable bool, p *rtPath, errs *[]error, conv func(any, *rtPath, *[]error) T) *T {
	v, ok := m[key]
	if !ok || v == nil && nullable {
		return nil
	}
	at := rtKey(p, key)
	x := conv(v, &at, errs)
	return &x
}
