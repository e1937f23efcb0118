package pdfreport

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // registers the decoders image.Decode uses
	_ "image/png"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Limits on the files a user can hand the report.
const (
	MaxLogoSize = 5 << 20
	MaxFontSize = 64 << 20
	// A logo 600 pixels wide prints sharp; 4096 on a side and 16 megapixels leave room
	// for any real logo while bounding the memory a decode takes (about 64 MB).
	MaxLogoSide   = 4096
	MaxLogoPixels = 16_000_000
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
	// The header first: a 140 KB PNG can declare 6000x6000 pixels, and decoding it (as
	// gofpdf does, alpha channel apart) costs gigabytes.
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("cannot read the %s image: %v", typ, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return fmt.Errorf("cannot read the %s image: it has no size", typ)
	}
	if cfg.Width > MaxLogoSide || cfg.Height > MaxLogoSide || cfg.Width*cfg.Height > MaxLogoPixels {
		return fmt.Errorf("logo is %dx%d pixels; the limit is %dx%d (%d megapixels)", cfg.Width, cfg.Height, MaxLogoSide, MaxLogoSide, MaxLogoPixels/1_000_000)
	}
	// Then every pixel: a truncated PNG or a JPEG that is only a header would otherwise
	// be embedded as it is and show as a broken image.
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("cannot read the %s image: %v (is the file complete?)", typ, err)
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
	f, err := sfnt.Parse(data)
	if err != nil {
		return fmt.Errorf("not a usable TrueType font: %v", err)
	}
	// sfnt.Parse reads the tables lazily, and gofpdf only meets a damaged glyph when it
	// subsets the font at the end of a render: load every outline now, so a damaged file
	// is bad input (status 2) here rather than an internal error (70) later.
	var buf sfnt.Buffer
	for i := 0; i < f.NumGlyphs(); i++ {
		if _, err := f.LoadGlyph(&buf, sfnt.GlyphIndex(i), fixed.I(12), nil); err != nil {
			return fmt.Errorf("not a usable TrueType font: glyph %d: %v", i, err)
		}
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
