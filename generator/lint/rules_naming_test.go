package lint

import "testing"

func TestPastOf(t *testing.T) {
	cases := map[string]string{
		"create":   "created",
		"register": "registered",
		"verify":   "verified",
		"play":     "played",
		"stop":     "stopped",
		"plan":     "planned",
		"open":     "opened",
		"sign":     "signed",
		"fix":      "fixed",
		"send":     "sent",
		"pay":      "paid",
		"signup":   "signed_up",
		"checkout": "checked_out",
		"logout":   "logged_out",
		"setup":    "set_up",
		"payout":   "paid_out",
		"timeout":  "timed_out",
		"kickoff":  "kicked_off",
		"shutdown": "shut_down",
		"login":    "logged_in",
		"group":    "grouped",
		"scout":    "scouted",
		"sprout":   "sprouted",
	}
	for in, want := range cases {
		if got := pastOf(in); got != want {
			t.Errorf("pastOf(%q) = %q, want %q", in, got, want)
		}
	}
}
