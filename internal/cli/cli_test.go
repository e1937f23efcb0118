package cli

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/soc2ready/soc2ready/internal/golden"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/soc2ready/soc2ready/internal/atomicfile"
)

// TestMain lets the test binary stand in for the real one: scripts run `soc2ready ...`
// in a subprocess through exactly the code path of cmd/soc2ready.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"soc2ready": func() {
			if os.Getenv("SOC2READY_TEST_PANIC") != "" {
				// Only the test binary reads this variable: the release binary has no
				// panic switch.
				beforeRun = func() { panic("injected by the test binary") }
			}
			os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs every testdata/script/*.txtar: exit codes, stdout, stderr and files
// written, for each command. `go test ./internal/cli -update` rewrites their golden
// sections after an intended change.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *golden.Update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// bigfile NAME BYTES writes a file of that size (too large to keep in git).
			"bigfile": func(ts *testscript.TestScript, neg bool, args []string) {
				n, err := strconv.Atoi(args[1])
				ts.Check(err)
				data := bytes.Repeat([]byte("# padding line to make a large file\n"), n/36+1)
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), data[:n], 0o644))
			},
			// status N PROG ARGS... runs PROG and expects exit status N.
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				want, err := strconv.Atoi(args[0])
				ts.Check(err)
				err = ts.Exec(args[1], args[2:]...)
				got := 0
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					got = ee.ExitCode()
				} else if err != nil {
					ts.Fatalf("%v", err)
				}
				if got != want {
					ts.Fatalf("exit status %d, want %d", got, want)
				}
			},
			// encode ENC IN OUT rewrites a text file as a spreadsheet program might save
			// it: cr (CR-only line ends, Excel's "CSV (Macintosh)"), utf16le and utf16be
			// (with a byte-order mark, Excel's "Unicode text"), utf16nobom, latin1.
			"encode": func(ts *testscript.TestScript, neg bool, args []string) {
				in := ts.ReadFile(args[1])
				var out []byte
				var err error
				switch args[0] {
				case "cr":
					out = []byte(strings.ReplaceAll(strings.ReplaceAll(in, "\r\n", "\r"), "\n", "\r"))
				case "utf16le":
					out, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(in))
				case "utf16be":
					out, err = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(in))
				case "utf16nobom":
					out, err = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(in))
				case "latin1":
					out, err = charmap.ISO8859_1.NewEncoder().Bytes([]byte(in))
				default:
					ts.Fatalf("unknown encoding %s", args[0])
				}
				ts.Check(err)
				ts.Check(os.WriteFile(ts.MkAbs(args[2]), out, 0o644))
			},
			// xlsxset FILE ID COLUMN VALUE fills in one cell of an exported workbook, as a
			// client would: the row of control ID, the column named COLUMN.
			"xlsxset": func(ts *testscript.TestScript, neg bool, args []string) {
				path := ts.MkAbs(args[0])
				x, err := excelize.OpenFile(path)
				ts.Check(err)
				rows, err := x.GetRows("Questionnaire")
				ts.Check(err)
				col := -1
				for i, h := range rows[0] {
					if h == args[2] {
						col = i + 1
					}
				}
				for i, r := range rows {
					if len(r) > 0 && r[0] == args[1] && col > 0 {
						cell, err := excelize.CoordinatesToCellName(col, i+1)
						ts.Check(err)
						ts.Check(x.SetCellStr("Questionnaire", cell, args[3]))
						ts.Check(x.Save())
						return
					}
				}
				ts.Fatalf("no row %s or column %s in %s", args[1], args[2], args[0])
			},
			// repeat FILE N TEXT appends N lines of TEXT to FILE, with %d replaced by the
			// line's number (files of 100,000 keys are too large to keep in git).
			"repeat": func(ts *testscript.TestScript, neg bool, args []string) {
				n, err := strconv.Atoi(args[1])
				ts.Check(err)
				var buf bytes.Buffer
				for i := 0; i < n; i++ {
					buf.WriteString(strings.ReplaceAll(args[2], "%d", strconv.Itoa(i)))
					buf.WriteByte('\n')
				}
				f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
				ts.Check(err)
				_, err = f.Write(buf.Bytes())
				ts.Check(err)
				ts.Check(f.Close())
			},
			// png FILE W H writes a uniform grey PNG: tiny on disk whatever its size.
			"png": func(ts *testscript.TestScript, neg bool, args []string) {
				w, err := strconv.Atoi(args[1])
				ts.Check(err)
				h, err := strconv.Atoi(args[2])
				ts.Check(err)
				var buf bytes.Buffer
				ts.Check(png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))))
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), buf.Bytes(), 0o644))
			},
			// truncate FILE N keeps the first N bytes of FILE.
			"truncate": func(ts *testscript.TestScript, neg bool, args []string) {
				n, err := strconv.ParseInt(args[1], 10, 64)
				ts.Check(err)
				ts.Check(os.Truncate(ts.MkAbs(args[0]), n))
			},
			// damagedfont FILE writes Go Regular with its glyph outlines overwritten: the
			// headers still read.
			"damagedfont": func(ts *testscript.TestScript, neg bool, args []string) {
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), golden.DamagedFont(goregular.TTF), 0o644))
			},
			"mkfifo": func(ts *testscript.TestScript, neg bool, args []string) {
				ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
			},
			// lock FILE holds the writer lock on FILE until the script ends, as a running
			// `soc2ready assess` would.
			"lock": func(ts *testscript.TestScript, neg bool, args []string) {
				unlock, err := atomicfile.Lock(ts.MkAbs(args[0]))
				ts.Check(err)
				ts.Defer(unlock)
			},
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Setup: func(e *testscript.Env) error {
			e.Setenv("SOURCE_DATE_EPOCH", "1795000000") // 2026-11-18
			wd, _ := os.Getwd()
			e.Setenv("EXAMPLES", wd+"/../../examples")
			return nil
		},
	})
}
