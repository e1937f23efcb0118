package yamlfile

import "gopkg.in/yaml.v3"

// An anchor (&name) names a value that aliases (*name) repeat elsewhere. Editing such a
// value in place would edit every alias too, and replacing it would leave the aliases
// naming nothing (a file that no longer loads). So before an edit:
//   - own turns an alias about to be edited into a copy of what it names, and takes a
//     node that others alias out of sharing (the anchor moves to the first alias);
//   - release does the same for every anchored node inside a value about to be replaced
//     or removed.

// own prepares n, a node about to change in place.
func (d *Doc) own(n *yaml.Node) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		cp := deepCopy(n.Alias, false)
		*n = *cp
	}
	if n.Anchor != "" {
		d.moveAnchor(n)
	}
}

// release prepares n, a node about to be replaced or removed with everything in it.
func (d *Doc) release(n *yaml.Node) {
	var anchored []*yaml.Node
	walk(n, func(c *yaml.Node) {
		if c.Anchor != "" {
			anchored = append(anchored, c)
		}
	})
	for _, a := range anchored {
		d.moveAnchor(a)
	}
}

// moveAnchor gives a's anchor, with a copy of a's value, to the first alias of a outside
// a, and points the other aliases there. a keeps its value, without the anchor.
func (d *Doc) moveAnchor(a *yaml.Node) {
	var aliases []*yaml.Node
	var visit func(n *yaml.Node, inside bool)
	visit = func(n *yaml.Node, inside bool) {
		inside = inside || n == a
		if n.Kind == yaml.AliasNode && n.Alias == a && !inside {
			aliases = append(aliases, n)
		}
		for _, c := range n.Content {
			visit(c, inside)
		}
	}
	visit(d.root, false)
	if len(aliases) == 0 {
		a.Anchor = ""
		return
	}
	first := aliases[0]
	cp := deepCopy(a, true)
	cp.HeadComment, cp.LineComment, cp.FootComment = first.HeadComment, first.LineComment, first.FootComment
	cp.Line, cp.Column = first.Line, first.Column
	*first = *cp
	for _, al := range aliases[1:] {
		al.Alias = first
	}
	a.Anchor = ""
	d.touchNode(first)
}

// deepCopy copies n and everything in it. Anchors inside are dropped, so each anchor
// stays defined once; the top one is kept only when keepAnchor is set. Comments are not
// copied: they stay with the original, which stays in the file, so a copy never repeats
// a comment.
func deepCopy(n *yaml.Node, keepAnchor bool) *yaml.Node {
	cp := *n
	if !keepAnchor {
		cp.Anchor = ""
	}
	cp.HeadComment, cp.LineComment, cp.FootComment = "", "", ""
	cp.Content = make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		cp.Content[i] = deepCopy(c, false)
	}
	return &cp
}

func walk(n *yaml.Node, f func(*yaml.Node)) {
	f(n)
	for _, c := range n.Content {
		walk(c, f)
	}
}

func hasKey(n *yaml.Node, key string) bool {
	k, _ := lookup(n, key)
	return k != nil
}

// inlineMerges replaces the merge keys (<<) of mapping n with the keys they bring in
// that n does not set itself, copied, in YAML's order of precedence.
func inlineMerges(n *yaml.Node) {
	var own, merged []*yaml.Node
	var sources []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMerge(k) {
			if v.Kind == yaml.SequenceNode {
				sources = append(sources, v.Content...)
			} else {
				sources = append(sources, v)
			}
			continue
		}
		own = append(own, k, v)
	}
	have := map[string]bool{}
	for i := 0; i < len(own); i += 2 {
		have[own[i].Value] = true
	}
	for _, src := range sources {
		if src.Kind == yaml.AliasNode && src.Alias != nil {
			src = src.Alias
		}
		if src.Kind != yaml.MappingNode {
			continue
		}
		cp := deepCopy(src, false)
		inlineMerges(cp)
		for i := 0; i+1 < len(cp.Content); i += 2 {
			if !have[cp.Content[i].Value] {
				have[cp.Content[i].Value] = true
				merged = append(merged, cp.Content[i], cp.Content[i+1])
			}
		}
	}
	n.Content = append(merged, own...)
}

// isMerge reports whether k is a merge key: a plain << (a quoted "<<" is an ordinary key).
func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) == 0
}
