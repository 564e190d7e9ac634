package generator_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// importAll builds and runs one program that imports every generated
// package that built and decodes, through its registry, the first example
// of each event (an empty object when it has none), recording in failures
// each package that panics: "builds and vets" does not catch a package
// whose initialisation panics (a regexp.MustCompile of a pattern Go
// cannot compile did). Decoding errors are the contract's business; only
// panics count.
func importAll(t *testing.T, mod string, inputs []*invariantInput, failures map[string]string) {
	var src bytes.Buffer
	var calls []string
	src.WriteString("package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\n")
	for _, in := range inputs {
		if in.res == nil || failures[in.pkg] != "" {
			continue
		}
		if len(in.res.IR.Events) == 0 {
			// A contract with no message still gets a package; importing
			// it runs its initialisation, and it has nothing to decode.
			fmt.Fprintf(&src, "\t_ %q\n", "invariant/"+in.pkg)
			continue
		}
		fmt.Fprintf(&src, "\t%q\n", "invariant/"+in.pkg)
		for _, ev := range in.res.IR.Events {
			payload := []byte("{}")
			if len(ev.Examples) > 0 {
				payload, _ = json.Marshal(ev.Examples[0].Value)
			}
			calls = append(calls, fmt.Sprintf("\tdecode(%q, %q, func() { _, _ = %s.Decode(%q, []byte(%q)) })\n",
				in.pkg, ev.Type, in.pkg, ev.Type, payload))
		}
	}
	if len(calls) == 0 {
		return
	}
	src.WriteString(")\n\nfunc main() {\n")
	for _, c := range calls {
		src.WriteString(c)
	}
	src.WriteString(`	if failed {
		os.Exit(1)
	}
}

var failed bool

// decode runs one Decode, reporting a panic as "<package>: …".
func decode(pkg, eventType string, run func()) {
	defer func() {
		if r := recover(); r != nil {
			failed = true
			fmt.Printf("%s: decoding %q panicked: %v\n", pkg, eventType, r)
		}
	}()
	run()
}
`)
	dir := filepath.Join(mod, "importall")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), src.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "run", "./importall")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	if err == nil {
		return
	}
	// A panic while a package initialises ends the program: its message
	// is the line "panic: …" and its trace names the package
	// (invariant/c07.init); a decoding panic is a line "c07: …".
	blamed := false
	panicked := ""
	for _, line := range strings.Split(string(out), "\n") {
		if m := pkgInOutput.FindStringSubmatch(line); m != nil && !strings.Contains(line, "/importall/") {
			if pkg := m[1] + m[2]; !strings.Contains(failures[pkg], "import: ") {
				failures[pkg] += "import: " + panicked + " in " + strings.TrimSpace(line) + "\n"
			}
			blamed = true
		} else if pkg, rest, ok := strings.Cut(line, ": "); ok && strings.HasPrefix(rest, "decoding ") {
			failures[pkg] += "import: " + line + "\n"
			blamed = true
		} else if strings.HasPrefix(line, "panic: ") && panicked == "" {
			panicked = line
		}
	}
	if !blamed {
		t.Fatalf("importing the generated packages: %v\n%s", err, out)
	}
}
