// Package criteria holds the built-in catalogue. The YAML files sit here, beside the Go
// file that embeds them, because go:embed cannot reach a parent folder.
package criteria

import "embed"

// FS holds every *.yaml file of the built-in catalogue.
//
//go:embed *.yaml
var FS embed.FS
