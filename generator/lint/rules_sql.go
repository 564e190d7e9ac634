package lint

import "github.com/asyncgen/asyncgen/generator/diag"

// SQL-name rules. lower decides the SQL names (lower/sqlnames.go) and
// reports these while it does, so the rows have no check function.
var _ = register(
	Rule{ID: "naming/sql-identifier", Category: Naming, Severity: diag.Error, Doc: "names that become SQL identifiers (projection tables, columns, x-projection keys, x-sql-name) are plain PostgreSQL identifiers: [a-z_][a-z0-9_]*, no reserved word"},
	Rule{ID: "naming/sql-name-collision", Category: Naming, Severity: diag.Error, Doc: "no two stream or event types give the same SQL function name (x-sql-name on a message chooses its own)"},
	Rule{ID: "codegen/sql-name-shortened", Category: Codegen, Severity: diag.Info, Doc: "a SQL name longer than 63 bytes, unwritable or taken is generated as a readable prefix plus a short hash of the full name"},
	Rule{ID: "codegen/sql-column-type", Category: Codegen, Severity: diag.Warning, Doc: "a property that feeds one projection column has one SQL type in every event (else the column is widened to text, numeric or jsonb)"},
)
