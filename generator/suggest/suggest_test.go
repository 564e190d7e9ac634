package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"minLenght", "minLength", 1}, {"integr", "integer", 1},
		{"kitten", "sitting", 3}, {"date-time", "datetime", 1}, {"héllo", "hello", 1},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestClosest(t *testing.T) {
	keywords := []string{"maxLength", "minLength", "minimum", "maximum", "type", "format"}
	for _, c := range []struct {
		word string
		want string
	}{
		{"minLenght", "minLength"},
		{"maximun", "maximum"},
		{"Type", "type"},     // case alone is a slip
		{"tpye", "type"},     // a swap is one edit
		{"typ", "type"},      // short words: one edit
		{"tp", ""},           // two edits in a short word is another word
		{"pattern", ""},      // nothing near
		{"formta", "format"}, // two letters swapped
	} {
		if got := Closest(c.word, keywords); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
	if got := Closest("UUID", []string{"uri", "uuid"}); got != "uuid" {
		t.Errorf("Closest(UUID) = %q", got)
	}
	if got := Closest("dateTime", []string{"date", "date-time", "time"}); got != "date-time" {
		t.Errorf("Closest(dateTime) = %q", got)
	}
	if got := Closest("x", nil); got != "" {
		t.Errorf("Closest with no candidates = %q", got)
	}
}
