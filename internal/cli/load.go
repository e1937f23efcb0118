package cli

import (
	"errors"
	"io/fs"
	"strconv"
	"time"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/atomicfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/scoring"
	"github.com/soc2ready/soc2ready/internal/yamlfile"
)

// loadCatalogue loads the built-in catalogue and the --catalog overlay, if any.
func (e *env) loadCatalogue() (*catalogue.Catalogue, error) {
	if e.catalogPath == "" {
		return catalogue.Builtin(criteria.Snapshot)
	}
	data, err := yamlfile.ReadFile(e.catalogPath)
	if err != nil {
		return nil, problem.Rehint(err, fs.ErrNotExist, "check the path given to --catalog")
	}
	return cataloguefile.BuiltinWithOverlay(criteria.Snapshot, e.catalogPath, data)
}

// loadAnswers loads the answers file named by -a.
func (e *env) loadAnswers(cat *catalogue.Catalogue) (*answersfile.File, error) {
	f, err := answersfile.Load(e.answersPath, cat)
	return f, problem.Rehint(err, fs.ErrNotExist, "run `soc2ready init` to create it, or pass another file with -a/--answers")
}

// lockAnswers takes the writer lock on the answers file, so two soc2ready processes
// (assess, set, import, init) never edit it at once. Call the returned function to release.
func (e *env) lockAnswers() (unlock func(), err error) {
	unlock, err = atomicfile.Lock(e.answersPath)
	if errors.Is(err, atomicfile.ErrLocked) {
		busy := problem.At(e.answersPath, 0, "wait for the other soc2ready (assess, set, import or init) to finish, then try again", "is being edited by another soc2ready process")
		busy.Code = problem.ExitBusy
		return nil, busy
	}
	if err != nil {
		return nil, problem.At(e.answersPath, 0, "check the folder exists and is writable", "cannot lock: %v", err)
	}
	return unlock, nil
}

// catalogueLocked loads the catalogue and takes the writer lock on the answers file: init
// writes the file whether or not it exists yet, so it locks without loading it.
func (e *env) catalogueLocked() (cat *catalogue.Catalogue, unlock func(), err error) {
	if cat, err = e.loadCatalogue(); err != nil {
		return nil, nil, err
	}
	if unlock, err = e.lockAnswers(); err != nil {
		return nil, nil, err
	}
	return cat, unlock, nil
}

// assessment is a loaded and scored answers file.
type assessment struct {
	cat    *catalogue.Catalogue
	file   *answersfile.File
	result *scoring.Result
}

// assessDated assesses, and gives the date a report or draft carries (--as-of or today).
func (e *env) assessDated() (*assessment, string, error) {
	a, err := e.assess()
	if err != nil {
		return nil, "", err
	}
	date, err := e.reportDate()
	if err != nil {
		return nil, "", err
	}
	return a, date, nil
}

// editAnswers takes the writer lock on the answers file and loads it, for a command that
// changes it. Call unlock when done; on error there is nothing to release.
func (e *env) editAnswers(cat *catalogue.Catalogue) (f *answersfile.File, unlock func(), err error) {
	unlock, err = e.lockAnswers()
	if err != nil {
		return nil, nil, err
	}
	if f, err = e.loadAnswers(cat); err != nil {
		unlock()
		return nil, nil, err
	}
	return f, unlock, nil
}

func (e *env) assess() (*assessment, error) {
	cat, err := e.loadCatalogue()
	if err != nil {
		return nil, err
	}
	f, err := e.loadAnswers(cat)
	if err != nil {
		return nil, err
	}
	r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})
	return &assessment{cat: cat, file: f, result: r}, nil
}

// now is the current time, or SOURCE_DATE_EPOCH when set, so builds and tests can fix it.
func (e *env) now() (time.Time, error) {
	if s := e.getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, problem.New("set it to a Unix time in seconds, or unset it", "SOURCE_DATE_EPOCH %q is not a number", s)
		}
		if err := inRange("SOURCE_DATE_EPOCH", float64(n), 0, maxEpoch, "set it to a Unix time in seconds up to the year 9999, or unset it"); err != nil {
			return time.Time{}, err
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Now().UTC(), nil
}

// today is now as YYYY-MM-DD.
func (e *env) today() (string, error) {
	t, err := e.now()
	return t.Format("2006-01-02"), err
}

// reportDate dates a report and measures evidence ages: --as-of when given, else
// SOURCE_DATE_EPOCH (reproducible builds and tests), else today. Never a date taken from
// the answers file: a gate measured against the file's own latest edit would pass stale
// evidence for ever in a repository nobody touches.
func (e *env) reportDate() (string, error) {
	if e.asOf != "" {
		return e.asOf, nil
	}
	return e.today()
}

// checkAsOf validates --as-of (YYYY-MM-DD) before any work is done.
func (e *env) checkAsOf() error {
	if e.asOf != "" && !answers.ValidDate(e.asOf) {
		return problem.New("write the date as YYYY-MM-DD, e.g. --as-of 2027-03-31", "--as-of %q is not a date", e.asOf)
	}
	return nil
}
