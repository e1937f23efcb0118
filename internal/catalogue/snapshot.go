package catalogue

import (
	"bytes"
	"encoding/gob"
	"fmt"
)

// Encode serialises a validated catalogue for the embedded snapshot. The catalogue holds
// no maps in its exported fields, so the bytes are the same on every run.
func Encode(c *Catalogue) ([]byte, error) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(c); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Builtin decodes the embedded snapshot. It was validated when it was built, so only the
// indexes are rebuilt here.
func Builtin(snapshot []byte) (*Catalogue, error) {
	var c Catalogue
	if err := gob.NewDecoder(bytes.NewReader(snapshot)).Decode(&c); err != nil {
		return nil, fmt.Errorf("built-in catalogue snapshot is damaged (rebuild with go generate ./criteria): %w", err)
	}
	c.index()
	return &c, nil
}
