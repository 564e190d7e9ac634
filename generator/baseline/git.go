package baseline

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/asyncgen/asyncgen/generator/diff"
	"github.com/asyncgen/asyncgen/generator/files"
	"github.com/asyncgen/asyncgen/generator/location"
)

// loadGit reads the contracts of a revision without a checkout (see
// readGit) into a temporary directory, then loads it like any directory.
// Positions read "REV:path".
func loadGit(ctx context.Context, spec string, o Options) (*diff.Side, error) {
	rev, subdir, blobs, err := readGit(ctx, spec, o.Cwd, o.Config.Contracts, "contracts", maxFileSize(o.Config))
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "asyncgen-git-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	for _, b := range blobs {
		dst := filepath.Join(tmp, filepath.FromSlash(b.path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(dst, b.content, 0o644); err != nil {
			return nil, err
		}
	}
	label := "git:" + rev
	return loadDir(filepath.Join(tmp, filepath.FromSlash(subdir)), label, tmp, o.Config.Limits, func(p string) string { return rev + ":" + p })
}

// gitBlob is one file of a revision: its path in the repository and its
// content.
type gitBlob struct {
	path    string
	content []byte
}

// readGit reads the files under a directory of a revision without a
// checkout, for spec "<rev>[:<subdir>]": the tree is listed with `git
// ls-tree` and its blobs read with `git cat-file --batch` (one process for
// all files, where `git show REV:PATH` would start one per file). Without
// a subdir it reads defaultDir (what names it, for messages). A file
// larger than maxSize is an error.
func readGit(ctx context.Context, spec, cwd, defaultDir, what string, maxSize int64) (rev, subdir string, blobs []gitBlob, err error) {
	rev, subdir, _ = strings.Cut(spec, ":")
	if rev == "" {
		return "", "", nil, fmt.Errorf("git:%s: missing revision (want git:<rev>[:<subdir>], e.g. git:origin/main)", spec)
	}
	top, err := gitOut(ctx, cwd, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", "", nil, fmt.Errorf("git:%s: not inside a git repository: %v", spec, err)
	}
	top = strings.TrimSpace(top)
	sha, err := gitOut(ctx, cwd, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		return "", "", nil, missingRevision(ctx, cwd, rev)
	}
	sha = strings.TrimSpace(sha)
	if subdir == "" {
		subdir, err = relativeTo(top, defaultDir)
		if err != nil {
			return "", "", nil, fmt.Errorf("git:%s: the %s directory %s is outside the repository %s; name it: git:%s:<subdir>", spec, what, defaultDir, top, rev)
		}
	}
	subdir = strings.Trim(path.Clean(filepath.ToSlash(subdir)), "/")
	if subdir == "." {
		subdir = ""
	}
	list, err := gitOut(ctx, top, "ls-tree", "-r", "-z", "--full-tree", sha, "--", subdir)
	if err != nil {
		return "", "", nil, fmt.Errorf("git:%s: %v", spec, err)
	}
	type blob struct{ sha, path string }
	var found []blob
	for _, entry := range strings.Split(list, "\x00") {
		meta, p, ok := strings.Cut(entry, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 || fields[1] != "blob" || fields[0] == "120000" {
			continue // submodules and symlinks are not read
		}
		found = append(found, blob{fields[2], p})
	}
	if len(found) == 0 {
		where := subdir
		if where == "" {
			where = "the repository root"
		}
		return "", "", nil, fmt.Errorf("git:%s: revision %s has no files under %s", spec, rev, where)
	}
	var req bytes.Buffer
	for _, b := range found {
		req.WriteString(b.sha + "\n")
	}
	cmd := exec.CommandContext(ctx, "git", "cat-file", "--batch")
	cmd.Dir = top
	cmd.Stdin = &req
	out, err := cmd.Output()
	if err != nil {
		return "", "", nil, fmt.Errorf("git:%s: git cat-file: %v", spec, err)
	}
	r := bufio.NewReader(bytes.NewReader(out))
	for _, b := range found {
		header, err := r.ReadString('\n')
		if err != nil {
			return "", "", nil, fmt.Errorf("git:%s: reading %s: %v", spec, b.path, err)
		}
		f := strings.Fields(header)
		if len(f) != 3 || f[1] != "blob" {
			return "", "", nil, fmt.Errorf("git:%s: unexpected object for %s: %q", spec, b.path, strings.TrimSpace(header))
		}
		size, _ := strconv.Atoi(f[2])
		if int64(size) > maxSize {
			return "", "", nil, fmt.Errorf("git:%s: %s: %v (limits.max_file_size in asyncgen.yaml)", spec, b.path, &files.TooLargeError{Size: int64(size), Max: maxSize})
		}
		content := make([]byte, size+1) // the blob and its trailing newline
		if _, err := io.ReadFull(r, content); err != nil {
			return "", "", nil, fmt.Errorf("git:%s: reading %s: %v", spec, b.path, err)
		}
		blobs = append(blobs, gitBlob{b.path, content[:size]})
	}
	return rev, subdir, blobs, nil
}

// missingRevision explains a revision git does not know, with the fix for
// shallow CI clones.
func missingRevision(ctx context.Context, dir, rev string) error {
	shallow, _ := gitOut(ctx, dir, "rev-parse", "--is-shallow-repository")
	if strings.TrimSpace(shallow) == "true" {
		alt := ""
		if !strings.ContainsAny(rev, "~^@:") {
			alt = fmt.Sprintf(" (or `git fetch origin %s`)", rev)
		}
		return fmt.Errorf("git:%s: revision %q is not in this shallow clone. Fetch the history first: "+
			"`git fetch --unshallow`%s; in GitHub Actions check out with `fetch-depth: 0` "+
			"(actions/checkout) and compare against git:origin/<branch>", rev, rev, alt)
	}
	hint := ""
	if !strings.Contains(rev, "/") {
		if _, err := gitOut(ctx, dir, "rev-parse", "--verify", "--quiet", "origin/"+rev+"^{commit}"); err == nil {
			hint = fmt.Sprintf("; did you mean git:origin/%s?", rev)
		}
	}
	return fmt.Errorf("git:%s: unknown revision %q%s", rev, rev, hint)
}

func gitOut(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("%s", msg)
		}
		return "", err
	}
	return string(out), nil
}

// relativeTo returns p relative to root (slash-separated), resolving symlinks.
func relativeTo(root, p string) (string, error) {
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	if !location.Inside(root, p) {
		return "", fmt.Errorf("outside")
	}
	return location.Display(root, p), nil
}
