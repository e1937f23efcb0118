// Command soc2ready assesses how ready a service organisation is for a SOC 2 audit.
package main

import (
	"os"

	"github.com/soc2ready/soc2ready/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
