package rtsrc

import (
	"encoding/json"
	"testing"

	"github.com/asyncgen/asyncgen/generator/formats"
)

// TestFormatsAgreeWithOracle: the runtime checks the formats it shares
// with the oracle (formats.ForJSONSchema, which lint and the differential
// test compile with) exactly as the oracle does, value by value.
func TestFormatsAgreeWithOracle(t *testing.T) {
	oracle := formats.ForJSONSchema()
	strs := []string{
		"", "P", "P1Y", "P1Y2M3D", "P1W", "P1W2D", "PT", "PT1H", "PT1H30M", "PT1.5S", "P1DT2H", "P1YT", "P1D2H", "P1M1Y",
		"1Y", "PT36H", "P0D", "p1y", "PT1H1H", "P1YM", "P1S",
		"Zg==", "Zm8=", "Zm9v", "Zg=", "Z===", "Zm9v\n", "Zm-_", "not-a-byte", "====", "Zm==",
		"ada@example.com", "δοκιμή@παράδειγμα.δοκιμή", "a..b@x.y", "@x", "a@", "a@-x.y", "a b@x.y", "a@x..y",
		"παράδειγμα.δοκιμή", "-bad.example", "ok.example.", strings63 + "a.b", "a_b.c",
	}
	for _, s := range strs {
		for _, c := range []struct {
			format string
			rt     func(string) bool
		}{
			{"duration", rtIsDuration}, {"byte", rtIsBase64}, {"idn-email", rtIsIDNEmail}, {"idn-hostname", rtIsIDNHostname},
		} {
			if got, want := c.rt(s), oracle[c.format](s); got != want {
				t.Errorf("%s %q: runtime %v, oracle %v", c.format, s, got, want)
			}
			if got, want := rtFormat(c.format, s), oracle[c.format](s); got != want {
				t.Errorf("rtFormat(%s, %q) = %v, oracle %v", c.format, s, got, want)
			}
		}
	}
	nums := []string{
		"0", "-0", "1.0", "1e2", "1.5", "-2147483648", "-2147483649", "2147483647", "2147483648", "2147483647.0",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
		"92233720368547758070e-1", "1e18", "1e19", "12345678901234567890123", "1e-2", "0e99999", "1e99999", "1e-99999",
		"3.4028234e38", "3.4028236e38", "3.5e38", "-1e39", "1e308", "1.8e308", "1e-400", "123456789012345678901234567890e-20",
	}
	for _, n := range nums {
		for _, c := range []struct {
			format string
			rt     func(string) bool
		}{
			{"int32", rtFitsInt32}, {"int64", rtFitsInt64}, {"float", rtFitsFloat32}, {"double", rtFitsFloat64},
		} {
			if got, want := c.rt(n), oracle[c.format](json.Number(n)); got != want {
				t.Errorf("%s %s: runtime %v, oracle %v", c.format, n, got, want)
			}
		}
	}
}

var strings63 = func() string {
	b := make([]byte, 64)
	for i := range b {
		b[i] = 'a'
	}
	return string(b)
}()
