package location

import "testing"

func TestDisplayAndInside(t *testing.T) {
	cases := []struct {
		cwd, p, display string
		inside          bool
	}{
		{"/repo", "/repo/contracts/a.yaml", "contracts/a.yaml", true},
		{"/repo", "/repo", ".", true},
		{"/repo", "/other/a.yaml", "/other/a.yaml", false},
		{"/repo", "/repo/../repo2/a.yaml", "/repo2/a.yaml", false},
		{"/repo", "/repo/..hidden/a.yaml", "..hidden/a.yaml", true},
	}
	for _, c := range cases {
		if got := Display(c.cwd, c.p); got != c.display {
			t.Errorf("Display(%q, %q) = %q, want %q", c.cwd, c.p, got, c.display)
		}
		if got := Inside(c.cwd, c.p); got != c.inside {
			t.Errorf("Inside(%q, %q) = %v, want %v", c.cwd, c.p, got, c.inside)
		}
	}
}
