package registry_test

import (
	"testing"

	"github.com/asyncgen/asyncgen/generator/pgtest"
)

// testDB returns the DSN of a fresh database dropped after the test.
func testDB(t *testing.T) string {
	t.Helper()
	return pgtest.DSN(t, "asyncgen_registry")
}
