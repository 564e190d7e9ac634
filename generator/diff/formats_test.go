package diff

import (
	"testing"
)

// TestModes parses every mode name and prints it back.
func TestModes(t *testing.T) {
	for _, name := range ModeNames {
		m, err := ParseMode(name)
		if err != nil || m.String() != name {
			t.Errorf("ParseMode(%q) = %v, %v", name, m, err)
		}
	}
	if _, err := ParseMode("none-transitive"); err == nil {
		t.Error("none-transitive accepted")
	}
	if m, _ := ParseMode("FULL_TRANSITIVE"); m != (Mode{Backward: true, Forward: true, Transitive: true}) {
		t.Errorf("FULL_TRANSITIVE = %v", m)
	}
}

// TestDeclaredBump covers the version arithmetic, 0.x included.
func TestDeclaredBump(t *testing.T) {
	for _, c := range []struct {
		old, new string
		want     Bump
	}{
		{"1.0.0", "2.0.0", BumpMajor}, {"1.0.0", "1.1.0", BumpMinor}, {"1.0.0", "1.0.1", BumpPatch},
		{"1.2.3", "1.2.3", BumpNone}, {"0.3.2", "0.4.0", BumpMajor}, {"0.3.2", "0.3.3", BumpMinor},
		{"0.3.2", "1.0.0", BumpMajor}, {"1.0.0", "1.1.0-rc.1", BumpMinor},
	} {
		o, _ := parseSemver(c.old)
		n, _ := parseSemver(c.new)
		if got := declaredBump(o, n); got != c.want {
			t.Errorf("%s → %s: %s, want %s", c.old, c.new, got, c.want)
		}
	}
}
