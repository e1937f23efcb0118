package main

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/soc2ready/soc2ready/"

// goList maps each of our packages (path without the module prefix) to its non-test
// imports.
func goList(t *testing.T, args ...string) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}"}, args...)...)
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkgs[strings.TrimPrefix(f[0], module)] = f[1:]
	}
	watchSources(t)
	return pkgs
}

// watchSources stats every package folder (a new file changes it) and Go file of the module. go test caches a passing result until
// a file the test looked at changes; the imports are read by a `go list` subprocess, which
// the cache does not see, so without this an import added later would pass from cache.
func watchSources(t *testing.T) {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", "{{$d := .Dir}}{{$d}} {{range .GoFiles}}{{$d}}/{{.}} {{end}}", "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, file := range strings.Fields(string(out)) {
		if _, err := os.Stat(file); err != nil {
			t.Fatal(err)
		}
	}
}

// docTable reads the package table of docs/ARCHITECTURE.md: package -> the packages it
// may import, as written there ("everything above" expanded).
func docTable(t *testing.T) (order []string, allowed map[string]map[string]bool) {
	t.Helper()
	f, err := os.Open("../../docs/ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	row := regexp.MustCompile("^\\| `([a-z0-9/]+)` \\|.*\\| ([^|]+) \\|$")
	word := regexp.MustCompile(`[a-z0-9]+`)
	allowed = map[string]map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := row.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		pkg, may := m[1], strings.TrimSpace(m[2])
		set := map[string]bool{}
		if strings.HasPrefix(may, "everything above") {
			for _, p := range order {
				set[p] = true
			}
		} else {
			// "catalogue, answers (types only)": the words before any parenthesis
			for _, part := range strings.Split(may, ",") {
				part, _, _ = strings.Cut(part, "(")
				for _, w := range word.FindAllString(part, -1) {
					set[w] = true
				}
			}
		}
		order = append(order, pkg)
		allowed[pkg] = set
	}
	return order, allowed
}

// TestArchitectureDoc keeps docs/ARCHITECTURE.md true: every package of ours is in its
// table, and no package imports one of ours that its row does not allow.
func TestArchitectureDoc(t *testing.T) {
	order, allowed := docTable(t)
	if len(order) == 0 {
		t.Fatal("no package table found in docs/ARCHITECTURE.md")
	}
	short := func(p string) string { return p[strings.LastIndex(p, "/")+1:] }
	for pkg, imports := range goList(t, "./...") {
		for _, imp := range imports {
			if imp == module+"internal/golden" {
				t.Errorf("%s imports internal/golden, which only tests may use", pkg)
			}
		}
		set, ok := allowed[pkg]
		if !ok {
			if strings.HasSuffix(pkg, "/snapshot") { // an implementation detail of catalogue
				continue
			}
			t.Errorf("package %s is missing from the table in docs/ARCHITECTURE.md", pkg)
			continue
		}
		for _, imp := range imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			imp = strings.TrimPrefix(imp, module)
			if set[short(imp)] || set[imp] || strings.HasPrefix(imp, pkg+"/") {
				continue
			}
			if strings.HasSuffix(imp, "/snapshot") && short(pkg) == "catalogue" {
				continue
			}
			t.Errorf("%s imports %s, which its row in docs/ARCHITECTURE.md does not allow", pkg, imp)
		}
	}
}

// TestOneLibraryOnePackage: each third-party library sits behind one package of ours, so
// replacing it is one change. Test-only libraries do not count.
func TestOneLibraryOnePackage(t *testing.T) {
	users := map[string][]string{}
	for pkg, imports := range goList(t, "./...") {
		for _, imp := range imports {
			if strings.HasPrefix(imp, module) || !strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") {
				continue // ours, or the standard library
			}
			lib := library(imp)
			if !contains(users[lib], pkg) {
				users[lib] = append(users[lib], pkg)
			}
		}
	}
	for lib, pkgs := range users {
		if len(pkgs) > 1 {
			sort.Strings(pkgs)
			t.Errorf("%s is imported by %d packages (%s); keep it behind one", lib, len(pkgs), strings.Join(pkgs, ", "))
		}
	}
}

// library names the library an import path belongs to: the repository for hosted code,
// the whole family for the Charm libraries (huh, bubbletea, lipgloss, bubbles travel
// together), a sub-repository for golang.org/x.
func library(imp string) string {
	parts := strings.Split(imp, "/")
	switch {
	case strings.Contains(imp, "charmbracelet/") || strings.HasPrefix(imp, "charm.land/"):
		return "charm"
	case parts[0] == "golang.org" && len(parts) >= 3:
		return strings.Join(parts[:3], "/")
	case len(parts) >= 3:
		return strings.Join(parts[:3], "/")
	}
	return imp
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestScoringIsPure: scoring depends on neither the file system nor YAML, so its rules
// can be checked on numbers alone and reused anywhere. The walk follows scoring's imports
// through our packages and stops at the standard library: fmt and time import os and
// syscall for their own ends (printing to stdout, reading the zone database), which no
// scoring code reaches. What must hold is that no package on the way is a third-party one
// or imports the file system, a process or YAML itself.
func TestScoringIsPure(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}} {{join .Imports \" \"}}", "./internal/scoring")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	forbidden := func(dep string) bool {
		switch dep {
		case "os", "os/exec", "syscall", "io/fs", "io/ioutil", "path/filepath":
			return true
		}
		return strings.Contains(dep, "yaml") || strings.HasSuffix(dep, "/atomicfile") || strings.HasSuffix(dep, "/yamlfile")
	}
	walked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg, standard := f[0], f[1] == "true"
		if standard {
			continue
		}
		walked++
		if !strings.HasPrefix(pkg, module) {
			t.Errorf("internal/scoring depends on the third-party package %s", pkg)
		}
		for _, imp := range f[2:] {
			if forbidden(imp) {
				t.Errorf("internal/scoring depends on %s (imported by %s)", imp, strings.TrimPrefix(pkg, module))
			}
		}
	}
	if walked < 3 { // scoring, answers, catalogue: a walk that saw less proves nothing
		t.Errorf("walked only %d packages of ours from internal/scoring", walked)
	}
	watchSources(t)
}
