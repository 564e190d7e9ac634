package sqlgen_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"testing"
)

func TestScratchDump(t *testing.T) {
	set, _, _ := loadCase(t, "../..")
	f, _ := os.Create("/tmp/i12_events.csv")
	w := csv.NewWriter(f)
	for _, e := range mixedEvents(t, set, 20000, 0, 1) {
		w.Write([]string{fmt.Sprint(e.ord), e.streamID, e.streamType, fmt.Sprint(e.version), e.eventType, string(e.data), string(e.metadata)})
	}
	w.Flush()
	f.Close()
}
