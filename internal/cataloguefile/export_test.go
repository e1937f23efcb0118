package cataloguefile

import (
	"io/fs"

	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// LoadWithOverlay applies an overlay to YAML sources rather than the snapshot, so the
// fuzz test can vary both; the product path is BuiltinWithOverlay.
func LoadWithOverlay(fsys fs.FS, file string, data []byte) (*catalogue.Catalogue, error) {
	b := &builder{}
	if err := b.addFS(fsys); err != nil {
		return nil, err
	}
	if err := b.applyOverlay(file, data); err != nil {
		return nil, err
	}
	return b.finish()
}
