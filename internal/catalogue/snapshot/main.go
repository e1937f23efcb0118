// Command snapshot rebuilds criteria/catalogue.snapshot from the catalogue YAML; run it
// through `go generate ./criteria` after editing any criteria/*.yaml file.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/atomicfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
)

func main() {
	out := flag.String("o", "catalogue.snapshot", "output file")
	flag.Parse()
	cat, err := cataloguefile.Load(criteria.FS)
	if err == nil {
		var data []byte
		if data, err = catalogue.Encode(cat); err == nil {
			err = atomicfile.Write(*out, data)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "snapshot:", err)
		os.Exit(1)
	}
}
