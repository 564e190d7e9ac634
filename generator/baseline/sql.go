package baseline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/sqlgen"
)

// LoadSQL reads the generated SQL a migration starts from
// (`generate --migration NAME --against BASE`): a directory holding
// generated SQL files, or git:<rev>[:<dir>] (read from git objects, no
// checkout; dir defaults to the configured sql.out). It returns the files
// and a name for the base. A base without generated SQL is an error: it
// would turn the migration into the whole SQL.
func LoadSQL(ctx context.Context, spec string, o Options) ([]files.File, string, error) {
	switch {
	case spec == "":
		return nil, "", errors.New("--against is empty")
	case strings.HasPrefix(spec, "git:"):
		_, subdir, blobs, err := readGit(ctx, strings.TrimPrefix(spec, "git:"), o.Cwd, o.Config.SQL.Out, "sql.out", maxFileSize(o.Config))
		if err != nil {
			return nil, "", err
		}
		dir := subdir
		if dir == "" {
			dir = "."
		}
		var out []files.File
		for _, b := range blobs {
			// The directory's own files, as generate writes them.
			if path.Dir(b.path) == dir && strings.HasSuffix(b.path, ".sql") && bytes.HasPrefix(b.content, []byte(sqlgen.Header+"\n")) {
				out = append(out, files.File{Path: b.path, Content: b.content})
			}
		}
		if len(out) == 0 {
			return nil, "", fmt.Errorf("--against %s: no generated SQL files (starting with %q) there", spec, sqlgen.Header)
		}
		return out, spec, nil
	}
	dir := spec
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(o.Cwd, dir)
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, "", fmt.Errorf("--against %s: want a directory of generated SQL or git:<rev>[:<dir>]", spec)
	}
	out, err := generator.ReadGeneratedSQL(dir)
	if err != nil {
		return nil, "", err
	}
	if len(out) == 0 {
		return nil, "", fmt.Errorf("--against %s: no generated SQL files (starting with %q) there", spec, sqlgen.Header)
	}
	return out, spec, nil
}
