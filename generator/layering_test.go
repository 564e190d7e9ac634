package generator_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayering keeps the pipeline one-way: only lower may import both spec
// and ir; emitters, rules and diff read the IR and never the YAML stages.
func TestLayering(t *testing.T) {
	const mod = "github.com/asyncgen/asyncgen/generator/"
	forbidden := map[string][]string{
		"lint":   {"spec", "source", "lower", "config"},
		"gogen":  {"spec", "source", "lower", "config", "lint"},
		"sqlgen": {"spec", "source", "lower", "config", "lint"},
		"diff":   {"spec", "source", "lower"},
		"ir":     {"spec", "source", "lower", "lint", "config"},
		"spec":   {"ir", "lower", "lint"},
		"source": {"spec", "ir", "lower", "lint"},
	}
	for pkg, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", "./"+pkg).CombinedOutput()
		if err != nil {
			if strings.Contains(string(out), "no Go files") || strings.Contains(string(out), "cannot find") {
				continue
			}
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		deps := strings.Fields(string(out))
		for _, d := range deps {
			for _, b := range bad {
				if d == mod+b {
					t.Errorf("generator/%s imports generator/%s; the pipeline flows one way", pkg, b)
				}
			}
		}
	}
}
