// Package templates holds the text/template files of the SQL generator. It
// is its own package because go:embed cannot reach a parent folder.
package templates

import (
	"embed"
	"text/template"
)

//go:embed *.sql.tmpl
var files embed.FS

// Parse returns every SQL template, each named by its file name
// ("projection.sql.tmpl"), with funcs installed and missing keys an error.
func Parse(funcs template.FuncMap) (*template.Template, error) {
	return template.New("sql").Option("missingkey=error").Funcs(funcs).ParseFS(files, "*.sql.tmpl")
}
