package cli

import (
	"math"
	"strconv"

	"github.com/soc2ready/soc2ready/internal/problem"
)

// inRange is the one check every number from a flag or the environment passes: a finite
// value from lo to hi. strconv (and so pflag) accepts NaN and Inf, and every comparison
// with NaN is false, so a plain `v < lo || v > hi` lets NaN through: --min-score NaN once
// passed every gate.
func inRange(name string, v, lo, hi float64, hint string) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < lo || v > hi {
		return problem.New(hint, "%s %s is out of range (%s to %s)", name, num(v), num(lo), num(hi))
	}
	return nil
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Bounds of the numeric flags and SOURCE_DATE_EPOCH.
const (
	minCapacity  = 0.1  // person-days a week: under this a plan runs past a lifetime
	maxCapacity  = 1000 // two hundred people full time
	maxEmployees = 10_000_000
	// maxEpoch is 9999-12-31T23:59:59Z: dates must stay four-digit years, or date
	// comparisons (the evidence age gate) stop making sense.
	maxEpoch = 253402300799
)
