package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestEveryHelpScreen walks the whole command tree (cobra's help and completion commands
// included) and reads each help screen as a user would: every one has examples, the root
// has the full EXIT STATUS list and every other one a one-line pointer to it.
func TestEveryHelpScreen(t *testing.T) {
	root := (&env{getenv: func(string) string { return "" }}).rootCommand()
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		if c.Hidden {
			return
		}
		paths = append(paths, path)
		for _, sub := range c.Commands() {
			walk(sub, append(append([]string(nil), path...), sub.Name()))
		}
	}
	walk(root, nil)
	if len(paths) < 25 {
		t.Fatalf("only %d commands found", len(paths))
	}
	for _, p := range paths {
		var out, errOut bytes.Buffer
		code := Main(append(append([]string(nil), p...), "--help"), strings.NewReader(""), &out, &errOut)
		name := "soc2ready " + strings.Join(p, " ")
		help := out.String()
		if code != 0 || errOut.Len() > 0 {
			t.Errorf("%s --help: exit %d, stderr %q", name, code, errOut.String())
		}
		if !strings.Contains(help, "\nExamples:\n") {
			t.Errorf("%s --help has no Examples section", name)
		}
		full := strings.Contains(help, "EXIT STATUS\n")
		pointer := strings.Contains(help, "\nExit status: 0 ok, 1 a gate failed, 2 bad input or usage (all of them: soc2ready --help).\n")
		if len(p) == 0 && (!full || pointer) || len(p) > 0 && (full || !pointer) {
			t.Errorf("%s --help: full exit status list %v, pointer %v", name, full, pointer)
		}
	}
}
