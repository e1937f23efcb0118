package catalogue_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
)

// withDeps loads testdata/mini.yaml plus a dependencies fragment, as the built-in
// catalogue keeps them (criteria/dependencies.yaml).
func withDeps(t *testing.T, deps string) (*catalogue.Catalogue, error) {
	t.Helper()
	src := strings.Replace(mini(t), "id: GOV-B\n", "id: GOV-B\n    aliases: [GOV-OLD]\n", 1)
	return cataloguefile.Load(fstest.MapFS{
		"catalogue.yaml":    {Data: []byte(src)},
		"dependencies.yaml": {Data: []byte(deps)},
	})
}

// TestDependencies: aliases map to current ids, repeats collapse, and the loader names
// the file and line of an unknown id, a self-dependency and a cycle.
func TestDependencies(t *testing.T) {
	cat, err := withDeps(t, "depends_on:\n  ACC-C: [GOV-A, GOV-OLD, GOV-A]\n  GOV-OLD: [GOV-A]\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := cat.Control("ACC-C").DependsOn; !slices.Equal(got, []string{"GOV-A", "GOV-B"}) {
		t.Errorf("ACC-C depends on %v, want [GOV-A GOV-B]", got)
	}
	if got := cat.Control("GOV-B").DependsOn; !slices.Equal(got, []string{"GOV-A"}) {
		t.Errorf("GOV-B (given by its alias) depends on %v, want [GOV-A]", got)
	}
	for _, c := range []struct{ name, deps, want string }{
		{"unknown control", "depends_on:\n  ACC-C: [GOV-A]\n  ACC-X: [GOV-A]\n", `dependencies.yaml:3: depends_on: unknown control "ACC-X"`},
		{"unknown dependency", "depends_on:\n  ACC-C: [GOV-Z]\n", `dependencies.yaml:2: control ACC-C depends on unknown control "GOV-Z"`},
		{"self", "depends_on:\n  ACC-C: [ACC-C]\n", "control ACC-C depends on itself"},
		{"cycle", "depends_on:\n  GOV-A: [ACC-C]\n  ACC-C: [ACC-D]\n  ACC-D: [GOV-A]\n", "dependency cycle: GOV-A -> ACC-C -> ACC-D -> GOV-A"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := withDeps(t, c.deps)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

// TestBuiltinDependencies: the built-in catalogue's dependencies put policies and
// foundations first, as the plan relies on.
func TestBuiltinDependencies(t *testing.T) {
	cat := builtin(t)
	n := 0
	for _, c := range cat.Controls {
		n += len(c.DependsOn)
	}
	if n < 30 {
		t.Errorf("%d dependencies; the catalogue promises a few dozen", n)
	}
	for id, want := range map[string][]string{
		"INC-TICKETS":       {"POL-INCIDENT", "INC-SEVERITY-LEVELS"},
		"POL-INCIDENT":      {"POL-INFOSEC"},
		"ACC-ACCESS-REVIEW": {"POL-ACCESS", "END-CLOUD-INVENTORY"},
	} {
		if got := cat.Control(id).DependsOn; !slices.Equal(got, want) {
			t.Errorf("%s depends on %v, want %v", id, got, want)
		}
	}
}
