// Package lint holds asyncgen's rule table and the checks that run on the IR.
// Every diagnostic any stage reports names a rule of this table; the table
// decides categories, default severities and which rules config may change.
package lint

import (
	"sort"

	"github.com/asyncgen/asyncgen/generator/diag"
)

// Category groups rules so that a whole group can be disabled.
type Category string

// The categories of DESIGN.md, in the order lint checks them.
const (
	Spec        Category = "spec"
	Schema      Category = "schema"
	Examples    Category = "examples"
	Naming      Category = "naming"
	Versioning  Category = "versioning"
	Conventions Category = "conventions"
	Codegen     Category = "codegen"
)

// Categories lists every category.
var Categories = []Category{Spec, Schema, Examples, Naming, Versioning, Conventions, Codegen}

// Rule is one row of the table. IDs never change once released.
type Rule struct {
	ID       string
	Category Category
	Severity diag.Severity
	// Fatal rules stop loading; they cannot be turned off or downgraded.
	Fatal bool
	// Doc is the one-line purpose shown by lint --list and the README.
	Doc string
	// Check runs on the IR; nil when an earlier stage reports the rule.
	Check func(*Context)
	// Oracle marks a check that reads jsonschema/v5's results; when one is
	// on, Run compiles the payloads in the background while other rules run.
	Oracle bool
}

// table is filled by the rules_*.go files, one per category.
var table []Rule

func register(rules ...Rule) bool {
	table = append(table, rules...)
	return true
}

// Rules returns the table sorted by category order, then id.
func Rules() []Rule {
	order := map[Category]int{}
	for i, c := range Categories {
		order[c] = i
	}
	out := append([]Rule(nil), table...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return order[out[i].Category] < order[out[j].Category]
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Lookup finds a rule by id.
func Lookup(id string) (Rule, bool) {
	for _, r := range table {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
