package scoring

import (
	"fmt"

	"github.com/soc2ready/soc2ready/internal/answers"
)

// Advice is the recommended report type and why.
type Advice struct {
	Type   string // answers.Type1 or answers.Type2
	Reason string
}

// Recommend picks Type 1 or Type 2 from the result. Buyers mostly want a Type 2, so that
// is the goal; a Type 1 is advised only as a stepping stone while key controls are missing,
// because an observation period started too early produces exceptions.
func Recommend(r *Result) Advice {
	notReady := r.Verdicts[NotReady]
	switch {
	case r.Overall.Value >= AuditReadyAt && notReady == 0:
		return Advice{answers.Type2, fmt.Sprintf("Controls are in place across the criteria: start a Type 2 observation period now (%d to %d months for a first report).", MinObservationMonths, FirstObservationMonths)}
	case r.Overall.Value >= FindingsLikelyAt && notReady == 0:
		return Advice{answers.Type2, "Close the high-severity gaps first, then start a Type 2 observation period; take a Type 1 only if a customer needs a report before then."}
	default:
		return Advice{answers.Type1, "Key controls are missing, so a Type 2 period started now would test controls that are not there yet. Remediate, then take a Type 1 (design at a point in time) as a milestone and move to Type 2."}
	}
}

// RecommendInScope refines the advice with what the answers file already says: a Type 2
// whose observation period has begun needs advice about the period, not about starting one.
func RecommendInScope(r *Result, scope answers.Scope, today string) Advice {
	a := Recommend(r)
	p := scope.ObservationPeriod
	if scope.ReportType != answers.Type2 || p == nil || string(p.Start) > today {
		return a
	}
	if string(p.End) < today {
		return Advice{answers.Type2, "The observation period (" + string(p.Start) + " to " + string(p.End) + ") has ended: book fieldwork, and list the exceptions the open gaps will cause so management's responses are ready."}
	}
	if r.Verdicts[NotReady] == 0 && len(r.Exceptions) > 0 {
		return Advice{answers.Type2, fmt.Sprintf("The observation period (%s to %s) is under way and %d controls are expected to show exceptions in it: fix them now so the deviations stop, keep evidence of when each fix took effect, and prepare management's responses for the report.", p.Start, p.End, len(r.Exceptions))}
	}
	if r.Verdicts[NotReady] == 0 {
		return Advice{answers.Type2, "The observation period (" + string(p.Start) + " to " + string(p.End) + ") is under way: keep every control operating and evidenced, and close the at-risk items before it ends."}
	}
	return Advice{answers.Type2, "The observation period (" + string(p.Start) + " to " + string(p.End) + ") is under way with criteria not ready: expect exceptions; consider a shorter period or a Type 1 while they are fixed."}
}
