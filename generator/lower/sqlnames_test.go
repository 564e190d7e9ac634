package lower

import (
	"encoding/json"
	"testing"

	"github.com/asyncgen/asyncgen/generator/ir"
)

func TestActionOf(t *testing.T) {
	for _, c := range []struct{ eventType, stream, want string }{
		{"organization.created", "organization", "created"},
		{"organization.bootstrap.completed", "organization", "bootstrap_completed"},
		{"workflow.queue.pending", "workflow_queue", "pending"},
		{"order_line.added", "order", "line_added"},
		{"Order.Line-Added", "shop", "order_line_added"},
		{"evil.created'); DROP TABLE x; --", "ev'il", "evil_created_drop_table_x"},
		{"$$", "x", "event"},
	} {
		if got := actionOf(c.eventType, c.stream); got != c.want {
			t.Errorf("actionOf(%q, %q) = %q, want %q", c.eventType, c.stream, got, c.want)
		}
	}
}

func TestColumnType(t *testing.T) {
	str := func(format string) *ir.Schema { return &ir.Schema{Types: []string{"string"}, Format: format} }
	for _, c := range []struct {
		s    *ir.Schema
		want string
	}{
		{str(""), "text"},
		{str("uuid"), "uuid"},
		{str("date-time"), "timestamptz"},
		{str("date"), "date"},
		{str("email"), "text"},
		{&ir.Schema{Types: []string{"integer"}}, "bigint"},
		{&ir.Schema{Types: []string{"number"}}, "numeric"},
		{&ir.Schema{Types: []string{"integer", "number"}}, "numeric"},
		{&ir.Schema{Types: []string{"boolean", "null"}}, "boolean"},
		{&ir.Schema{Types: []string{"string", "integer"}}, "jsonb"},
		{&ir.Schema{Types: []string{"object"}}, "jsonb"},
		{&ir.Schema{}, "jsonb"},
		{&ir.Schema{Enum: []any{"a", "b"}}, "text"},
		{&ir.Schema{Enum: []any{"a", json.Number("1")}}, "jsonb"},
		{&ir.Schema{AllOf: []*ir.Schema{str("uuid")}}, "uuid"},
		{&ir.Schema{Types: []string{"array"}, Items: str("uuid")}, "uuid[]"},
		{&ir.Schema{Types: []string{"array"}, Items: &ir.Schema{Types: []string{"integer"}}}, "bigint[]"},
		{&ir.Schema{Types: []string{"array"}, Items: &ir.Schema{Types: []string{"object"}}}, "jsonb"},
		{&ir.Schema{Types: []string{"array"}, Items: &ir.Schema{Types: []string{"array"}, Items: str("")}}, "jsonb"},
	} {
		if got := columnType(c.s); got != c.want {
			t.Errorf("columnType(%+v) = %s, want %s", c.s, got, c.want)
		}
	}
}

func TestWiden(t *testing.T) {
	for _, c := range [][3]string{
		{"uuid", "uuid", "uuid"}, {"uuid", "text", "text"}, {"timestamptz", "date", "text"},
		{"bigint", "numeric", "numeric"}, {"bigint", "text", "jsonb"}, {"text[]", "text", "jsonb"},
	} {
		if got := widen(c[0], c[1]); got != c[2] {
			t.Errorf("widen(%s, %s) = %s, want %s", c[0], c[1], got, c[2])
		}
	}
}
