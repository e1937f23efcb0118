package catalogue

import (
	"sort"
	"strconv"
	"strings"
)

// Finish readies a validated catalogue for use: every untagged point of focus takes its
// criterion's category, criteria and controls are put in published order, and the
// lookups are indexed. The loader calls it once the YAML has passed validation.
func (c *Catalogue) Finish() {
	c.inheritCategories()
	c.sort()
	c.index()
}

// inheritCategories gives every untagged point of focus its criterion's category.
func (c *Catalogue) inheritCategories() {
	for i := range c.Criteria {
		cr := &c.Criteria[i]
		for j := range cr.PointsOfFocus {
			if cr.PointsOfFocus[j].Category == "" {
				cr.PointsOfFocus[j].Category = cr.Category
			}
		}
	}
}

// groupOrder is the AICPA's order of criterion groups; fragments may come in any order.
var groupOrder = map[string]int{}

func init() {
	for i, g := range []string{"CC1", "CC2", "CC3", "CC4", "CC5", "CC6", "CC7", "CC8", "CC9", "A1", "C1", "PI1",
		"P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"} {
		groupOrder[g] = i
	}
}

// criterionLess orders criterion ids as the AICPA publishes them (CC1.1 ... P8.1).
func criterionLess(a, b string) bool {
	ga, na, _ := strings.Cut(a, ".")
	gb, nb, _ := strings.Cut(b, ".")
	if ga != gb {
		return groupOrder[ga] < groupOrder[gb]
	}
	ia, _ := strconv.Atoi(na)
	ib, _ := strconv.Atoi(nb)
	return ia < ib
}

// sort puts criteria in published order and controls by their home (first) criterion,
// then id, so every listing and report reads in the order an auditor walks the criteria.
func (c *Catalogue) sort() {
	sort.SliceStable(c.Criteria, func(i, j int) bool { return criterionLess(c.Criteria[i].ID, c.Criteria[j].ID) })
	sort.SliceStable(c.Controls, func(i, j int) bool {
		a, b := c.Controls[i], c.Controls[j]
		if a.Criteria[0] != b.Criteria[0] {
			return criterionLess(a.Criteria[0], b.Criteria[0])
		}
		return a.ID < b.ID
	})
}
