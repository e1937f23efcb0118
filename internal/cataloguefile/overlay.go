package cataloguefile

import (
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/yamlfile"
)

// overlay is a consultant's file layered on the built-in catalogue: it may add families
// and controls, change the wording or rating of existing controls, and disable controls
// that do not fit the firm's method. The result is validated exactly like the built-in
// catalogue.
type overlay struct {
	Name     string              `yaml:"name"`
	Version  string              `yaml:"version"`
	Families []catalogue.Family  `yaml:"families"`
	Controls []catalogue.Control `yaml:"controls"`
	Change   map[string]change   `yaml:"change"`
	Disable  []string            `yaml:"disable"`
}

// change lists the fields an overlay may alter; empty fields leave the original alone.
type change struct {
	Title       string              `yaml:"title"`
	Question    string              `yaml:"question"`
	Guidance    *catalogue.Guidance `yaml:"guidance"`
	Evidence    *catalogue.Evidence `yaml:"evidence"`
	Remediation []string            `yaml:"remediation"`
	Severity    string              `yaml:"severity"`
	Effort      string              `yaml:"effort"`
	Frequency   string              `yaml:"frequency"`
}

func (b *builder) applyOverlay(file string, data []byte) error {
	doc, err := yamlfile.Parse(file, data)
	if err != nil {
		return err
	}
	var o overlay
	if err := doc.Decode(&o); err != nil {
		return err
	}
	// Entries from the snapshot have no file of their own; the only way the overlay can
	// break one (a criterion left without controls) is its disable list, so blame that.
	for i := range b.critPos {
		if b.critPos[i].doc == nil {
			b.critPos[i] = pos{doc, []string{"disable"}}
		}
	}
	c := &b.cat
	if o.Version != "" {
		c.Version += "+" + o.Version
	}
	c.Families = append(c.Families, o.Families...)
	for i := range o.Controls {
		b.ctrlPos = append(b.ctrlPos, pos{doc, []string{"controls", itoa(i)}})
	}
	c.Controls = append(c.Controls, o.Controls...)
	index := map[string]int{}
	for i := range c.Controls {
		index[c.Controls[i].ID] = i
	}
	known := make([]string, 0, len(index))
	for id := range index {
		known = append(known, id)
	}
	keys, lines := doc.Keys("change")
	for k, id := range keys {
		i, ok := index[id]
		if !ok {
			return problem.At(file, lines[k], problem.DidYouMean(id, known, "run `soc2ready catalog list` for control ids"), "change: unknown control %q", id)
		}
		ch := o.Change[id]
		ct := &c.Controls[i]
		set := func(dst *string, v string) {
			if v != "" {
				*dst = v
			}
		}
		set(&ct.Title, ch.Title)
		set(&ct.Question, ch.Question)
		set(&ct.Severity, ch.Severity)
		set(&ct.Effort, ch.Effort)
		set(&ct.Frequency, ch.Frequency)
		if ch.Guidance != nil {
			set(&ct.Guidance.Small, ch.Guidance.Small)
			set(&ct.Guidance.Large, ch.Guidance.Large)
		}
		if ch.Evidence != nil {
			if len(ch.Evidence.Artefacts) > 0 {
				ct.Evidence.Artefacts = ch.Evidence.Artefacts
			}
			set(&ct.Evidence.Population, ch.Evidence.Population)
		}
		if len(ch.Remediation) > 0 {
			ct.Remediation = ch.Remediation
		}
		// Errors in the changed control now point at the overlay, where the change is.
		b.ctrlPos[i] = pos{doc, []string{"change", id}}
	}
	for k, id := range o.Disable {
		i, ok := index[id]
		if !ok {
			return problem.At(file, doc.Line("disable", itoa(k)), problem.DidYouMean(id, known, "run `soc2ready catalog list` for control ids"), "disable: unknown control %q", id)
		}
		c.Controls[i].Disabled = true
	}
	return nil
}

// BuiltinWithOverlay applies an overlay on top of the snapshot and validates the result.
func BuiltinWithOverlay(snapshot []byte, file string, data []byte) (*catalogue.Catalogue, error) {
	base, err := catalogue.Builtin(snapshot)
	if err != nil {
		return nil, err
	}
	b := &builder{cat: *base}
	b.critPos = make([]pos, len(base.Criteria))
	b.ctrlPos = make([]pos, len(base.Controls))
	b.policyAt = make([]pos, len(base.Policies))
	if err := b.applyOverlay(file, data); err != nil {
		return nil, err
	}
	return b.finish()
}
