package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (e *env) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the tool and catalogue versions",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cat, err := e.loadCatalogue()
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "soc2ready %s (catalogue %s: %d criteria, %d controls)\n", Version, cat.Version, len(cat.Criteria), len(cat.Controls))
			return nil
		},
	}
}
