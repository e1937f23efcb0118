package pdfreport

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"
)

// Limits on the files a user can hand the report.
const (
	MaxLogoSize = 5 << 20
	MaxFontSize = 64 << 20
)

// SystemFonts are fallback fonts for the scripts the Go fonts lack (Chinese, Japanese),
// tried in order the first time a report needs one. Debian's fonts-droid-fallback
// installs the first.
var SystemFonts = []string{
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	"/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
	"/usr/share/fonts/droid/DroidSansFallbackFull.ttf",
	"/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
	"/usr/share/fonts/truetype/arphic/uming.ttf",
	"/Library/Fonts/Arial Unicode.ttf",
	"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
	`C:\Windows\Fonts\simsun.ttf`,
}

// ImageType names the format of an image by its first bytes: "PNG", "JPG" or "".
func ImageType(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "JPG"
	}
	return ""
}

// CheckLogo reports whether the logo can go into a PDF: a PNG or JPEG gofpdf can read
// (it refuses interlaced and 16-bit PNGs), no larger than MaxLogoSize.
func CheckLogo(data []byte) (err error) {
	if len(data) > MaxLogoSize {
		return fmt.Errorf("logo is %.1f MB; the limit is %d MB", float64(len(data))/(1<<20), MaxLogoSize>>20)
	}
	typ := ImageType(data)
	if typ == "" {
		return errors.New("not a PNG or JPEG image")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot read the %s image: %v", typ, r)
		}
	}()
	pdf := gofpdf.New("P", "mm", "A4", "")
	info := pdf.RegisterImageOptionsReader("logo", gofpdf.ImageOptions{ImageType: typ}, bytes.NewReader(data))
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("cannot read the %s image: %v", typ, err)
	}
	if info == nil || info.Width() <= 0 || info.Height() <= 0 {
		return fmt.Errorf("cannot read the %s image: it has no size", typ)
	}
	return nil
}

// CheckFont reports whether data is a TrueType font gofpdf can embed: TrueType outlines
// (not CFF/.otf), one font (not a .ttc collection), with the tables gofpdf reads.
func CheckFont(data []byte) (err error) {
	if len(data) > MaxFontSize {
		return fmt.Errorf("font is %d MB; the limit is %d MB", len(data)>>20, MaxFontSize>>20)
	}
	if len(data) < 12 {
		return errors.New("not a TrueType font")
	}
	switch string(data[:4]) {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return errors.New("an OpenType font with CFF outlines; only TrueType outlines can be embedded")
	case "ttcf":
		return errors.New("a font collection (.ttc); pass a single .ttf font")
	default:
		return errors.New("not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return errors.New("not a TrueType font: truncated table directory")
	}
	tables := map[string]bool{}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(size) > uint64(len(data)) {
			return fmt.Errorf("not a TrueType font: table %q runs past the end of the file", rec[:4])
		}
		tables[string(rec[:4])] = true
	}
	for _, tag := range []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"} {
		if !tables[tag] {
			return fmt.Errorf("not a usable TrueType font: no %s table", tag)
		}
	}
	if _, err := sfnt.Parse(data); err != nil {
		return fmt.Errorf("not a usable TrueType font: %v", err)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("not a usable TrueType font: %v", r)
		}
	}()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("check", "", data)
	pdf.SetFont("check", "", 10)
	return pdf.Error()
}
