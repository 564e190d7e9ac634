package spec

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/asyncgen/asyncgen/generator/diag"
	"github.com/asyncgen/asyncgen/generator/location"
	"github.com/asyncgen/asyncgen/generator/source"
)

// Document is one AsyncAPI document: a file whose top level has an asyncapi key.
type Document struct {
	Target
	// Version is the asyncapi field, e.g. "2.6.0".
	Version string
	// Minor is the 2.x minor version (0–6).
	Minor int
}

// Set is everything loaded for one run.
type Set struct {
	Loader    *Loader
	Documents []*Document
}

var versionRe = regexp.MustCompile(`^2\.([0-6])\.0$`)

// Load parses the given contract files, keeps those that are AsyncAPI
// documents and checks their structure. Other files are fragments and are
// read again only through $refs (a parse error in them is still reported).
func Load(l *Loader, files []string) *Set {
	set := &Set{Loader: l}
	var lookalikes []string
	l.Preload(files)
	for _, abs := range files {
		f := l.File(abs)
		if f == nil || f.Root.Kind != source.Object {
			continue
		}
		vf := f.Root.Field("asyncapi")
		if vf == nil {
			if f.Root.Has("info") && f.Root.Has("channels") {
				lookalikes = append(lookalikes, abs)
			}
			continue
		}
		doc := &Document{Target: Target{Abs: abs, File: f, Node: f.Root}}
		if !l.checkVersion(doc, vf) {
			continue
		}
		set.Documents = append(set.Documents, doc)
	}
	for _, doc := range set.Documents {
		l.CheckStructure(doc)
	}
	l.reportUnused(set.Documents)
	// A file that looks like a document but has no asyncapi key is almost
	// certainly a document missing its version, unless a $ref reads it as
	// a fragment (known only once every document has been walked).
	for _, abs := range lookalikes {
		if !l.referenced[abs] {
			l.Diags.Add(l.files[abs].Root.Pos, diag.Error, RuleAsyncAPIVersion, "this file has info and channels but no asyncapi field, so it is not read as an AsyncAPI document; add asyncapi: 2.6.0 at the top")
		}
	}
	return set
}

func (l *Loader) checkVersion(doc *Document, vf *source.Field) bool {
	v := vf.Value
	s, ok := v.StringValue()
	if !ok {
		l.Diags.Add(v.Pos, diag.Error, RuleAsyncAPIVersion, fmt.Sprintf("asyncapi must be a version string such as \"2.6.0\", found %s %s; quote it", v.Kind, v.Text()))
		return false
	}
	m := versionRe.FindStringSubmatch(s)
	if m == nil {
		l.Diags.Add(v.Pos, diag.Error, RuleAsyncAPIVersion, fmt.Sprintf("AsyncAPI version %q is not supported; asyncgen reads 2.0.0 to 2.6.0", s))
		return false
	}
	doc.Version = s
	doc.Minor = int(m[1][0] - '0')
	return true
}

// RequireDocuments reports input that holds nothing to read, so that a
// run over it fails instead of succeeding with nothing (generate would then
// remove every output): a file named in paths that is empty or holds only
// comments, and, when nothing else was reported, paths that hold no AsyncAPI
// document at all. paths are the absolute files and directories of the run.
func (l *Loader) RequireDocuments(set *Set, paths []string) {
	for _, p := range paths {
		f, ok := l.files[p]
		if !ok || f.Root == nil || f.Root.Kind != source.Null {
			continue // a directory, or a file that did not parse (reported)
		}
		l.Diags.Add(location.Pos{File: l.Display(p), Line: 1, Col: 1}, diag.Error, RuleNoDocuments, "the file is empty or holds only comments: there is no AsyncAPI document to read")
	}
	if len(set.Documents) > 0 || l.Diags.HasErrors() || len(paths) == 0 {
		return
	}
	shown := make([]string, len(paths))
	for i, p := range paths {
		shown[i] = l.Display(p)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			shown[i] += "/"
		}
	}
	l.Diags.Add(location.Pos{File: l.Display(paths[0])}, diag.Error, RuleNoDocuments, fmt.Sprintf("no AsyncAPI documents under %s: a document is a .yaml, .yml or .json file whose top level has an asyncapi key; nothing was read", strings.Join(shown, ", ")))
}

// Pos returns the position of the document's root.
func (d *Document) Pos() location.Pos { return d.Node.Pos }
