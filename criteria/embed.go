// Package criteria holds the built-in catalogue. The YAML files sit here, beside the Go
// file that embeds them, because go:embed cannot reach a parent folder.
package criteria

import "embed"

// FS holds every *.yaml file of the built-in catalogue: the source of truth.
//
//go:embed *.yaml
var FS embed.FS

// Snapshot is the validated catalogue built from FS, gob-encoded. Decoding it takes a
// millisecond where parsing the YAML takes fifty, which is most of a `check` run. A test
// fails when it no longer matches the YAML; `go generate ./criteria` rebuilds it.
//
//go:generate go run ../internal/catalogue/snapshot -o catalogue.snapshot
//go:embed catalogue.snapshot
var Snapshot []byte
