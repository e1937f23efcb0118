package policies

import (
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
)

// The text of each core policy, in our own words. Each writer lays out its sections and
// names the controls each section backs; backs() drops the controls that do not apply in
// this scope, and a sentence about a control that does not apply is left out with it
// (x.has), so the draft never promises a practice the scope excludes.

// writers by policy id; a policy an overlay adds gets the generic draft.
var writers = map[string]func(*b){
	"information_security": (*b).infosec,
	"access_control":       (*b).access,
	"change_management":    (*b).change,
	"incident_response":    (*b).incident,
	"business_continuity":  (*b).bcdr,
	"vendor_management":    (*b).vendor,
	"risk_assessment":      (*b).risk,
	"data_management":      (*b).data,
	"acceptable_use":       (*b).aup,
	"encryption":           (*b).crypto,
	"hr_security":          (*b).hr,
	"privacy":              (*b).privacy,
}

func (x *b) body() {
	if w := writers[x.p.ID]; w != nil {
		w(x)
	} else {
		x.generic()
	}
	x.closing()
}

func (x *b) purpose(parts ...any) {
	x.section("Purpose", x.p.DocumentControl)
	x.para(parts...)
}

// --- information security --------------------------------------------------------------

func (x *b) infosec() {
	x.infosecGovernance()
	x.infosecObjectives()
	x.infosecOperations()
	x.infosecPremisesAndMonitoring()
}

// infosecGovernance: purpose, scope and who is accountable.
func (x *b) infosecGovernance() {
	x.purpose("This policy states how ", x.org, " protects the ", x.system, " and the information entrusted to it, who is accountable for that, and how management knows the protection works. It is the top of the policy set: the other policies apply it to one subject each.")
	x.backs("RSK-OBJECTIVES")
	x.scopeSection("every system, service, device and record that stores, processes or gives access to customer data or to the " + x.system)
	x.backs("GOV-SYSTEM-DESCRIPTION", "RSK-ITGC-COVERAGE")
	x.para("The boundary of the system (its infrastructure, software, people, procedures and data) is written down in the system description, which ", x.named("system description owner", "GOV-SYSTEM-DESCRIPTION"), " updates whenever the architecture or data flows change. A system that holds customer data and is missing from it is brought into scope, not left out.")

	board := t("Board: sets the direction, reviews security at least ", dec("how often the board reviews security, at least twice a year"), " and records its questions and decisions in minutes.")
	review := t("A security steering committee of the security owner and the heads of engineering, IT, people and legal meets at least ", dec("how often, for example monthly"), " to review risks, incidents, control gaps and planned changes; it keeps minutes and reports to the executive team each quarter.")
	if x.small {
		board = t("Board and founders: set the direction, review security at least ", dec("how often the board reviews security, at least twice a year"), " and record their questions and decisions in minutes.")
		review = t("Management reviews security in a standing meeting at least ", dec("how often, for example monthly"), ": open risks, incidents, overdue tasks and changes coming up. A short written record of each review is kept.")
	}
	x.rolesSection([]any{
		t("Security owner: ", x.person("name the security owner", "GOV-SECURITY-OWNER"), ". Runs the security programme day to day, keeps the risk register and the compliance calendar, and reports to management. A named deputy covers absences: ", dec("the deputy security owner"), "."),
		board,
	}, review)
	x.backs("GOV-SECURITY-OWNER", "GOV-BOARD-OVERSIGHT", "GOV-SECURITY-COMMITTEE")
}

// infosecObjectives: the objectives, the commitments to customers and the policy set.
func (x *b) infosecObjectives() {
	x.section("Objectives and commitments", "RSK-OBJECTIVES", "RSK-LEGAL-REGISTER", "COM-TRUST-CENTER")
	x.para(x.org, " protects the confidentiality, integrity and availability of its information to the level promised to customers and required by law and contract. Management sets measurable security objectives each year (a patching target, say) and reviews them at the management review.")
	if cs := x.scope.Commitments; len(cs) > 0 {
		x.para("The commitments to customers recorded in the answers file, which the controls under this policy exist to keep:")
		var items []any
		for _, c := range cs {
			items = append(items, c)
		}
		x.list(items...)
	} else {
		x.para("The commitments made to customers are: ", dec("list the security, availability and confidentiality commitments in contracts and published terms (none are recorded in the answers file)"), ".")
	}
	x.para("A register of the legal, regulatory and contractual obligations that bear on security is kept and reviewed at least yearly.", x.when("COM-TRUST-CENTER", t(" What ", x.org, " tells customers about its security (a security page, questionnaires, a trust centre) must match this policy set.")))

	x.section("The policy set and procedures", "RSK-PROCEDURES", "MON-POLICY-REVIEW")
	var set []string
	for _, p := range x.set {
		if p.ID != x.p.ID {
			set = append(set, lowerFirst(p.Title))
		}
	}
	x.para("This policy is supported by the ", JoinAnd(set), ", each with an owner and reviewed at least yearly.")
	x.para("Where a policy says what must happen, a procedure or runbook says how, step by step; each has a named owner and is reviewed when its process or tool changes.")
}

// infosecOperations: configuration and patching, logging and monitoring, awareness.
func (x *b) infosecOperations() {
	x.section("Secure configuration, vulnerabilities and patching", "OPS-HARDENING-BASELINE", "OPS-CONFIG-DRIFT", "OPS-CSPM", "OPS-VULN-SCAN", "OPS-CONTAINER-SCAN", "OPS-DEPENDENCY-SCAN", "OPS-PATCH-SLA", "OPS-THREAT-INTEL", "OPS-END-OF-LIFE", "NET-EMAIL-AUTH")
	x.para("Servers, containers, cloud accounts and managed services are built from written hardening standards, and changes away from them are detected and either corrected or approved.", x.when("OPS-CSPM", " Cloud configuration is checked continuously against a security baseline, including for storage or ports left open to the internet."))
	scanned := []string{"infrastructure"}
	if x.has("OPS-CONTAINER-SCAN") {
		scanned = append(scanned, "container images")
	}
	if x.has("OPS-DEPENDENCY-SCAN") {
		scanned = append(scanned, "the open-source packages the code depends on")
	}
	x.para("The ", JoinAnd(scanned), " are scanned for known vulnerabilities at least ", dec("how often infrastructure is scanned, for example weekly"), ". Findings are fixed within deadlines set by severity:")
	x.list(
		t("Critical: within ", dec("days for critical findings, for example 7"), "."),
		t("High: within ", dec("days for high findings, for example 30"), "."),
		t("Medium and low: within ", dec("days, for example 90"), ", or accepted as a risk with a reason."),
	)
	x.para("A finding that cannot meet its deadline is handled as an exception (section Exceptions and enforcement).", x.when("OPS-THREAT-INTEL", " The security owner follows security advisories for the tools and providers in use and acts on those that apply."))
	x.para("The inventory gives the date each operating system, runtime, database, framework and device type in use stops getting security fixes, and is checked ", dec("how often, for example quarterly"), ": what nears that date is upgraded in time; what is past it is isolated under an approved exception with an end date. The email domains publish SPF, DKIM and a DMARC policy that quarantines or rejects forged mail, and the registrar account has multi-factor authentication and a transfer lock.")

	capacity := ""
	if x.has("AVL-CAPACITY-MONITOR") {
		capacity = " Capacity and utilisation of production are monitored against thresholds that alert before customers are affected."
	}
	x.section("Logging, monitoring and alerting", "OPS-CENTRAL-LOGGING", "OPS-CLOCK-SYNC", "OPS-SECURITY-ALERTS", "OPS-LOG-REVIEW", "OPS-THREAT-DETECTION", "OPS-DETECTION-HEALTH", "AVL-CAPACITY-MONITOR")
	x.para("Security-relevant events (sign-ins, administrative actions, changes to access and configuration, and access to customer data) are sent to a central log store that ordinary users cannot change, and kept for at least ", dec("log retention, commonly at least one year"), ". All systems take their time from a trusted source and log it in UTC, so events from different systems line up in an investigation.")
	x.para("Alerts for suspicious activity reach the engineer on call, who acts on them under the incident response plan. Alerts and logs that do not page anyone are reviewed ", dec("how often, for example weekly"), ", and the review is recorded.", x.when("OPS-DETECTION-HEALTH", " The logging and detection tools are themselves watched, so a silent failure is noticed within a day."), capacity)

	x.section("Security awareness and communication", "HR-SECURITY-TRAINING", "COM-SECURITY-UPDATES")
	x.para("Everyone in scope completes security awareness training when they join and at least once a year, covering this policy set, phishing, reporting incidents and handling customer data. Completion is recorded per person. ", x.when("COM-SECURITY-UPDATES", t("The security owner shares short security updates with the whole company ", dec("how often, for example monthly"), ": new threats, changes to policies, reminders.")))
}

// infosecPremisesAndMonitoring: the office or remote work, monitoring that controls
// work, and what others (subservice organisations, customers) must do.
func (x *b) infosecPremisesAndMonitoring() {
	if x.office {
		x.section("Physical security")
		servers := t(" No servers of its own are kept on site: production runs with its cloud providers, whose data-centre security is covered by their own assurance reports.")
		if x.hardware {
			servers = t(" Rooms or racks that hold ", x.orgPoss(), " own servers or network equipment are locked, open only to named staff, and their access is logged and reviewed.")
		}
		x.para("Offices are locked outside working hours and entry is limited to staff and escorted visitors. Visitors sign in, wear a visitor badge and are accompanied. Equipment holding company data is never left unattended in public areas, and screens are locked when people step away.", servers)
	} else {
		x.section("Remote work")
		x.para("Staff work from home or other places of their choice. They use only company-managed devices for company work, keep those devices with them or locked away, lock the screen when they step away, avoid being overlooked or overheard when handling customer information in public, and use a trusted network or the company's approved secure connection. There are no offices to protect; the physical security of the data centres is the cloud providers' responsibility, checked through their assurance reports.")
	}

	x.section("Monitoring that controls work", "MON-CONTROL-CALENDAR", "MON-SELF-ASSESS", "MON-CONTINUOUS", "MON-INDEPENDENT-REVIEW", "MON-PENTEST", "MON-DEFICIENCY-TRACKING", "RSK-CONTROL-MATRIX", "RSK-ACCEPTANCE")
	x.para("Every control has an owner and, where it recurs, a date in the compliance calendar. Owners check their own controls each quarter and record the result.", x.when("MON-CONTINUOUS", " Where a tool can check a control continuously, it does, and its alerts go to the control owner."))
	var independent Text
	if !x.off("MON-INDEPENDENT-REVIEW") {
		independent = t("An independent party (", dec("who: an internal auditor, a consultant or the auditor's readiness review"), ") reviews the controls at least yearly. ")
	}
	x.para(independent, x.when("MON-PENTEST", "A qualified third party tests the system by penetration test at least yearly. "), "Every gap found, by whatever route, is recorded with an owner and a due date and followed to closure; one that cannot be fixed is accepted as a risk by ", dec("who may accept a risk"), ", in writing.")

	x.section("Subservice organisations and customer responsibilities")
	x.para("Some controls the ", x.system, " depends on are run by other organisations: ", x.subserviceNames(), ". The vendor management policy says how they are chosen and overseen.")
	if len(x.scope.CUECs) > 0 {
		x.para("Some controls only work if customers play their part. ", x.org, " tells customers about these responsibilities in ", dec("where customers are told, for example the contract or the help centre"), ":")
		var items []any
		for _, c := range x.scope.CUECs {
			items = append(items, c)
		}
		x.list(items...)
	} else {
		x.para("What customers must do themselves for the controls to work (managing their own users, protecting their credentials): ", dec("list the complementary user entity controls (none are recorded in the answers file)"), ".")
	}
}

// --- access control ----------------------------------------------------------------------

func (x *b) access() {
	x.purpose("This policy states who may have access to the ", x.system, " and ", x.orgPoss(), " other systems, how access is granted, changed and removed, and how it is checked, so that each person and each machine can reach only what their work needs.")
	x.scopeSection("every account on the production environment, the company's cloud and software-as-a-service tools, source code and data stores, for people and for machines")
	x.rolesSection([]any{
		t("System owners: each system has an owner (", dec("where the list of systems and their owners is kept"), ") who approves access to it and reviews that access."),
		t("Managers: request access for their staff, and tell the system owners at once when someone changes role or leaves."),
	})

	x.section("Principles", "ACC-RBAC", "RSK-SOD", "ACC-TENANT-ISOLATION")
	x.para("Access is given by role, with the least privilege the work needs, and by default nobody has access to anything. Duties that would let one person both make and approve a sensitive change (for example writing and releasing code, creating and paying a vendor, granting their own access) are kept apart; where ", x.org, " is too small to separate them, a second person reviews the result.")
	x.para("Where customers share the same application and data stores, the ", x.system, " itself keeps each customer's data apart: one customer's users can never see or change another customer's data, whatever they request. Automated tests check that separation, and a change that weakens it is treated as a security defect.")

	x.section("Accounts and sign-in", "ACC-UNIQUE-ACCOUNTS", "ACC-SSO", "ACC-MFA", "ACC-PASSWORD-STANDARD", "ACC-SERVICE-ACCOUNTS", "ACC-API-KEYS")
	x.list(
		"Every person has their own named account; shared logins are not used. Where a tool forces a shared account, its credentials live in the password manager and its use is logged.",
		x.when("ACC-SSO", "People sign in through the company identity provider (single sign-on) wherever the tool supports it, so removing one account removes access everywhere."),
		"Multi-factor authentication is required for every account that reaches company or customer data, and phishing-resistant methods (security keys, passkeys) are used for administrators.",
		x.when("ACC-PASSWORD-STANDARD", t("Passwords, where still used, are at least ", dec("minimum length, for example 12 characters"), " long, unique to the service, kept in the approved password manager, and changed at once if they may have been exposed.")),
		"Service accounts and machine credentials each have an owner and a purpose, hold only the permissions that purpose needs, are never used by people, and are rotated or short-lived.",
	)

	x.section("Granting, changing and removing access", "ACC-ACCESS-REQUEST", "ACC-MOVER", "ACC-LEAVER", "ACC-EXTERNAL-USERS")
	x.para("Access is granted only on a recorded request approved by the system owner (or, for standard role access, by the role's definition), before the access is given.", x.when("ACC-MOVER", t(" When someone changes role, access they no longer need is removed within ", dec("the deadline, for example 5 working days"), " of the change.")))
	x.para("When someone leaves, their identity-provider account is disabled on their last working day, or at once for a dismissal, and any access outside single sign-on is removed within ", dec("the deadline, for example 24 hours"), ". The leaver checklist records who removed what and when.")
	if x.contractors {
		x.para("Contractors and vendor staff get accounts only when a manager sponsors them, with an end date that matches their engagement; the accounts expire on that date unless renewed.")
	}

	x.section("Privileged and production access", "ACC-PRIVILEGED", "ACC-PROD-JIT", "ACC-BREAK-GLASS", "ACC-CUSTOMER-DATA")
	x.para("Administrator rights are held by as few people as can do the work, through separate administrator accounts or elevation, never on day-to-day accounts.", x.when("ACC-PROD-JIT", " Access to production is granted for a task and a limited time, with a reason recorded, and ends on its own."))
	x.para("Root and emergency accounts are locked away (credentials split or sealed, multi-factor on a device kept safe), used only when normal access fails, and every use raises an alert and is reviewed afterwards. Staff look at customer data only when their role needs it and for a stated reason, such as the support ticket they are working on, and every such access is logged.")

	x.section("Access reviews", "ACC-ACCESS-REVIEW", "VND-THIRD-PARTY-ACCESS", "VND-OFFBOARD")
	review := "each quarter"
	x.para("System owners review who has access to the production environment, the identity provider, source code and every system holding customer data ", review, ". Each review is recorded with the list reviewed, the reviewer, the date and what was removed. Administrator access and service accounts are part of every review.")
	x.para(x.when("VND-THIRD-PARTY-ACCESS", "Third-party applications connected to company accounts (through single sign-on or granted permissions) are reviewed at the same time against the approved vendor list, and the connection of a vendor that is no longer used is removed."))

	if x.office {
		x.section("Physical access")
		x.para("Entry to the office is by personal badge or key, issued on a manager's request and returned when the person leaves; lost badges are disabled at once. The list of badge holders is reviewed with the access reviews.")
	} else {
		x.section("Remote access")
		x.para("With no office, every connection to company systems is remote: it goes through the identity provider with multi-factor authentication, from a company-managed device. Production networks are reached only through ", dec("the approved route, for example a bastion, a zero-trust proxy or the cloud provider's session manager"), ", never by opening management ports to the internet.")
	}
	if len(x.scope.CUECs) > 0 {
		x.para("Customers manage access for their own users in the product; the answers file records these customer responsibilities, which ", x.org, " tells its customers about:")
		var items []any
		for _, c := range x.scope.CUECs {
			items = append(items, c)
		}
		x.list(items...)
	}
}

// --- change management -------------------------------------------------------------------

func (x *b) change() {
	x.purpose("This policy makes sure that changes to the ", x.system, " are planned, reviewed, tested, approved and recorded before they reach production, so that a change never breaks security, availability or the commitments made to customers without anyone noticing.")
	what := "changes to infrastructure, configuration, cloud services and third-party software that make up the system"
	if x.software {
		what = "changes to the software " + x.org + " writes, to infrastructure and configuration (including infrastructure as code), and to third-party software and services that make up the system"
	}
	x.scopeSection(what)
	x.rolesSection([]any{
		t("Author: makes the change, describes it and its risk, and tests it."),
		t("Reviewer: someone other than the author who checks the change before it is released."),
		t("Release approver: ", dec("who may approve releases and configuration changes outside the normal pipeline"), "."),
	})

	x.section("Kinds of change", "CHG-EMERGENCY", "CHG-TICKET-TRACE")
	x.list(
		"Standard changes: routine, low-risk changes with a written procedure (for example a dependency update that passes the tests). They follow the normal path without extra approval.",
		"Normal changes: everything else. They are traceable to a request (a ticket or issue) that says why the change is made.",
		"Emergency changes: changes needed at once to restore service or close an active threat. They may be released before review, but are reviewed and approved within one working day afterwards and linked to the incident that caused them.",
	)

	if x.software {
		x.section("Developing software", "CHG-VERSION-CONTROL", "CHG-BRANCH-PROTECTION", "CHG-PEER-REVIEW", "CHG-CI-TESTS", "CHG-CODE-SCANNING", "CHG-DESIGN-REVIEW", "CHG-SECURE-CODING-TRAINING", "CHG-ENVIRONMENTS", "CHG-TEST-DATA", "CHG-OUTSOURCED-DEV")
		x.list(
			"All source code and infrastructure code is kept in version control. Production branches are protected: nobody, administrators included, can merge to them without the checks below passing.",
			"Every change is reviewed and approved by at least one person other than its author before it is merged.",
			"Automated tests, static analysis and a scan for secrets run on every change; a failing check blocks the merge.",
			x.when("CHG-DESIGN-REVIEW", "Significant changes (new services, new data flows, changes to authentication or to how personal or customer data is handled) get a security and privacy design review before work starts."),
			"Development, test and production environments are separate, and real customer data is not used outside production.",
			x.when("CHG-SECURE-CODING-TRAINING", "Engineers complete secure coding training when they join and at least yearly."),
			x.when("CHG-OUTSOURCED-DEV", t("Contractors and agencies who write code for ", x.org, " are bound by contract to these rules. They work in ", x.orgPoss(), " own repositories with their own named accounts, their changes go through the same review and pipeline as everyone else's, and ", x.org, " keeps ownership of the code and of every account they use.")),
		)
	} else {
		x.section("Changes without in-house development", "CHG-TEST-DATA")
		x.para(x.org, " does not write or change software itself (the answers file records no in-house development, including infrastructure as code). Changes are configuration changes and updates from vendors; they follow the rules for configuration changes and third-party changes below. If that changes, this policy is revised first.")
	}

	x.section("Infrastructure and configuration", "CHG-IAC", "CHG-MANUAL-CHANGE-APPROVAL", "OPS-CONFIG-DRIFT")
	if x.software {
		x.para("Infrastructure is changed through code in version control, reviewed like any other change. A change made by hand in a console is the exception: it is approved before it is made, recorded, and brought back into code.")
	} else {
		x.para("Configuration changes to production systems and cloud services are approved before they are made and recorded with who made them, when and why.")
	}
	x.para(x.when("OPS-CONFIG-DRIFT", "Differences between the running configuration and the approved one are detected automatically and either reverted or approved after the fact."))

	x.section("Release and deployment", "CHG-DEPLOY-PIPELINE", "CHG-SEGREGATION", "CHG-SAFE-ROLLOUT")
	if x.software {
		x.para("Changes reach production only through the automated deployment pipeline, never by copying files or editing running systems. The person who wrote a change cannot also release it alone: the pipeline enforces the review, or a second person approves the release.", x.when("CHG-SAFE-ROLLOUT", " Releases are rolled out so a fault affects few customers first, and can be rolled back quickly."))
	} else {
		x.para("Changes are applied in a planned window where that is possible, with a way back if they fail, and customers are told in advance of a change that affects them.")
	}
	if x.small {
		x.para("With a small team, an engineer may hold the rights to merge and to deploy; the review required before merge is what keeps one person from releasing an unreviewed change, and the pipeline logs show it happened.")
	}

	x.section("Third-party software and services", "CHG-VENDOR-CHANGES", "OPS-END-OF-LIFE")
	x.para("Upgrades of third-party software, libraries and managed services are tracked, tested where they can affect the system, and applied through the same path as other changes. Vendor notices of changes that affect security or availability are read and acted on by ", dec("who watches vendor change notices"), ".")
	x.para("Upgrades away from a version whose security support is ending are planned as changes before the end date, not after it; where one must wait, the delay is approved as an exception under the information security policy.")

	if x.has("AVL-CAPACITY-PLAN") || x.has("PI-PROCESSING-SPECS") || x.has("PI-ERROR-CORRECTION") {
		x.section("Capacity and processing rules", "AVL-CAPACITY-PLAN", "PI-PROCESSING-SPECS", "PI-ERROR-CORRECTION")
		if x.has("AVL-CAPACITY-PLAN") {
			x.para("Capacity is reviewed and forecast each quarter, and the changes needed to stay ahead of demand are planned through this process.")
		}
		if x.has("PI-PROCESSING-SPECS") {
			x.para("The rules the system applies to process data are documented, and a change to them is reviewed against that documentation. Processing errors found are corrected through a tracked change.")
		}
	}
}

// --- incident response -------------------------------------------------------------------

func (x *b) incident() {
	x.purpose("This plan sets out how ", x.org, " notices, reports, handles and learns from security incidents affecting the ", x.system, ", so that harm is contained quickly, the right people are told on time, and the same incident does not happen twice.")
	x.scopeSection("any event that threatens the confidentiality, integrity or availability of the system or of the information it holds: a compromised account, malware, data sent to the wrong place, a lost laptop, an outage caused by an attack, a vulnerability being exploited, a vendor's breach that reaches " + x.orgPoss() + " data")
	x.rolesSection([]any{
		t("Incident lead: ", x.person("name the incident lead", "INC-ROLES", "POL-INCIDENT"), ", or the on-call engineer until the lead takes over. Runs the response, decides severity and keeps the record."),
		t("On-call engineer: the first responder to alerts, reached through the on-call rota and its escalation path."),
		t("Communications: ", dec("who speaks to customers and the public during an incident"), ". No one else makes statements about an incident."),
		t("Legal and privacy: ", dec("who advises on notification duties, for example outside counsel"), "."),
	}, x.ifSmall(t("The incident lead and the on-call engineer may be the same person; for incidents of the two highest severities a founder then takes the lead role."))...)
	x.backs("INC-ROLES", "INC-ON-CALL")

	x.section("Reporting an incident", "COM-STAFF-REPORTING", "COM-EXTERNAL-CONTACT", "OPS-SECURITY-ALERTS")
	x.para("Anyone who notices or suspects an incident reports it at once through ", dec("the reporting channel, for example a #security channel or an email alias, and the phone number out of hours"), ", even if unsure. Reporting quickly matters more than being sure. Customers, researchers and others outside the company report through a published security contact, which is watched every working day. Security alerts page the on-call engineer directly.")

	x.section("Severity", "INC-SEVERITY-LEVELS")
	x.para("The incident lead sets a severity when the incident is opened and changes it as facts emerge:")
	x.list(
		t("Severity 1: customer data exposed or likely exposed, or the service down for customers. Response starts within ", dec("minutes, for example 15"), "; management is told at once."),
		t("Severity 2: a real threat contained to internal systems, or a partial loss of service. Response starts within ", dec("hours, for example 1"), "."),
		t("Severity 3: a suspicious event or minor policy breach without impact. Handled within ", dec("working days, for example 2"), "."),
	)

	x.section("Response", "INC-TICKETS", "INC-PLAYBOOKS", "INC-EVIDENCE", "INC-DATA-IMPACT", "INC-RECOVERY")
	x.para("Every incident has a record (", dec("the tool, for example a ticket type in the issue tracker"), ") opened at the start, with a timeline of what was seen, decided and done. The response follows these steps, using a written playbook for common kinds of incident:")
	x.list(
		"Triage: confirm what happened, set the severity, open the record, call in the people needed.",
		"Contain: stop the harm from spreading: disable accounts, revoke keys, isolate systems, block traffic.",
		"Preserve evidence: keep logs, snapshots and messages before they are changed or expire, and record who handled them.",
		"Assess the data: when confidential or personal data may be involved, including in a breach a vendor reports, work out which data was read or taken, whose it was and how much harm could follow, and record the conclusion; it decides what must be notified.",
		"Eradicate and recover: remove the cause and restore systems to a known-good state, checking they are clean before they return to service.",
	)

	x.section("Notification", "INC-CUSTOMER-NOTIFY", "AVL-STATUS-PAGE", "INC-DATA-IMPACT", "PRV-BREACH-NOTIFICATION", "PRV-INCIDENT-REGISTER")
	x.para("Customers affected by an incident are told what happened, what it means for them and what ", x.org, " is doing, within the time promised to them and in any case without undue delay.")
	if cs := x.commitments("notif", "breach", "incident", "told"); len(cs) > 0 {
		x.para("The answers file records these notification commitments, which this plan must meet:")
		var items []any
		for _, c := range cs {
			items = append(items, c)
		}
		x.list(items...)
	}
	if x.personal {
		x.para("When personal data may be involved, the incident lead asks the privacy lead to assess it at once. Where the law or a contract requires it, the affected customers (where they are the controllers), regulators and the people concerned are notified within the legal deadlines, and the decision to notify or not is recorded with its reasons.")
	} else {
		x.para("The answers file records that the system holds no personal information; if an incident shows otherwise, the incident lead takes legal advice on notification at once.")
	}
	if x.has("AVL-STATUS-PAGE") {
		x.para("Outages are posted on the status page while they last.")
	}

	x.section("After an incident", "INC-POSTMORTEM", "INC-TREND-REVIEW", "INC-HR-REFERRAL")
	x.para("Every severity 1 and 2 incident gets a written postmortem within ", dec("working days, for example 10"), ": timeline, root cause, what went well, and actions with owners and due dates, which are tracked to closure. The postmortem looks for causes in systems and processes rather than blame. Where an incident shows a deliberate breach of policy by a person, it is referred to HR under the disciplinary process. Management reviews all incidents together each quarter to spot trends, and feeds what it finds into the risk assessment.")

	x.section("Being ready", "INC-TABLETOP", "INC-ON-CALL", "INC-PLAYBOOKS")
	x.para("The on-call rota and escalation path are kept current and every responder can reach the incident record, the playbooks and the contact list even when company systems are down (", dec("where the offline copy is kept"), "). The plan is rehearsed at least once a year in a tabletop exercise based on a realistic scenario, and what the exercise shows is fixed like a postmortem action.")
	if len(x.scope.Subservice) > 0 {
		x.para("Contacts for reporting and receiving incidents at the subservice organisations (", x.subserviceNames(), ") are part of the contact list.")
	}
}

// --- business continuity and disaster recovery ------------------------------------------

func (x *b) bcdr() {
	x.purpose("This plan sets out how ", x.org, " keeps the ", x.system, " running through disruption and recovers it after a disaster, within recovery targets that match what customers were promised, and how it keeps the business itself going.")
	x.scopeSection("the production system and its data, the tools the team needs to run it, the suppliers it depends on, and the people who operate it")
	x.rolesSection([]any{
		t("Recovery lead: ", x.person("name the recovery lead", "BCP-DR-PLAN", "POL-BCDR"), ". Declares a disaster, runs the recovery and decides when service is restored."),
		t("Backup owner: ", x.person("name the backup owner", "AVL-BACKUP-AUTOMATED", "AVL-RESTORE-TEST"), ". Makes sure backups run, are watched and are tested."),
	})

	x.section("Impact and recovery targets", "BCP-BIA", "BCP-DISRUPTION-RISK", "AVL-UPTIME-MONITOR")
	x.para("A business impact analysis lists the services and data the business depends on, what an outage of each costs over time, and from that the recovery targets. It is reviewed yearly and whenever the system changes significantly; disruption risks found are treated in the risk register.")
	x.list(
		t("Recovery time objective for the production service: ", dec("the longest acceptable outage, for example 4 hours"), "."),
		t("Recovery point objective: ", dec("the most data that may be lost, for example 1 hour"), "."),
	)
	if cs := x.commitments("uptime", "availab", "recover", "outage", "downtime", "rto", "rpo"); len(cs) > 0 {
		x.para("The targets must support these commitments recorded in the answers file:")
		var items []any
		for _, c := range cs {
			items = append(items, c)
		}
		x.list(items...)
	}
	x.para("Availability is measured against the target continuously, and a breach of the target is handled as an incident.")

	x.section("Resilience", "AVL-MULTI-AZ", "AVL-DC-ENVIRONMENT", "AVL-DC-ENV-ALERTS")
	if x.hardware {
		x.para("Production runs on redundant components so that a single failure does not stop the service. Rooms and racks holding ", x.orgPoss(), " own equipment have power protection, cooling, fire and water detection, and environmental alarms that reach someone who responds.")
	} else {
		x.para("Production runs across more than one availability zone of its cloud provider, so that the loss of one data centre does not stop the service. ", x.org, " has no hardware of its own; the power, cooling and physical protection of the data centres are the hosting providers' (", x.hosts(), "), checked through their assurance reports.")
	}

	x.section("Backups", "AVL-BACKUP-AUTOMATED", "AVL-BACKUP-SCOPE", "AVL-BACKUP-OFFSITE", "AVL-BACKUP-MONITOR", "AVL-RESTORE-TEST")
	x.list(
		"The data and configuration needed to rebuild the service are backed up automatically, on a schedule that meets the recovery point objective, and the backups are encrypted.",
		x.when("AVL-BACKUP-OFFSITE", "A copy is kept apart from production (another region or account) and protected against deletion or change, including by a compromised administrator account."),
		"A failed backup alerts the backup owner, who records what was done about it.",
		x.when("AVL-RESTORE-TEST", t("Restores are tested at least ", dec("how often, for example quarterly"), ", with a check that the restored data is complete and usable; each test is recorded with its time taken.")),
	)

	x.section("Disaster recovery", "BCP-DR-PLAN", "INC-RECOVERY", "BCP-DR-TEST")
	x.para("A disaster recovery runbook explains, step by step, how to rebuild the service in another zone or region from code and backups, who does each step, and how long it should take. It is stored where it can be read when company systems are down. A recovery from an incident returns systems to a known-good state before they serve customers again.")
	x.para(x.when("BCP-DR-TEST", "The recovery is tested at least once a year against the recovery targets, and the result (time achieved, data lost, problems found) is recorded and fixed."))

	x.section("Keeping the business running", "BCP-KEY-PEOPLE", "BCP-VENDOR-CONTINUITY", "BCP-TABLETOP")
	if x.office {
		x.para("If the office cannot be used, staff work from home with their company laptops; nothing the service depends on runs only in the office.")
	} else {
		x.para("The team is already remote, so the loss of a building does not apply; the plan covers the loss of a person, a home connection or a key tool instead. Each engineer on call has a second way to get online.")
	}
	x.para("Every critical task (releasing code, restoring backups, paying suppliers, reaching the cloud account) can be done by at least two people, and the knowledge to do it is written down. Critical suppliers have a fallback plan for their failure. The continuity plan is walked through in a tabletop exercise at least once a year.")
	if x.small {
		x.para("With a small team, losing one person is the most likely disruption: the plan names a second person for each critical task, ", dec("the cover for each critical task"), ".")
	}
}

// --- vendor management -------------------------------------------------------------------

func (x *b) vendor() {
	x.purpose("This policy makes sure that the suppliers ", x.org, " relies on, from its cloud provider to the smallest tool that touches customer data, are chosen with their risk in mind, bound by suitable terms, and watched for as long as they are used.")
	x.scopeSection("every vendor, subservice organisation, contractor and connected application that stores or processes company or customer data, or that the service depends on")
	x.rolesSection([]any{
		t("Vendor owner: the person who asked for the vendor; answers for its use and its yearly review."),
		t("Security review: ", x.secOwner(), ", who assesses vendors before they are used."),
	})

	x.section("Inventory and risk tiers", "VND-INVENTORY")
	x.para("All vendors are listed in one inventory with their owner, what data they hold, what they are used for and a risk tier:")
	x.list(
		"High: holds customer data or is needed to run the service (for example the cloud provider).",
		"Medium: holds internal confidential data, or its loss would slow the business.",
		"Low: holds no confidential data and is easily replaced.",
	)

	x.section("Before a vendor is used", "VND-ONBOARD-REVIEW", "VND-CONTRACT-TERMS", "CNF-NDA-THIRD-PARTY", "PRV-DPA", "PRV-TRANSFERS", "PRV-THIRD-PARTY-SOURCES")
	x.para("A new vendor is reviewed before any data is shared with it or any account connected. The depth of the review follows the tier: for a high-risk vendor, its SOC 2 report or equivalent certification and its answers on security; for a low-risk one, a short check. The result and the approval are recorded.")
	terms := "The contract covers confidentiality, security duties, notice of incidents, and what happens to data when the contract ends."
	if x.personal {
		terms += " A vendor that handles personal data also signs a data processing agreement, and moving personal data to another country has a lawful basis."
	}
	x.para(terms)

	x.section("Subservice organisations", "VND-SUBSERVICE", "VND-CUEC", "VND-ANNUAL-REVIEW")
	if len(x.scope.Subservice) > 0 {
		x.para("The answers file records these subservice organisations, whose controls the ", x.system, " relies on:")
		var items []any
		for _, s := range x.scope.Subservice {
			method := "carve-out"
			if s.Method == answers.Inclusive {
				method = "inclusive"
			}
			line := strings.TrimSpace(s.Name) + " (" + method + " method)"
			if sv := strings.TrimSpace(s.Services); sv != "" {
				line += ": " + strings.TrimSuffix(sv, ".")
			}
			if len(s.CSOCs) > 0 {
				line += ". Relied on for: " + strings.Join(trimDots(s.CSOCs), "; ")
			}
			items = append(items, line+".")
		}
		x.list(items...)
	} else {
		x.para("The subservice organisations whose controls the system relies on are: ", dec("list them with the carve-out or inclusive method (the answers file names none)"), ".")
	}
	x.para("Each year the vendor owner obtains each subservice organisation's latest SOC 2 report, checks its period, opinion and exceptions, and maps the customer responsibilities it lists (the complementary user entity controls) to ", x.orgPoss(), " own controls. Gaps and exceptions that matter are followed up and recorded.")

	x.section("Ongoing oversight", "VND-ISSUES", "VND-THIRD-PARTY-ACCESS", "CHG-VENDOR-CHANGES", "COM-CHANGE-NOTICES", "PRV-SUBPROCESSORS", "PRV-VENDOR-REVIEW", "BCP-VENDOR-CONTINUITY")
	x.para("High-risk vendors are reviewed every year, medium ones every ", dec("how often, for example two years"), ". Problems with a vendor (incidents, missed service levels, findings in its report) are recorded and followed up. Connected applications are checked against the inventory at each access review. Critical vendors have a fallback plan.")
	if x.personal {
		x.para("Customers are told of new or changed subprocessors of personal data before the change, as their agreements require.")
	}

	if x.contractors {
		x.section("Contractors", "HR-CONTRACTOR-STANDARDS", "CHG-OUTSOURCED-DEV")
		x.para("Contractors with access to systems or data sign confidentiality terms, follow the same policies as employees, complete the same security training and use the same sign-in controls. Their access is sponsored and time-limited under the access control policy.", x.when("CHG-OUTSOURCED-DEV", t(" A contract for outsourced development also binds the developer to the change management policy's rules for secure development, says that the code belongs to ", x.org, ", and requires every account and copy of the code to be handed back when the work ends.")))
	}

	x.section("Ending a relationship", "VND-OFFBOARD")
	x.para("When a vendor is no longer used, its accounts and connections are removed, the return or deletion of data is confirmed in writing, and the inventory is updated.")
}

func trimDots(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.TrimSuffix(strings.TrimSpace(s), ".")
	}
	return out
}

// --- risk assessment ---------------------------------------------------------------------

func (x *b) risk() {
	x.purpose("This policy sets out how ", x.org, " finds, weighs and treats the risks to its objectives and to the commitments it makes to customers, so that security effort goes where it reduces the most risk and management decides knowingly which risks to accept.")
	x.scopeSection("risks to the " + x.system + ", to the information it holds and to the business that runs it: security, availability, legal, supplier and fraud risks")
	x.rolesSection([]any{
		t("Risk owner: for each risk, the person who can act on it and who reports on its treatment."),
		t("Risk coordinator: ", x.secOwner(), ", who runs the assessment and keeps the register."),
	})

	x.section("Objectives and appetite", "RSK-OBJECTIVES", "RSK-APPETITE")
	x.para("Risks are judged against the objectives management sets for security and service, written down and reviewed yearly. Each risk is scored for likelihood and impact on a scale of ", dec("the scale, for example 1 to 5 for each"), ". Management sets the risk appetite: the score above which a risk must be reduced, not accepted, ", dec("the threshold"), ".")

	x.section("The yearly assessment", "RSK-ANNUAL-ASSESSMENT", "RSK-ASSET-THREATS", "RSK-FRAUD")
	x.para("A formal risk assessment is done at least once a year. It starts from the system's assets, data and suppliers, and the threats to them (attackers, mistakes, failures, suppliers, disasters), and also considers the risk of fraud and of management overriding controls. For each risk it records the likelihood, the impact, the controls in place and the score that remains. Management reviews and approves the result.")
	if x.small {
		x.para("At ", x.orgPoss(), " size the assessment is a working session of the founders and the security owner with the register open, a few hours each year, not a project.")
	} else {
		x.para("Each department head takes part for their area; the security steering committee approves the result.")
	}

	x.section("Treating risks", "RSK-REGISTER", "RSK-CONTROL-MATRIX", "RSK-ACCEPTANCE", "BCP-CYBER-INSURANCE")
	x.para("Every risk is recorded in the risk register with an owner and a decision: reduce it with controls, avoid it by stopping the activity, transfer it (for example by insurance), or accept it. The controls that reduce each risk are mapped to it, so that a missing control shows which risk it leaves open.")
	x.para("A risk above the appetite is accepted only in writing by ", dec("who may accept such a risk"), ", with a reason and a date for the next look. Cyber insurance is sized from the assessed risks.")

	x.section("Keeping it current", "RSK-CHANGE-TRIGGERS", "RSK-VULN-INTAKE", "INC-TREND-REVIEW", "BCP-DISRUPTION-RISK", "PRV-PIA")
	x.para("Between yearly assessments the register is updated when something changes: a new product or market, a new supplier of high risk, a reorganisation, a serious incident, a new law, a significant vulnerability or penetration test finding. Incident trends and business disruption risks feed the register.")
	if x.personal {
		x.para("Changes that create new risks for people's personal data get a privacy impact assessment before they go ahead.")
	}
}

// --- data classification and retention ---------------------------------------------------

func (x *b) data() {
	x.purpose("This policy sets out how ", x.org, " classifies the information it holds, how each class is handled, how long it is kept and how it is destroyed, so that customer data and other sensitive information are protected from receipt to disposal.")
	x.scopeSection("all information held by " + x.org + " or for it, in any form and any place: the production system, backups, logs, laptops, messages, documents and suppliers' systems")
	x.backs("GOV-SYSTEM-DESCRIPTION", "END-CLOUD-INVENTORY")
	x.para("Where data lives and how it flows is recorded in the system description and an inventory of the cloud resources and data stores, kept current as systems change.")
	x.rolesSection([]any{
		t("Data owners: each kind of data has an owner who sets its class and its retention, ", dec("the data owners, for example the head of engineering for customer data"), "."),
	})

	x.section("Classes of information", "CNF-CLASSIFY-LABEL", "CNF-DATA-INVENTORY")
	classes := []any{
		"Public: meant for anyone (the website, published documentation).",
		"Internal: for staff only; harmless but not for publication (internal plans, most messages).",
		"Confidential: harmful if disclosed; access limited to those who need it (customer data, contracts, financial information, source code, security configurations).",
	}
	if x.personal {
		classes = append(classes, "Personal data: any information about an identifiable person. It is always at least Confidential and also follows the data protection rules below.")
	}
	x.list(classes...)
	x.para("Information is Internal unless its owner classifies it otherwise. Customer data is always Confidential. Where Confidential data is kept is recorded in an inventory, and documents are labelled where the tool allows.")

	x.section("Handling", "ACC-CUSTOMER-DATA", "CRY-SECURE-TRANSFER", "END-DLP", "CHG-TEST-DATA", "OPS-CENTRAL-LOGGING", "INC-DATA-IMPACT")
	x.list(
		"Confidential information is stored only in approved company systems, encrypted, and shared only with people who need it for their work.",
		"It leaves the company only through approved channels, encrypted, to recipients bound by confidentiality terms.",
		"Real customer data is not copied into development or test environments, spreadsheets or personal tools.",
		"Logs must not record passwords, keys or more customer data than the purpose needs.",
		"When data is lost or exposed, the incident response plan applies, and the data involved is identified.",
	)

	x.section("Retention", "CNF-RETENTION-SCHEDULE", "AVL-BACKUP-SCOPE", "PI-IO-RECORDS")
	x.para("Information is kept only as long as there is a reason to: a customer contract, a legal duty, or a business need. The retention schedule, kept by the policy owner, sets a period for each kind of data:")
	x.list(
		t("Customer data: for the life of the contract, then deleted within ", dec("days after the contract ends, for example 30"), "."),
		t("Backups: ", dec("how long backups are kept, for example 35 days"), ", so that deleted data disappears from them in that time."),
		t("Security logs: ", dec("how long, commonly at least one year"), "."),
		t("Business records (finance, contracts, HR): as the law requires, ", dec("periods set with legal advice"), "."),
	)
	if cs := x.commitments("delet", "retain", "retention", "return", "destroy"); len(cs) > 0 {
		x.para("The schedule must meet these commitments recorded in the answers file:")
		var items []any
		for _, c := range cs {
			items = append(items, c)
		}
		x.list(items...)
	}

	x.section("Deletion and disposal", "CNF-CONTRACT-END-DELETE", "CNF-DELETE-EXPIRED", "CNF-DELETION-PROTECT", "END-DECOMMISSION", "PHY-MEDIA-DISPOSAL", "PHY-HARDWARE-DISPOSAL")
	x.para("When its retention period ends, data is deleted or anonymised automatically, or by a scheduled task whose runs are checked, and that includes the copies in logs and backups; the deletion of a customer's data at the end of a contract is recorded and confirmed on request. Accidental deletion of Confidential data is guarded against (versioning, delete protection, backups).")
	if x.hardware {
		x.para("Servers and drives ", x.org, " owns are wiped to a recognised standard or physically destroyed before they leave its control, and a certificate or record is kept for each.")
	} else {
		x.para(x.org, " owns no servers or storage drives; the cloud providers dispose of their media under their own controls. Cloud systems that are retired are deleted with their storage, snapshots and keys, and the deletion recorded.")
	}
	x.para(x.when("PHY-MEDIA-DISPOSAL", "Laptops and other media are wiped before reuse or disposal, and the wipe is recorded."))

	if x.personal {
		x.section("Personal data", "PRV-PI-MASKING", "PRV-DELETION-REQUESTS", "PRV-RECORDS-OF-PROCESSING", "PRV-SENSITIVE-CONSENT", "PRV-DATA-QUALITY")
		x.para("The system holds personal data, so in addition: personal data is recorded in the records of processing; it is masked or left out of logs and test systems; it is deleted when its retention period ends and when a valid deletion request is received (from the person, or from the customer on whose behalf ", x.org, " processes it); and no more of it is collected than the purpose needs.")
	}
}

// --- acceptable use ----------------------------------------------------------------------

func (x *b) aup() {
	x.purpose("This policy tells everyone who works for ", x.org, " what they may and may not do with company devices, accounts, software and information, so that day-to-day work does not put customers' data or the company at risk.")
	x.scopeSection("company laptops and phones, company accounts and every tool used for company work, wherever the work is done")
	x.rolesSection([]any{
		t("IT administration: ", dec("who manages devices and software, for example the security owner or the IT team"), ". Enrols devices, approves software and answers questions."),
	})

	x.section("Company devices", "END-MDM", "END-WEB-PROTECTION")
	x.list(
		"Company work is done on devices enrolled in device management, which enforces disk encryption, a screen lock after a few minutes, automatic updates and the ability to wipe the device if it is lost.",
		"Browse with a supported browser that device management keeps up to date, add only extensions from the approved list, and leave the web filter that blocks known malicious sites switched on.",
		"Do not disable or get around these settings or the device management agent.",
		t("Personal devices may be used only for ", dec("what, if anything, personal phones may be used for, for example email and chat through the managed apps"), ", and never to store customer data."),
	)

	x.section("Software and services", "END-SOFTWARE-INSTALL", "END-UNAUTHORISED-SOFTWARE")
	x.para("Install software only from the approved list or with approval. Do not sign up for a new online service for company work, or connect one to a company account, without the approval described in the vendor management policy. Software that is not approved is removed when found.")
	x.para("Do not put Confidential information (customer data, source code, credentials) into public AI tools or other services that are not approved for it; ", dec("which AI tools are approved, and for what data"), ".")

	x.section("Accounts and information", "END-DLP", "END-REMOVABLE-MEDIA")
	x.list(
		"Keep your credentials to yourself; never share a password or approve a multi-factor prompt you did not start.",
		"Store and share company information only in company systems; do not forward it to personal email or storage.",
		x.when("END-REMOVABLE-MEDIA", "Do not copy Confidential information to USB drives or other removable media unless approved for a specific task."),
		"Handle information according to its class under the data classification and retention policy.",
	)

	if x.office {
		x.section("In the office")
		x.list(
			"Wear your badge, do not let people follow you through secured doors, and accompany your visitors.",
			"Lock your screen when you leave your desk, and clear Confidential papers away at the end of the day.",
			"Shred paper that holds Confidential information; do not leave it in printers.",
		)
		x.section("Working away from the office")
	} else {
		x.section("Working remotely")
		x.para(x.org, " has no office; everyone works remotely, so these rules apply every day:")
	}
	x.list(
		"Work where others cannot read your screen or overhear calls about customers.",
		"Use your home network with a strong password or a trusted connection; on public Wi-Fi, use the approved secure connection.",
		"Do not leave your laptop unattended in public or visible in a car; lock it away when not in use.",
		"Do not print customer data at home.",
	)

	x.section("Personal use and monitoring")
	x.para("Limited personal use of company devices is allowed if it does not interfere with work, break the law, or put company information at risk. ", x.org, " monitors company devices, accounts and networks for security; staff should not expect privacy for personal content on them, ", dec("the extent of monitoring allowed by local law, to confirm with legal advice"), ".")
	x.para("Never use company systems to harass others, to break the law or infringe the rights of others, to get around security controls, or to access data you have no work reason to see.")

	x.section("Loss and reporting")
	x.para("Report a lost or stolen device, a suspicious message you acted on, or any breach of this policy at once through the channel in the incident response plan. Devices are returned when you leave.")
}

// --- encryption and key management -------------------------------------------------------

func (x *b) crypto() {
	x.purpose("This policy sets the rules for using encryption to protect ", x.orgPoss(), " and its customers' information, and for managing the keys and secrets that encryption depends on.")
	x.scopeSection("data stored or sent by the " + x.system + " and company tools, backups, laptops, and every key, certificate, password and token used by systems")
	x.rolesSection([]any{
		t("Key custodians: ", dec("who may administer encryption keys and the secrets manager"), ". Their use of that access is logged."),
	})

	x.section("Approved methods")
	x.para("Only current, widely reviewed algorithms and protocols are used, through standard libraries and the cloud provider's services; nobody writes their own cryptography. As a minimum: AES in an authenticated mode for stored data, TLS 1.2 or later for data in transit, SHA-256 or stronger for hashing, and a slow, salted password hash wherever passwords are stored. The policy owner updates this list when a method is weakened.")

	x.section("Data at rest", "CRY-AT-REST", "END-DISK-ENCRYPTION", "AVL-BACKUP-AUTOMATED")
	x.para("Databases, storage buckets, volumes and backups holding customer or Confidential data are encrypted. Laptops have full-disk encryption turned on and enforced by device management; a device without it cannot reach company systems.")

	x.section("Data in transit", "CRY-IN-TRANSIT", "CRY-SECURE-TRANSFER")
	x.para("Data sent over networks, inside the system as well as to customers, is encrypted. Public endpoints refuse unencrypted connections and outdated protocols. Confidential files sent outside the company use approved encrypted channels, not plain email attachments.")

	x.section("Keys and certificates", "CRY-KEY-MANAGEMENT")
	x.para("Encryption keys are created and kept in a managed key service (", dec("which, for example the cloud provider's key management service"), "), never in code or files. Access to use or manage keys is limited to the systems and custodians that need it. Keys are rotated at least ", dec("how often, for example yearly"), " and at once if one may have been exposed. Certificates are tracked so none expires unnoticed.")

	x.section("Secrets and credentials", "CRY-SECRETS", "ACC-API-KEYS")
	x.para("Passwords, API keys and tokens used by systems are kept in the secrets manager and given to systems when they run; they are never written into source code, configuration files or messages. Automated scanning looks for secrets in code. Machine credentials are short-lived where possible, otherwise rotated at least ", dec("how often, for example every 90 days"), ", and revoked at once if exposed.")

	if !x.off("PHY-MEDIA-DISPOSAL") {
		x.section("Destroying data", "PHY-MEDIA-DISPOSAL")
		x.para("Before a laptop, phone or drive is reused, sold or thrown away, the information on it is made unrecoverable: an encrypted device is wiped through device management, which also discards its disk key, and media that cannot be wiped are physically destroyed. Each wipe or destruction is recorded. Where confidential or personal data cannot be erased record by record (for example in backups), destroying its encryption keys is an approved way to make it unreadable, and that is recorded too.")
	}
}

// --- HR security and code of conduct -----------------------------------------------------

func (x *b) hr() {
	x.purpose("This policy sets out the conduct ", x.org, " expects of everyone who works for it and the security steps taken before, during and at the end of their employment or engagement.")
	x.scopeSection("hiring, onboarding, employment, contractors' engagement and leaving, for everyone with access to company systems or data")
	x.rolesSection([]any{
		t("People lead: ", x.person("name the people lead", "HR-ONBOARDING", "HR-CODE-OF-CONDUCT", "HR-AGREEMENTS"), ". Runs hiring, onboarding and leaving checklists and keeps their records."),
		t("Managers: make sure their people complete onboarding and training, and include security in their reviews."),
	}, t("An up-to-date organisation chart shows who reports to whom, including contractors and their sponsors."))
	x.backs("GOV-ORG-CHART")

	x.section("Code of conduct", "HR-CODE-OF-CONDUCT", "HR-CONDUCT-TRAINING", "RSK-FRAUD", "COM-WHISTLEBLOWING")
	x.para("Everyone who works for ", x.org, " is expected to:")
	x.list(
		"act honestly, and never falsify records, evidence or reports, including those given to auditors;",
		"keep confidential what customers and colleagues entrust to them, during and after their time at the company;",
		"declare conflicts of interest, and not take gifts or favours that could influence their decisions;",
		"treat colleagues, customers and partners with respect, without harassment or discrimination;",
		"follow the law and the company's policies, and raise concerns when they see them broken.",
	)
	x.para("Concerns about fraud or misconduct can be raised confidentially, without fear of retaliation, through ", dec("the confidential channel, for example a named board member or an outside hotline"), ". Everyone signs the code of conduct when they join and again each year.")
	x.para("Signing is not enough on its own: within their first ", dec("days, for example 30"), " every new starter is taken through what the code means in practice, with real examples of conflicts of interest, gifts, respectful behaviour, handling company and customer information and raising a concern, and everyone repeats a shorter version each year. Completion is recorded per person and chased when overdue.")

	x.section("Before joining", "HR-BACKGROUND-CHECKS", "HR-AGREEMENTS", "HR-JOB-DESCRIPTIONS")
	x.para("Job descriptions state the security duties of the role and the skills it needs. ", x.when("HR-BACKGROUND-CHECKS", t("Before someone starts, background checks are done in proportion to the role and as local law allows: ", dec("which checks are run, in which countries, for which roles"), ". ")), "Employment contracts and contractor agreements include confidentiality and security duties, and are signed before any account is created.")

	x.section("Joining and training", "HR-ONBOARDING", "HR-SECURITY-TRAINING", "HR-ROLE-TRAINING", "PRV-TRAINING")
	x.para("An onboarding checklist makes sure each new person signs their agreements and the code of conduct, acknowledges the policies, completes security awareness training in their first ", dec("days, for example 30"), ", and receives only the access their role needs. Training is repeated yearly; people in technical and security roles also get training for their role.")
	if x.personal {
		x.para("People who handle personal data complete privacy training as well.")
	}

	x.section("During employment", "HR-PERFORMANCE-REVIEWS")
	x.para("Performance reviews include how the person carries out their security duties. Managers tell HR and the system owners when someone changes role, so that their access follows.")

	if x.contractors {
		x.section("Contractors", "HR-CONTRACTOR-STANDARDS")
		x.para("Contractors with access to systems or data are held to this policy like employees: they sign confidentiality terms and the code of conduct, complete the training, and have a sponsor at ", x.org, " who answers for their access and work.")
	}

	x.section("Breaches of policy", "HR-DISCIPLINARY", "INC-HR-REFERRAL")
	x.para("A breach of a policy is handled through a written disciplinary process that is fair, consistent and proportionate to the breach and its intent. Incidents that reveal such a breach are referred to HR by the incident lead.")

	x.section("Leaving", "ACC-LEAVER", "END-DEVICE-RETURN")
	x.para("When someone leaves, the leaving checklist is followed: access is removed under the access control policy, company devices are returned and wiped (or remotely wiped if not returned), and the person is reminded of their continuing confidentiality duties.")
}

// --- privacy -----------------------------------------------------------------------------

func (x *b) privacy() {
	x.purpose("This policy sets out how ", x.org, " collects, uses, keeps, shares and disposes of personal information in keeping with the privacy notice and the law, and how it answers the people the information is about.")
	x.scopeSection("all personal information the " + x.system + " and the company collect or process, whether " + x.org + " decides why it is processed (as a controller) or processes it for its customers (as a processor)")
	x.para("For each kind of personal information, ", x.org, " acts as ", dec("controller, processor or both: which, for which data"), "; where it is a processor, the customer's instructions and the data processing agreement come first.")
	x.rolesSection([]any{
		t("Privacy lead: ", x.person("name the privacy lead", "GOV-PRIVACY-LEAD", "POL-PRIVACY"), ", reporting to ", dec("whom"), ". Owns the notice and the records of processing, answers privacy requests and complaints, and advises on incidents."),
	})
	x.backs("GOV-PRIVACY-LEAD")

	x.section("Notice", "PRV-NOTICE", "PRV-NOTICE-AT-COLLECTION", "PRV-NOTICE-CHANGES", "PRV-NOTICE-REVIEW", "COM-CHANGE-NOTICES", "COM-EXTERNAL-CONTACT")
	x.para("A privacy notice, published and shown wherever information is collected, says what is collected, why, on what basis, who it is shared with, how long it is kept, and how people can exercise their rights and reach the privacy lead. It is reviewed yearly against what actually happens; old versions are archived, and people are told of material changes before they take effect.")

	x.section("Choice and consent", "PRV-CONSENT-RECORDS", "PRV-CONSENT-WITHDRAWAL", "PRV-SENSITIVE-CONSENT", "PRV-NEW-PURPOSE")
	x.para("Where processing relies on consent, the consent is recorded with what was agreed and when, and withdrawing it is as easy as giving it and takes effect everywhere. Sensitive information is collected only with explicit opt-in. Using information for a purpose not in the notice needs the privacy lead's approval first.")

	x.section("Collection", "PRV-FAIR-COLLECTION", "PRV-MINIMISATION", "PRV-THIRD-PARTY-SOURCES", "PRV-PIA", "CHG-DESIGN-REVIEW")
	x.para("Only the information needed for the stated purpose is collected, by fair and lawful means, with no hidden tracking. Information obtained from others comes from checked sources. New features or changes that affect personal information get a privacy review at design time, and a privacy impact assessment when the risk is high.")

	x.section("Use, retention and disposal", "ACC-CUSTOMER-DATA", "PRV-TRAINING", "PRV-PI-MASKING", "CNF-RETENTION-SCHEDULE", "PRV-DELETION-REQUESTS")
	x.para("Staff access personal information only as their job needs, after privacy training. Personal information is kept out of logs and test systems, kept only for the periods in the retention schedule, deleted automatically when they end, and destroyed securely.")

	x.section("Access, correction and requests", "PRV-DSAR", "PRV-CONTROLLER-ASSIST", "PRV-REQUESTER-IDENTITY", "PRV-REQUEST-DENIALS", "PRV-SELF-SERVICE", "PRV-CORRECTIONS")
	x.para("People may ask to see, correct or delete their information. Requests are logged, the requester's identity is checked, and each is answered within ", dec("the deadline, for example 30 days, or what the law sets"), "; a refusal is explained in writing. Corrections are passed on to those the data was shared with. Where ", x.org, " processes data for a customer, it passes requests to the customer and helps them answer.")

	x.section("Sharing and third parties", "PRV-DISCLOSURE-APPROVAL", "PRV-DISCLOSURE-LOG", "PRV-SUBPROCESSORS", "PRV-DPA", "PRV-VENDOR-REVIEW", "PRV-TRANSFERS", "VND-CONTRACT-TERMS")
	x.para("Personal information is shared with third parties only for the purposes in the notice, after approval, and each disclosure is logged. Vendors that handle it sign a data processing agreement, are listed publicly as subprocessors and are checked yearly. Transfers to other countries have a lawful basis.")

	x.section("Incidents and breaches", "PRV-INCIDENT-REGISTER", "INC-DATA-IMPACT", "PRV-BREACH-NOTIFICATION")
	x.para("Every incident involving personal information is assessed by the privacy lead and recorded in the privacy incident register. Breaches are notified to customers, regulators and the people affected as the law and contracts require, under the incident response plan.")

	x.section("Quality, complaints and monitoring", "PRV-DATA-QUALITY", "PRV-COMPLAINTS", "PRV-MONITORING", "PRV-COMPLIANCE-REVIEW", "PRV-ACCOUNTING", "PRV-RECORDS-OF-PROCESSING")
	x.para("Personal information is kept accurate and current. Complaints and questions are logged and closed with an answer. Records of processing and a data map are kept current, so that ", x.org, " can say what it holds and who it shared it with. Privacy measures are monitored during the year, and a yearly privacy compliance review is reported to management.")
}

// --- generic -----------------------------------------------------------------------------

// generic drafts a policy the catalogue overlay added: scope and roles, then one
// requirement per control it backs, in the catalogue's words (the control titles).
func (x *b) generic() {
	x.purpose("This policy sets out what ", x.org, " requires for ", strings.ToLower(x.p.Title[:1]), x.p.Title[1:], ", and who is responsible.")
	x.scopeSection("the " + x.system + " and the people who run it")
	x.rolesSection(nil)
	var ids []string
	var items []any
	for _, id := range x.order {
		if id == x.p.DocumentControl {
			continue
		}
		ids = append(ids, id)
		items = append(items, x.backed[id].Control.Title+".")
	}
	x.section("Requirements", ids...)
	if len(items) == 0 {
		x.para(dec("the requirements of this policy"))
		return
	}
	x.para(x.org, " maintains the following, each described in a procedure with an owner:")
	x.list(items...)
}
