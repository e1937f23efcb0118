package reports

// How much of the readiness report to write (report --detail). The default is the
// report a board reads: summary, timeline, criteria overview, one gap register, policies
// and scope. Full adds every criterion, the evidence request list and every answer;
// summary keeps the executive summary, the timeline and the criteria overview.
const (
	DetailSummary  = "summary"
	DetailStandard = "standard"
	DetailFull     = "full"
)

// DetailNames lists the --detail values, shortest report first.
var DetailNames = []string{DetailSummary, DetailStandard, DetailFull}

// Full reports whether the report carries the reference sections (evidence requests,
// every criterion, every answer).
func (m *Model) Full() bool { return m.Detail == DetailFull }

// Brief reports whether the report stops after the criteria overview.
func (m *Model) Brief() bool { return m.Detail == DetailSummary }
