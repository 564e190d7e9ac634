package diff_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator/baseline"
)

// TestOperationEventsThroughMessageRef: a subscribe message that $refs the
// publish side's oneOf carries the same events, as lower sees them, so a
// diff compares both operations' event lists.
func TestOperationEventsThroughMessageRef(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/lint/message-ref-oneof/contracts")
	if err != nil {
		t.Fatal(err)
	}
	side, err := baseline.LoadDir(dir, "new", dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "invoice.issued invoice.paid order.cancelled order.placed order.shipped"
	n := 0
	for _, c := range side.Contracts {
		for _, ch := range c.Channels {
			for _, op := range ch.Operations {
				n++
				if got := strings.Join(op.Events, " "); got != want {
					t.Errorf("%s %s events: %q, want %q", ch.Name, op.Kind, got, want)
				}
			}
		}
	}
	if n != 2 {
		t.Errorf("%d operations, want 2", n)
	}
}
