package location

import (
	"path/filepath"
	"strings"
)

// Inside reports whether path p lies within root (or is root).
func Inside(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Display returns the path users see for p: slash-separated and relative
// to cwd when p lies inside it, else p itself (slash-separated).
func Display(cwd, p string) string {
	if Inside(cwd, p) {
		if rel, err := filepath.Rel(cwd, p); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}
