// Package config reads asyncgen.yaml. Every key is optional; an unknown key
// is an error at its line:col.
package config

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/ir"
	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/source"
	"github.com/asyncgen/asyncgen/generator/suggest"
)

// RuleConfig is the rule id reported for configuration mistakes.
const RuleConfig = "config/invalid"

// FileName is the config file searched upward from the working directory.
const FileName = "asyncgen.yaml"

// Config is asyncgen.yaml with defaults applied. Paths are absolute.
type Config struct {
	// Path is the config file, or "" when defaults are used.
	Path string
	// Dir is the directory relative paths are resolved against.
	Dir       string
	Contracts string
	Go        GoConfig
	SQL       SQLConfig
	Naming    NamingConfig
	// Rules maps rule ids to severities ("error", "warning", "off").
	Rules    map[string]diag.Severity
	RulesPos map[string]location.Pos
	// MetadataRequired lists fields event_metadata must require.
	MetadataRequired []string
	// Disable lists disabled rule categories.
	Disable []string
	Diff    DiffConfig
	// Ignore lists the findings to drop (ignore.go).
	Ignore []Ignore
	// Limits bound what one run reads.
	Limits Limits
}

// Limits is the limits: section: how much input asyncgen reads before it
// refuses a file (spec/input-limit), so that no input can exhaust the
// machine. Zero fields take the defaults.
type Limits struct {
	// MaxFileSize bounds the bytes of one contract file.
	MaxFileSize int64
	// MaxTokens bounds the YAML tokens of one contract file.
	MaxTokens int
}

// GoConfig is the go: section.
type GoConfig struct {
	Out     string
	Package string
	// Initialisms are written in upper case in Go names beside Go's own
	// (ID, URL …): a domain's abbreviations such as EUR or IBAN.
	Initialisms []string
}

// SQLConfig is the sql: section.
type SQLConfig struct {
	Out          string
	Schema       string
	EventStore   string
	TenantColumn string
	TenantClaim  string
	// NoTenant is `tenant: none`: projections get no tenant column and no
	// row-level security.
	NoTenant bool
	// CreateVerbs are the event-type actions whose default handler creates
	// the projection row (default ir.DefaultCreateVerbs).
	CreateVerbs []string
	// OnError is what the trigger does when a handler fails: "record"
	// (keep the event, record the error) or "abort" (fail the insert).
	OnError string
	// CheckData adds a structural check of event_data to every handler.
	CheckData bool
}

// The values of sql.on_error.
const (
	OnErrorRecord = "record"
	OnErrorAbort  = "abort"
)

// NamingConfig is the naming: section.
type NamingConfig struct {
	EventType string
	Property  string
}

// Default returns the configuration used without a file, rooted at dir.
func Default(dir string) *Config {
	return &Config{
		Dir:       dir,
		Contracts: filepath.Join(dir, "contracts"),
		Go:        GoConfig{Out: filepath.Join(dir, "gen", "events"), Package: "events"},
		SQL: SQLConfig{Out: filepath.Join(dir, "gen", "sql"), Schema: "public", EventStore: "domain_events", TenantColumn: "org_id", TenantClaim: "org_id",
			CreateVerbs: append([]string(nil), ir.DefaultCreateVerbs...), OnError: OnErrorRecord},
		Naming:           NamingConfig{EventType: `^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`, Property: "snake_case"},
		Rules:            map[string]diag.Severity{},
		RulesPos:         map[string]location.Pos{},
		MetadataRequired: []string{"user_id"},
	}
}

// Find returns the config file for cwd: explicit if given, else asyncgen.yaml
// in cwd or the nearest parent up to the enclosing module root (a directory
// with go.mod) or repository root (with .git), else "". The search never
// leaves the project: a config above it belongs to someone else.
func Find(explicit, cwd string) string {
	if explicit != "" {
		if filepath.IsAbs(explicit) {
			return explicit
		}
		return filepath.Join(cwd, explicit)
	}
	for dir := cwd; ; dir = filepath.Dir(dir) {
		p := filepath.Join(dir, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		if projectRoot(dir) || filepath.Dir(dir) == dir {
			return ""
		}
	}
}

// projectRoot reports whether dir is a module root (go.mod) or a repository
// root (.git, a directory or, in a worktree, a file).
func projectRoot(dir string) bool {
	for _, marker := range []string{"go.mod", ".git"} {
		if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
			return true
		}
	}
	return false
}

// Load reads the config at path (or defaults for cwd when path is ""). The
// known rule ids and categories are checked by valid.
func Load(path, cwd string, display func(string) string, validRule func(string) bool, validCategory func(string) bool) (*Config, diag.List, error) {
	if path == "" {
		return Default(cwd), nil, nil
	}
	data, err := files.ReadFile(path, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read config: %w", err)
	}
	cfg := Default(filepath.Dir(path))
	cfg.Path = path
	f, ds := source.Parse(display(path), data, 0)
	if f.Root == nil {
		return cfg, ds, nil
	}
	r := &reader{cfg: cfg, diags: ds, validRule: validRule, validCategory: validCategory, display: display}
	r.read(f.Root)
	return cfg, r.diags, nil
}

type reader struct {
	display       func(string) string
	cfg           *Config
	diags         diag.List
	validRule     func(string) bool
	validCategory func(string) bool
}

func (r *reader) errorf(pos location.Pos, format string, args ...any) {
	r.diags.Add(pos, diag.Error, RuleConfig, fmt.Sprintf(format, args...))
}

func (r *reader) object(n *source.Node, where string, keys map[string]func(source.Field)) {
	if n.Kind == source.Null {
		return
	}
	if n.Kind != source.Object {
		r.errorf(n.Pos, "%s must be a mapping", where)
		return
	}
	for _, f := range n.Fields {
		fn, ok := keys[f.Key]
		if !ok {
			known := make([]string, 0, len(keys))
			for k := range keys {
				known = append(known, k)
			}
			sort.Strings(known)
			if near := suggest.Closest(f.Key, known); near != "" {
				r.errorf(f.KeyPos, "unknown key %q in %s; did you mean %q? (known keys: %s)", f.Key, where, near, strings.Join(known, ", "))
			} else {
				r.errorf(f.KeyPos, "unknown key %q in %s; known keys: %s", f.Key, where, strings.Join(known, ", "))
			}
			continue
		}
		fn(f)
	}
}

func (r *reader) str(f source.Field, into *string) {
	s, ok := f.Value.StringValue()
	if !ok {
		r.errorf(f.Value.Pos, "%s must be a string", f.Key)
		return
	}
	*into = s
}

func (r *reader) path(f source.Field, into *string) {
	var s string
	r.str(f, &s)
	if s == "" {
		return
	}
	if filepath.IsAbs(s) {
		*into = filepath.Clean(s)
	} else {
		*into = filepath.Join(r.cfg.Dir, filepath.FromSlash(s))
	}
}

func (r *reader) read(root *source.Node) {
	c := r.cfg
	r.object(root, "asyncgen.yaml", map[string]func(source.Field){
		"contracts": func(f source.Field) { r.path(f, &c.Contracts) },
		"go": func(f source.Field) {
			r.object(f.Value, "go", map[string]func(source.Field){
				"out":         func(f source.Field) { r.path(f, &c.Go.Out) },
				"package":     func(f source.Field) { r.goPackage(f, &c.Go.Package) },
				"initialisms": func(f source.Field) { r.initialisms(f.Value) },
			})
		},
		"sql": func(f source.Field) {
			r.object(f.Value, "sql", map[string]func(source.Field){
				"out":          func(f source.Field) { r.path(f, &c.SQL.Out) },
				"schema":       func(f source.Field) { r.str(f, &c.SQL.Schema) },
				"event_store":  func(f source.Field) { r.str(f, &c.SQL.EventStore) },
				"tenant":       func(f source.Field) { r.tenant(f.Value) },
				"create_verbs": func(f source.Field) { r.createVerbs(f.Value) },
				"on_error": func(f source.Field) {
					r.str(f, &c.SQL.OnError)
					if c.SQL.OnError != OnErrorRecord && c.SQL.OnError != OnErrorAbort {
						r.errorf(f.Value.Pos, "sql.on_error must be record or abort, not %q", f.Value.Text())
						c.SQL.OnError = OnErrorRecord
					}
				},
				"check_data": func(f source.Field) {
					if f.Value.Kind != source.Bool {
						r.errorf(f.Value.Pos, "sql.check_data must be true or false, not %q", f.Value.Text())
						return
					}
					c.SQL.CheckData = f.Value.Str == "true"
				},
			})
		},
		"naming": func(f source.Field) {
			r.object(f.Value, "naming", map[string]func(source.Field){
				"event_type": func(f source.Field) {
					r.str(f, &c.Naming.EventType)
					if _, err := regexp.Compile(c.Naming.EventType); err != nil {
						r.errorf(f.Value.Pos, "naming.event_type is not a valid regular expression: %v", err)
					}
				},
				"property": func(f source.Field) {
					r.str(f, &c.Naming.Property)
					switch c.Naming.Property {
					case "snake_case", "camelCase", "any":
					default:
						r.errorf(f.Value.Pos, "naming.property must be snake_case, camelCase or any, not %q", c.Naming.Property)
					}
				},
			})
		},
		"diff":    func(f source.Field) { r.diff(f.Value) },
		"rules":   func(f source.Field) { r.rules(f.Value) },
		"disable": func(f source.Field) { r.disable(f.Value) },
		"ignore":  func(f source.Field) { r.ignore(f.Value) },
		"limits": func(f source.Field) {
			r.object(f.Value, "limits", map[string]func(source.Field){
				"max_file_size": func(f source.Field) { r.size(f, &c.Limits.MaxFileSize) },
				"max_tokens":    func(f source.Field) { r.count(f, &c.Limits.MaxTokens) },
			})
		},
	})
}

// tenant reads sql.tenant: none, or {column, claim}.
func (r *reader) tenant(n *source.Node) {
	c := &r.cfg.SQL
	if n.Kind == source.String {
		if n.Str != "none" {
			r.errorf(n.Pos, "sql.tenant must be none or a mapping {column, claim}, not %q", n.Str)
			return
		}
		c.NoTenant = true
		return
	}
	r.object(n, "sql.tenant", map[string]func(source.Field){
		"column": func(f source.Field) { r.str(f, &c.TenantColumn) },
		"claim":  func(f source.Field) { r.str(f, &c.TenantClaim) },
	})
}

// createVerb is what sql.create_verbs entries look like: an event type's
// action as lower compares it (lower-case words joined by '_').
var createVerb = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)

// createVerbs reads sql.create_verbs, which replaces the default list; an
// empty list means that only x-projection action: insert creates rows.
func (r *reader) createVerbs(n *source.Node) {
	if n.Kind != source.Array {
		r.errorf(n.Pos, "sql.create_verbs must be a list of verbs, such as [created, placed]")
		return
	}
	verbs := []string{}
	for _, it := range n.Items {
		s, ok := it.StringValue()
		if !ok || !createVerb.MatchString(s) {
			r.errorf(it.Pos, "sql.create_verbs entry %q is not a verb: use lower-case words joined by _, such as placed or trial_started", it.Text())
			continue
		}
		verbs = append(verbs, s)
	}
	r.cfg.SQL.CreateVerbs = verbs
}

// count reads a positive whole number.
func (r *reader) count(f source.Field, into *int) {
	n, ok := f.Value.Int()
	if !ok || n <= 0 || n > 1<<40 {
		r.errorf(f.Value.Pos, "%s must be a positive whole number, not %q", f.Key, f.Value.Text())
		return
	}
	*into = int(n)
}

// size reads a byte count: a whole number of bytes, or one with a KiB, MiB
// or GiB suffix ("32MiB", "512 KiB").
func (r *reader) size(f source.Field, into *int64) {
	text := strings.TrimSpace(f.Value.Text())
	if f.Value.Kind != source.Number && f.Value.Kind != source.String {
		text = ""
	}
	num, unit := text, int64(1)
	for suffix, u := range map[string]int64{"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30} {
		if strings.HasSuffix(text, suffix) {
			num, unit = strings.TrimSpace(strings.TrimSuffix(text, suffix)), u
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/unit {
		r.errorf(f.Value.Pos, "%s must be a positive size in bytes, KiB, MiB or GiB (such as 32MiB), not %q", f.Key, f.Value.Text())
		return
	}
	*into = n * unit
}

// goPackage reads go.package: the name in the generated files' package
// clause, so it must be a Go identifier that a package can be named and
// imported by (not a keyword, not _, init or main).
func (r *reader) goPackage(f source.Field, into *string) {
	var s string
	r.str(f, &s)
	switch {
	case s == "" && f.Value.Kind != source.String:
		return // reported by str
	case !token.IsIdentifier(s):
		why := "a Go identifier"
		if token.IsKeyword(s) {
			why = "a Go identifier, not a keyword"
		}
		r.errorf(f.Value.Pos, "go.package %q must be %s, such as %q", s, why, packageSuggestion(s))
	case s == "_" || s == "init" || s == "main":
		r.errorf(f.Value.Pos, "go.package %q cannot name an importable package; choose another name, such as \"events\"", s)
	default:
		*into = s
	}
}

// packageSuggestion turns a bad package name into a valid one to suggest
// ("my-events" → "myevents", "func" → "funcevents").
func packageSuggestion(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) && b.Len() > 0 {
			b.WriteRune(r)
		}
	}
	out := b.String()
	if !token.IsIdentifier(out) || out == "_" {
		out += "events"
	}
	if !token.IsIdentifier(out) {
		return "events"
	}
	return out
}

func (r *reader) rules(n *source.Node) {
	if n.Kind == source.Null {
		return
	}
	if n.Kind != source.Object {
		r.errorf(n.Pos, "rules must map rule ids to error, warning, info or off")
		return
	}
	for _, f := range n.Fields {
		if f.Key == "metadata/required-fields" {
			if f.Value.Kind != source.Array {
				r.errorf(f.Value.Pos, "metadata/required-fields must be a list of field names")
				continue
			}
			r.cfg.MetadataRequired = nil
			for _, it := range f.Value.Items {
				if s, ok := it.StringValue(); ok {
					r.cfg.MetadataRequired = append(r.cfg.MetadataRequired, s)
				} else {
					r.errorf(it.Pos, "metadata/required-fields entries must be strings")
				}
			}
			continue
		}
		if !r.validRule(f.Key) {
			r.errorf(f.KeyPos, "unknown rule %q (asyncgen lint --list and asyncgen diff --list show every rule)", f.Key)
			continue
		}
		s, _ := f.Value.StringValue()
		sev, ok := diag.ParseSeverity(s)
		if !ok {
			r.errorf(f.Value.Pos, "rule %s: severity must be error, warning, info or off, not %q", f.Key, f.Value.Text())
			continue
		}
		r.cfg.Rules[f.Key] = sev
		r.cfg.RulesPos[f.Key] = f.KeyPos
	}
}

var initialism = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`)

// initialisms reads go.initialisms: words of letters and digits, kept in
// upper case.
func (r *reader) initialisms(n *source.Node) {
	if n.Kind != source.Array {
		r.errorf(n.Pos, "go.initialisms must be a list of words, such as [EUR, IBAN]")
		return
	}
	for _, it := range n.Items {
		s, ok := it.StringValue()
		if !ok || !initialism.MatchString(s) {
			r.errorf(it.Pos, "go.initialisms: %s is not a word of letters and digits", it.Text())
			continue
		}
		r.cfg.Go.Initialisms = append(r.cfg.Go.Initialisms, strings.ToUpper(s))
	}
}

func (r *reader) disable(n *source.Node) {
	if n.Kind != source.Array {
		r.errorf(n.Pos, "disable must be a list of categories")
		return
	}
	for _, it := range n.Items {
		s, _ := it.StringValue()
		if !r.validCategory(s) {
			r.errorf(it.Pos, "unknown category %q", it.Text())
			continue
		}
		r.cfg.Disable = append(r.cfg.Disable, s)
	}
}
