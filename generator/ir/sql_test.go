package ir

import (
	"strings"
	"testing"
)

// TestSQLHashedName: a readable prefix, "_" and 8 hex digits of the key's
// SHA-256, within the budget, never cutting a character in half; the same
// on every machine (the expected values are fixed).
func TestSQLHashedName(t *testing.T) {
	for _, c := range []struct {
		name, key string
		max       int
		want      string
	}{
		{"handle_shop_item_added", "shop.item_added", 63, "handle_shop_item_added_375f5b96"},
		{strings.Repeat("a", 70), strings.Repeat("a", 70), 63, strings.Repeat("a", 54) + "_6bd5e503"},
		{strings.Repeat("é", 40), "k", 20, "ééééé_8254c329"},
	} {
		got := SQLHashedName(c.name, c.key, c.max)
		if got != c.want || len(got) > c.max {
			t.Errorf("SQLHashedName(%q, %q, %d) = %q, want %q", c.name, c.key, c.max, got, c.want)
		}
	}
	if SQLShortName("short") != "short" || len(SQLShortName(strings.Repeat("x", 100))) != MaxSQLIdentifier {
		t.Error("SQLShortName changes short names or misses the limit")
	}
}
