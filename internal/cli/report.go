package cli

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/atomicfile"
	"github.com/soc2ready/soc2ready/internal/pdfreport"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/reports"
)

type reportOptions struct {
	format string
	output string
	branding
	// stepSummary appends a short summary to $GITHUB_STEP_SUMMARY as well.
	stepSummary bool
	capacity    float64 // remediation person-days per week for the timeline; 0: owners in parallel
	capacitySet bool
	framework   string // soc2 (the readiness report) or iso27001 (the Annex A view)
	detail      string // summary, standard or full (md and pdf)
}

func (e *env) reportCommand() *cobra.Command {
	o := &reportOptions{}
	c := &cobra.Command{
		Use:   "report",
		Short: "Write the readiness report (Markdown, PDF and more) to stdout or a file",
		Long: `Write the readiness report. By default it is the report a board reads in ten minutes:
contents, the executive summary (score, opinion forecast, first priorities, blockers by
criterion, Type 1 or Type 2), the timeline, a criteria overview, one gap register with
every gap once under its phase, the core policies and the scope.

--detail full adds every criterion, the evidence request list and every answer with its
note (the evidence command also gives the evidence list on its own); --detail summary
keeps the executive summary, the timeline and the criteria overview (3-5 PDF pages).
--detail applies to md and pdf.

--format pdf writes the document to print and hand over, with a cover, a contents page
with page numbers and bookmarks, and a heat map. --paper letter prints on US Letter
(default a4). Brand it with --prepared-by and --logo. Names in Chinese or Japanese need a
fallback font: --font FILE.ttf, or Debian's fonts-droid-fallback, used when installed;
characters no font has print as a replacement mark.

  soc2ready report -f pdf -o readiness.pdf --paper letter --prepared-by "Halden & Rowe" --logo logo.png

--framework iso27001 shows the same answers as ISO/IEC 27001:2022 Annex A readiness, as
Markdown, JSON or a PDF (themes, the controls SOC 2 does not cover, every Annex A control).

The report is dated today; set SOURCE_DATE_EPOCH (or --as-of DATE) to date it, so the
same answers give the same bytes.

Examples:
  soc2ready report -o readiness.md
  soc2ready report -f json -o readiness.json
  soc2ready report --framework iso27001 -f pdf -o iso.pdf
  soc2ready report -f junit -o junit.xml --step-summary   # in a GitHub Actions step`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.capacitySet = cmd.Flags().Changed("capacity")
			return e.runReport(o)
		},
	}
	c.Flags().StringVarP(&o.format, "format", "f", "md", "report format: "+formatNames())
	c.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
	o.branding.flags(c, "report", "report.pdf")
	c.Flags().Float64Var(&o.capacity, "capacity", 0, "person-days of remediation work per week, as one pool, for the timeline (default: each gap owner in parallel)")
	c.Flags().StringVar(&o.framework, "framework", "soc2", "soc2, or iso27001 for the same answers as ISO/IEC 27001:2022 Annex A readiness ("+isoFormatNames()+")")
	c.Flags().StringVar(&o.detail, "detail", reports.DetailStandard, "how much to write (md and pdf): "+strings.Join(reports.DetailNames, ", "))
	c.Flags().BoolVar(&o.stepSummary, "step-summary", false, "also append a short summary (score, categories, first gaps) to the GitHub Actions job summary ($GITHUB_STEP_SUMMARY)")
	c.Flags().StringVar(&e.asOf, "as-of", "", "date the report (and its timeline) `DATE` (YYYY-MM-DD) instead of today")
	return c
}

func (e *env) runReport(o *reportOptions) error {
	render, ok := renderers[o.format]
	if !ok {
		return problem.New("formats: "+formatNames(), "unknown report format %q", o.format)
	}
	switch o.framework {
	case "soc2":
	case "iso27001":
		if render, ok = isoRenderers[o.format]; !ok {
			return problem.New("iso27001 formats: "+isoFormatNames(), "the iso27001 view is not available as %s", o.format)
		}
	default:
		return problem.New("frameworks: soc2, iso27001", "unknown framework %q", o.framework)
	}
	if !slices.Contains(reports.DetailNames, o.detail) {
		return problem.New("--detail takes "+strings.Join(reports.DetailNames, ", "), "unknown detail level %q", o.detail)
	}
	if o.detail != reports.DetailStandard && o.format != "md" && o.format != "pdf" {
		return problem.New("use --format md or pdf, or drop --detail", "--detail only applies to --format md and pdf")
	}
	if o.detail != reports.DetailStandard && o.framework != "soc2" {
		return problem.New("the ISO view has one length; drop --detail", "--detail only applies to the SOC 2 readiness report")
	}
	if o.capacitySet {
		// 0 (the default) means each gap owner works in parallel; a pool given with
		// --capacity must be a real number of person-days.
		if err := inRange("--capacity", o.capacity, minCapacity, maxCapacity, "give the person-days a week spent on remediation, e.g. --capacity 2.5"); err != nil {
			return err
		}
	}
	if err := e.checkBranding(&o.branding, o.format, o.output, render.binary); err != nil {
		return err
	}
	if err := e.checkAsOf(); err != nil {
		return err
	}
	summary, err := e.stepSummaryPath(o.stepSummary)
	if err != nil {
		return err
	}
	m, err := e.model(reports.Options{PreparedBy: o.preparedBy, Capacity: o.capacity, Detail: o.detail})
	if err != nil {
		return err
	}
	if err := e.writeOutput(o.output, func(w io.Writer) error { return render.render(w, m, o) }); err != nil {
		return err
	}
	if summary != "" {
		return appendFile(summary, reportSummary(m))
	}
	return nil
}

// writeOutput renders to stdout, or to a file atomically so a failed render never leaves
// half a report behind.
func (e *env) writeOutput(path string, render func(io.Writer) error) error {
	if path == "" || path == "-" {
		return render(e.raw)
	}
	inputs := append([]string{e.answersPath, e.catalogPath}, e.inputs...)
	for _, in := range inputs {
		if in != "" && atomicfile.SameFile(path, in) {
			return problem.At(path, 0, "choose another file for -o", "is %s, which this command reads; writing there would destroy it", in)
		}
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if err := atomicfile.Write(path, buf.Bytes()); err != nil {
		return writeProblem(path, err)
	}
	return nil
}

// writeProblem explains a failed write of path.
func writeProblem(path string, err error) error {
	if errors.Is(err, atomicfile.ErrReadOnly) {
		return problem.At(path, 0, "make it writable (chmod u+w) if it should change, or choose another file", "is read-only")
	}
	return problem.At(path, 0, "check the folder exists and is writable and the disk is not full", "could not write: %v", unwrapPathErr(err))
}

// branding is what brands a PDF: --prepared-by, --logo and --font, shared by every command
// that writes one (report, describe).
type branding struct {
	preparedBy string
	logo       string // --logo: PNG or JPEG for the PDF cover
	font       string // --font: TrueType fallback for characters the Go fonts lack
	paper      string // --paper: a4 or letter
	pdf        pdfreport.Options
	example    string // a file name for the hint when a PDF would go to a terminal
}

// flags registers the branding flags on a command; what names the document in the help,
// example is a file name to suggest.
func (b *branding) flags(c *cobra.Command, what, example string) {
	b.example = example
	c.Flags().StringVar(&b.preparedBy, "prepared-by", "", "name of the person or firm preparing the "+what)
	c.Flags().StringVar(&b.logo, "logo", "", "PNG or JPEG `file` to put on the PDF cover (pdf only, up to 5 MB)")
	c.Flags().StringVar(&b.paper, "paper", "a4", "paper size of the PDF: "+strings.Join(pdfreport.Papers, " or "))
	c.Flags().StringVar(&b.font, "font", "", "TrueType `file` (.ttf) for characters the built-in fonts lack, such as Chinese or Japanese (pdf only)")
}

// checkBranding refuses to print a binary format on a terminal and loads the branding
// files, so a bad --logo or --font fails before any work is done. The branding files only
// apply to binary formats.
func (e *env) checkBranding(b *branding, format, output string, binary bool) error {
	if pdfreport.CheckPaper(b.paper) != nil {
		return problem.New("--paper takes "+strings.Join(pdfreport.Papers, " or "), "unknown paper size %q", b.paper)
	}
	if !binary {
		if b.paper != "a4" {
			return problem.New("use --format pdf, or drop --paper", "--paper only applies to --format pdf")
		}
		for _, f := range []struct{ name, value string }{{"--logo", b.logo}, {"--font", b.font}} {
			if f.value != "" {
				return problem.New("use --format pdf, or drop "+f.name, "%s only applies to --format pdf", f.name)
			}
		}
		return nil
	}
	if (output == "" || output == "-") && isTerminal(e.stdout) {
		return problem.New("write it to a file with -o "+b.example+", or pipe it", "refusing to write a %s file to the terminal", format)
	}
	b.pdf.SystemFonts = pdfreport.SystemFonts
	b.pdf.Paper = b.paper
	if b.logo != "" {
		data, err := e.readAsset(b.logo, pdfreport.MaxLogoSize, "logo", pdfreport.CheckLogo,
			"use a PNG (not interlaced, 8 bits per channel) or a JPEG under 5 MB; a logo 600 pixels wide is plenty for print")
		if err != nil {
			return err
		}
		b.pdf.Logo, b.pdf.LogoType = data, pdfreport.ImageType(data)
	}
	if b.font != "" {
		data, err := e.readAsset(b.font, pdfreport.MaxFontSize, "font", pdfreport.CheckFont,
			"pass a TrueType .ttf font, such as DroidSansFallbackFull.ttf from Debian's fonts-droid-fallback")
		if err != nil {
			return err
		}
		b.pdf.Font = data
	}
	return nil
}

// readAsset reads a file the PDF embeds (--logo, --font), records it as an input, and
// checks its content with check; what names it in messages, hint says what would do.
func (e *env) readAsset(path string, limit int64, what string, check func([]byte) error, hint string) ([]byte, error) {
	e.inputs = append(e.inputs, path)
	data, err := readBinary(path, limit, what)
	if err != nil {
		return nil, err
	}
	if err := check(data); err != nil {
		return nil, problem.At(path, 0, hint, "%v", err)
	}
	return data, nil
}

// readBinary reads a branding file, refusing folders and files over the limit before
// reading them.
func readBinary(path string, limit int64, what string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, problem.At(path, 0, "check the path to the "+what+" file", "no such file").Of(fs.ErrNotExist)
		}
		return nil, problem.At(path, 0, "", "cannot read: %v", unwrapPathErr(err))
	}
	if !info.Mode().IsRegular() {
		return nil, problem.At(path, 0, "name a "+what+" file, not a folder or device", "is not a regular file")
	}
	if info.Size() > limit {
		return nil, problem.At(path, 0, "use a smaller "+what+" file", "%s is %.1f MB; the limit is %d MB", what, float64(info.Size())/(1<<20), limit>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, problem.At(path, 0, "", "cannot read: %v", unwrapPathErr(err))
	}
	if int64(len(data)) > limit {
		return nil, problem.At(path, 0, "use a smaller "+what+" file", "%s is larger than %d MB", what, limit>>20)
	}
	return data, nil
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// renderPDF writes the PDF; a failure here is a bug, not bad input (inputs were checked).
func renderPDF(w io.Writer, m *reports.Model, o *reportOptions) error {
	return pdfRender(func() error { return pdfreport.Render(w, m, o.pdf) })
}

// pdfGCLimit is the heap size at which a PDF render collects garbage.
const pdfGCLimit = 384 << 20

// pdfRender runs a PDF render with the collector tuned for it, and reports a failure as
// the bug it is. gofpdf allocates about 100 MB for a 60-page report, nearly all
// short-lived: a new zlib compressor (about 1.2 MB, zeroed) for every page when the file
// is written. A render is short, so the collector stays off until the heap passes
// pdfGCLimit instead of running a dozen times; a huge report still collects at that
// limit. The setting is process-wide, so the command layer owns it and restores it.
func pdfRender(render func() error) error {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(pdfGCLimit))
	if err := render(); err != nil {
		return &problem.Error{Msg: "pdf: " + err.Error(), Hint: "this is a bug; please report it with the command you ran", Code: problem.ExitInternal}
	}
	return nil
}
