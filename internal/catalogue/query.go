package catalogue

// Queries the catalog commands run: which controls match a filter, which address a point of
// focus, what a group holds. They answer from the catalogue as it is used, so disabled
// controls never appear.

// Filter selects controls; an empty field matches everything. Values are ids as the
// catalogue writes them: lower-case category, family and severity, upper-case criterion
// or group.
type Filter struct {
	Category, Criterion, Family, Severity string
}

// Select lists the enabled controls that match f, in catalogue order. A control matches a
// category or criterion through any criterion it supports; Criterion may name a group.
func (c *Catalogue) Select(f Filter) []*Control {
	var out []*Control
	for i := range c.Controls {
		ct := &c.Controls[i]
		if ct.Disabled || (f.Family != "" && ct.Family != f.Family) || (f.Severity != "" && ct.Severity != f.Severity) {
			continue
		}
		if f.Category != "" && !c.supportsWhere(ct, func(cr *Criterion) bool { return cr.Category == f.Category }) {
			continue
		}
		if f.Criterion != "" && !c.supportsWhere(ct, func(cr *Criterion) bool { return cr.ID == f.Criterion || cr.Group == f.Criterion }) {
			continue
		}
		out = append(out, ct)
	}
	return out
}

func (c *Catalogue) supportsWhere(ct *Control, pred func(*Criterion) bool) bool {
	for _, id := range ct.Criteria {
		if cr := c.Criterion(id); cr != nil && pred(cr) {
			return true
		}
	}
	return false
}

// Group returns the criterion group with this id (CC6, P4), or nil.
func (c *Catalogue) Group(id string) *Group {
	for _, g := range c.Groups() {
		if g.ID == id {
			return &g
		}
	}
	return nil
}

// AddressedBy lists the enabled controls that address a point of focus, in catalogue order.
func (c *Catalogue) AddressedBy(pof string) []*Control {
	var out []*Control
	for i := range c.Controls {
		ct := &c.Controls[i]
		if ct.Disabled {
			continue
		}
		for _, a := range ct.Addresses {
			if a == pof {
				out = append(out, ct)
			}
		}
	}
	return out
}

// FamilyIDs lists the family ids in catalogue order.
func (c *Catalogue) FamilyIDs() []string {
	return idsOf(c.Families, func(f Family) string { return f.ID })
}

// InUse lists the enabled controls, copied: what an export of the catalogue holds.
func (c *Catalogue) InUse() []Control {
	out := make([]Control, 0, len(c.Controls))
	for _, ct := range c.Controls {
		if !ct.Disabled {
			out = append(out, ct)
		}
	}
	return out
}
