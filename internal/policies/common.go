package policies

import (
	"fmt"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// The parts every policy shares: front matter, scope, roles, and the closing sections on
// exceptions, enforcement, records, review and acknowledgement. The policy-specific
// sections are in content.go.

// front fills the drafting notes, the front matter and the version table.
func (x *b) front() {
	d := x.d
	variant := "a small company (" + catalogue.SmallMaxWords + ")"
	if !x.small {
		variant = fmt.Sprintf("a larger company (more than %d people)", catalogue.SmallMax)
	}
	d.Notes = append(d.Notes, t("Drafting note, to delete on approval: this draft was written by ", x.in.Tool, " on ", x.in.Date,
		" from the answers file, in the variant for ", variant, ". Every ", DecisionLabel,
		": ...] marks a choice only management can make; the draft states no such choice for it. Nothing in it is in force until it is approved and published."))
	if doc := x.backed[x.p.DocumentControl]; doc != nil && (doc.Status == answers.Implemented || doc.Status == answers.Partial) {
		d.Notes = append(d.Notes, t("Drafting note: the answers file records ", x.p.DocumentControl, " as ", string(doc.Status),
			", so a version of this ", x.noun, " already exists. Use this draft to check the existing one for gaps rather than to replace it; an approved policy keeps its own version history."))
	}
	if op := x.scope.ObservationPeriod; x.type2 && op != nil && string(op.Start) <= x.in.Date {
		if doc := x.backed[x.p.DocumentControl]; doc != nil && doc.Status != answers.Implemented {
			d.Notes = append(d.Notes, t("Drafting note: the Type 2 observation period started on ", string(op.Start),
				". A ", x.noun, " approved after that date did not exist for the start of the period, and the auditor will record that; agree with the auditor whether to move the period or to report it."))
		}
	}
	var open []string
	for _, id := range x.order {
		if id != x.p.DocumentControl && x.backed[id].Open() {
			open = append(open, id)
		}
	}
	if len(open) > 0 {
		d.Notes = append(d.Notes, t("Drafting note: the answers file records ", plural(len(open), "control", "controls"),
			" this ", x.noun, " commits to as not yet fully in place (", strings.Join(open, ", "),
			"). An auditor tests what the ", x.noun, " says against what happens, so approve it once they operate, or write into the text the date each one starts."))
	}

	applies := t(x.peopleWords(), "; the ", x.system, " and the company systems that support it")
	d.Meta = []Field{
		{"Organisation", t(x.org)},
		{"System", t(x.system)},
		{"Version", t("0.1, draft of ", x.in.Date)},
		{"Policy owner", x.owner},
		{"Approved by", t(dec(x.approverHint()))},
		{"Effective from", t(dec("the date of approval"))},
		{"Applies to", applies},
		{"Review", t("At least once a year, and after any change that makes it wrong; next review due no later than 12 months after approval")},
		{"Document control", t(x.p.DocumentControl + " in the soc2ready answers file")},
	}
	d.Versions = [][]Text{
		{t("0.1"), t(x.in.Date), t("First draft, generated from the answers file"), t("Not approved")},
		{t("1.0"), t(dec("approval date")), t("Approved for use"), t(dec("name and role of the approver"))},
	}
}

func (x *b) approverHint() string {
	if x.small {
		return "who approves, usually the CEO or a founder on behalf of the board"
	}
	return "the approving executive or committee, for example the CEO or the security steering committee"
}

// peopleWords names who the policy applies to.
func (x *b) peopleWords() string {
	n := x.in.File.Organization.Employees
	who := "Everyone who works for " + x.org
	if n > 0 {
		who = "All " + itoa(n) + " people who work for " + x.org
	}
	if x.contractors {
		return who + ", employees and contractors alike, and anyone else given access to its systems or data"
	}
	return who + " (the answers file records no contractors with access to systems or data)"
}

// named returns "the ROLE (Owner)" when the answers name an owner for the first of ids
// that has one, else "the ROLE".
func (x *b) named(role string, ids ...string) string {
	for _, id := range ids {
		if o := strings.TrimSpace(x.in.File.Answers[id].Owner); o != "" {
			return "the " + role + " (" + o + ")"
		}
	}
	return "the " + role
}

// person names the owner the answers record for the first of ids that has one, or asks
// management to decide.
func (x *b) person(hint string, ids ...string) Text {
	for _, id := range ids {
		if o := strings.TrimSpace(x.in.File.Answers[id].Owner); o != "" {
			return t(o)
		}
	}
	return t(dec(hint))
}

// ifSmall keeps paragraphs only in the small-company variant.
func (x *b) ifSmall(ps ...Text) []Text {
	if x.small {
		return ps
	}
	return nil
}

// orgPoss is the organisation's name in the possessive.
func (x *b) orgPoss() string {
	if strings.HasSuffix(x.org, "s") {
		return x.org + "'"
	}
	return x.org + "'s"
}

// lowerFirst lower-cases the first letter of user text that starts a clause, unless the
// first word looks like a name or an acronym (a second capital letter).
func lowerFirst(s string) string {
	w, _, _ := strings.Cut(s, " ")
	if len(w) < 2 || strings.ToLower(w[1:]) != w[1:] || w[0] < 'A' || w[0] > 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// secOwner is the person or role who runs security day to day.
func (x *b) secOwner() string { return x.named("security owner", "GOV-SECURITY-OWNER") }

// commitments returns the customer commitments that mention any of the words.
func (x *b) commitments(words ...string) []string {
	var out []string
	for _, c := range x.scope.Commitments {
		lc := strings.ToLower(c)
		for _, w := range words {
			if strings.Contains(lc, w) {
				out = append(out, strings.TrimSpace(c))
				break
			}
		}
	}
	return out
}

// subservice lists the subservice organisations by name, or a decision when none are
// recorded.
func (x *b) subserviceNames() Text {
	var names []string
	for _, s := range x.scope.Subservice {
		names = append(names, strings.TrimSpace(s.Name))
	}
	if len(names) == 0 {
		return t(dec("list the cloud provider and other subservice organisations (the answers file names none)"))
	}
	return t(JoinAnd(names))
}

// hosts names the subservice organisations that host the system (their services or the
// controls relied on there mention hosting, data centres or physical security), or asks
// management to name the cloud provider.
func (x *b) hosts() Text {
	var names []string
	for _, s := range x.scope.Subservice {
		words := strings.ToLower(s.Services + " " + strings.Join(s.CSOCs, " "))
		for _, w := range []string{"hosting", "data cent", "data-cent", "datacent", "physical", "colocation"} {
			if strings.Contains(words, w) {
				names = append(names, strings.TrimSpace(s.Name))
				break
			}
		}
	}
	if len(names) == 0 {
		return t(dec("name the cloud or hosting provider (no subservice organisation in the answers file is recorded as hosting the system)"))
	}
	return t(JoinAnd(names))
}

// JoinAnd joins a list in prose: "a", "a and b", "a, b and c".
func JoinAnd(list []string) string {
	switch len(list) {
	case 0:
		return ""
	case 1:
		return list[0]
	}
	return strings.Join(list[:len(list)-1], ", ") + " and " + list[len(list)-1]
}

// scopeSection is section 2 of every policy: who and what it covers, and where people
// work.
func (x *b) scopeSection(what string, extra ...any) {
	x.section("Scope")
	x.para("This ", x.noun, " applies to ", strings.ToLower(x.peopleWords()[:1]), x.peopleWords()[1:], ". It covers ", what, ".")
	if svc := strings.TrimSpace(x.in.File.Organization.Services); svc != "" {
		x.para("The ", x.system, " provides ", lowerFirst(strings.TrimSuffix(svc, ".")), ".")
	}
	if x.office {
		x.para(x.org, " has premises where staff work or equipment is kept; where this ", x.noun, " mentions the office, it means every such site.")
	} else {
		x.para(x.org, " has no office: everyone works remotely, and the company's systems run with cloud and software-as-a-service providers. Where an office-based company would rely on locked doors, this ", x.noun, " relies on managed devices, strong sign-in and the providers' own controls.")
	}
	if tt := t(extra...); len(tt) > 0 {
		x.para(tt)
	}
}

// rolesSection names who does what: the policy owner, the approver, everyone in scope,
// any policy-specific roles, and the owners the answers file records for the controls
// this policy backs.
func (x *b) rolesSection(roles []any, paras ...Text) {
	x.section("Roles and responsibilities", x.p.DocumentControl)
	items := []any{
		t("Policy owner: ", x.owner, ". Keeps this ", x.noun, " current, answers questions about it, approves exceptions within its limits and reports on how it operates."),
		t("Approver: ", dec(x.approverHint()), ". Approves this ", x.noun, " and each new version."),
	}
	items = append(items, roles...)
	items = append(items, t("Everyone in scope: reads this ", x.noun, ", confirms they have done so, follows it and reports anything that conflicts with it to the policy owner."))
	x.list(items...)
	for _, p := range paras {
		x.para(p)
	}
	if x.small {
		x.para("At ", x.orgPoss(), " size one person may hold several of these roles. Where the same person would both do and approve a piece of work, a second person (a founder or another senior engineer) reviews it afterwards.")
	} else {
		x.para("Each role has a named deputy who acts when the holder is away. Managers make sure their teams know and follow this ", x.noun, ".")
	}
	owners := map[string][]string{}
	var names []string
	unowned := 0
	for _, id := range x.order {
		if id == x.p.DocumentControl {
			continue
		}
		o := strings.TrimSpace(x.backed[id].Answer.Owner)
		if o == "" {
			unowned++
			continue
		}
		if owners[o] == nil {
			names = append(names, o)
		}
		owners[o] = append(owners[o], id)
	}
	if len(names) > 0 {
		x.para("The answers file names these owners for the controls this ", x.noun, " backs; approving the ", x.noun, " confirms them:")
		var items []any
		for _, n := range names {
			items = append(items, n+": "+strings.Join(owners[n], ", "))
		}
		x.list(items...)
	}
	if unowned > 0 {
		x.para(plural(unowned, "control", "controls"), " this ", x.noun, " backs ", map[bool]string{true: "has", false: "have"}[unowned == 1], " no named owner yet: ", dec("assign an owner to each before approval (see the closing table)"), ".")
	}
}

// closing adds the sections every policy ends with.
func (x *b) closing() {
	x.section("Exceptions and enforcement")
	x.para("Anyone who cannot meet a requirement of this ", x.noun, " asks the policy owner for an exception before acting, in writing (a ticket or email is enough), stating what cannot be met, why, for how long and what reduces the risk in the meantime.")
	if x.small {
		x.para("The policy owner decides; an exception that would affect customer data or a customer commitment also needs the approver's agreement. Exceptions last at most ", dec("the longest an exception may last, for example 90 days"), " and are listed where the risk register is kept.")
	} else {
		x.para("The policy owner decides within their authority; an exception that affects customer data, a customer commitment or a high risk goes to the security steering committee or the approver. Exceptions last at most ", dec("the longest an exception may last, for example 90 days"), ", are recorded in the exceptions register with an expiry date and are reported at the next management review.")
	}
	x.para("The policy owner checks that this ", x.noun, " is followed, using the records named in it; a breach found is recorded, its cause fixed, and the person's manager told. Breaking this ", x.noun, " on purpose or through repeated carelessness can lead to disciplinary action under ", x.orgPoss(), " disciplinary process, up to dismissal, or for a contractor the end of the engagement. Reporting a mistake promptly is never punished.")

	x.section("Records")
	x.para("Each procedure under this ", x.noun, " leaves a dated record: a ticket, a log entry, a signed form, an export from the tool that does the work. Records are kept for at least ", dec("how long records are kept, at least the period an auditor may ask about (commonly three years)"), ".")
	if x.type2 {
		period := "the observation period"
		if op := x.scope.ObservationPeriod; op != nil {
			period = "the observation period (" + string(op.Start) + " to " + string(op.End) + ")"
		}
		x.para(x.org, " is preparing a Type 2 report: the auditor will sample these records across ", period, " to test that the ", x.noun, " operated the whole time. A control that ran late or without a record is an exception in the report, so each recurring task has a named owner and a date in the compliance calendar.")
	} else {
		x.para(x.org, " is preparing a Type 1 report, which looks at how controls are designed on one date. The records that matter first are this approved ", x.noun, " and the evidence that staff acknowledged it; keep every record from approval on, because a later Type 2 report tests that the ", x.noun, " operated over a period.")
	}

	x.section("Review, approval and acknowledgement", x.p.DocumentControl)
	x.para("The policy owner reviews this ", x.noun, " at least once a year, and sooner after a significant change to the system, the organisation, the law, a customer commitment or after an incident that shows it to be wrong. Each review is recorded in the version table, even when nothing changes; the approver approves every new version.")
	if x.small {
		x.para("Everyone in scope confirms they have read and will follow this ", x.noun, " when they join, and again each year and after each new version, by ", dec("how staff acknowledge, for example an e-signature or a form that records name and date"), ". The policy owner keeps the list of confirmations and follows up anyone who has not confirmed within ", dec("the deadline, for example 14 days"), ".")
	} else {
		x.para("Everyone in scope confirms they have read and will follow this ", x.noun, " during onboarding, and again each year and after each new version, through ", dec("the system that records acknowledgements, for example the HR system or the training platform"), ". HR reports the completion rate to the policy owner each month until it reaches 100%, and managers follow up their own teams.")
	}
	x.para("The current version is published where everyone in scope can read it: ", dec("where policies are published, for example the handbook or the intranet"), ".")
}
