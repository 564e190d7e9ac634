package lint

import "github.com/asyncgen/asyncgen/generator/diag"

// SQL-name rules. lower decides the SQL names (lower/sqlnames.go) and
// reports these while it does, so the rows have no check function.
var _ = register(
	Rule{ID: "naming/sql-identifier", Category: Naming, Severity: diag.Error, Doc: "names that become SQL identifiers (projection tables, columns, x-projection keys, derived functions) are plain PostgreSQL identifiers: [a-z_][a-z0-9_]*, at most 63 bytes, no reserved word"},
	Rule{ID: "naming/sql-name-collision", Category: Naming, Severity: diag.Error, Doc: "no two stream or event types give the same SQL function name"},
	Rule{ID: "codegen/sql-column-type", Category: Codegen, Severity: diag.Warning, Doc: "a property that feeds one projection column has one SQL type in every event (else the column is widened to text, numeric or jsonb)"},
)
