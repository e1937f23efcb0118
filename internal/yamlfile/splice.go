package yamlfile

import (
	"bytes"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Rewriting a user's file by encoding the whole node tree again keeps comments and key
// order, but not the rest of how the file was written: folded scalars come back
// unwrapped, blank lines go, comment spacing changes. So an edit re-encodes only the
// entries it touched (a top-level key, or one entry below it such as answers.ACC-MFA) and
// splices their text into the original bytes; every other line stays byte for byte.
// When the file's shape does not allow that (flow mappings, keys sharing a line), or the
// spliced text does not mean what the tree means, the whole tree is encoded instead.

// unit is an entry an edit touched: its path (one or two keys) and its key node in the
// original text (nil for an entry the edits added).
type unit struct {
	path []string
	orig *yaml.Node
}

// touch records that the entry holding path is about to change. Call it before the
// change, while the original key can still be found.
func (d *Doc) touch(path ...string) {
	if d.src == nil || len(path) == 0 {
		return
	}
	if len(path) > 2 {
		path = path[:2]
	}
	id := strings.Join(path, "\x00")
	if d.units == nil {
		d.units = map[string]*unit{}
	}
	if _, ok := d.units[id]; ok {
		return
	}
	u := &unit{path: append([]string(nil), path...)}
	n := d.root.Content[0]
	for i, key := range path {
		k, v := lookup(n, key)
		if k == nil {
			break
		}
		if i == len(path)-1 && k.Line > 0 {
			u.orig = k
		}
		n = v
	}
	d.units[id] = u
}

// touchNode records the entry that holds node n (an anchor moved there).
func (d *Doc) touchNode(target *yaml.Node) {
	top := d.root.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		v := top.Content[i+1]
		if !contains(v, target) {
			continue
		}
		if v.Kind == yaml.MappingNode && v != target {
			for j := 0; j+1 < len(v.Content); j += 2 {
				if contains(v.Content[j+1], target) || v.Content[j] == target {
					d.touch(top.Content[i].Value, v.Content[j].Value)
					return
				}
			}
		}
		d.touch(top.Content[i].Value)
		return
	}
}

func contains(n, target *yaml.Node) bool {
	if n == target {
		return true
	}
	for _, c := range n.Content {
		if contains(c, target) {
			return true
		}
	}
	return false
}

type edit struct {
	start, end int // line range [start, end) of the original, 0-based
	text       string
}

// splice applies the touched entries to the original text. ok is false when it cannot.
func (d *Doc) splice() (out []byte, ok bool) {
	top := d.root.Content[0]
	if d.src == nil || top.Style&yaml.FlowStyle != 0 || top.Line == 0 {
		return nil, false
	}
	lines := sourceLines(d.src)
	edits, ok := d.edits(top, lines, d.chooseUnits(top, lines))
	if !ok {
		return nil, false
	}
	dropRepeatedComments(lines, edits)
	return applyEdits(lines, edits, bytes.Contains(d.src, []byte("\r\n"))), true
}

// dropRepeatedComments keeps each comment once. yaml.v3 hangs a comment written after an
// entry on a node inside it, without a line of its own, so an entry re-encoded with that
// node would repeat a comment the kept text still holds. Each comment may appear in the
// new text only as often as the original had it beyond the lines the edits replace.
func dropRepeatedComments(lines []string, edits []edit) {
	budget := map[string]int{}
	replaced := make([]bool, len(lines))
	for _, e := range edits {
		for i := e.start; i < e.end; i++ {
			replaced[i] = true
		}
	}
	for i, l := range lines {
		if c, ok := commentText(l); ok && replaced[i] {
			budget[c]++
		}
	}
	for i := range edits {
		var b strings.Builder
		for _, l := range strings.SplitAfter(edits[i].text, "\n") {
			if c, ok := commentText(l); ok {
				if budget[c] == 0 {
					continue
				}
				budget[c]--
			}
			b.WriteString(l)
		}
		edits[i].text = b.String()
	}
}

// commentText is the text of a line that holds only a comment.
func commentText(l string) (string, bool) {
	t := strings.TrimSpace(l)
	return t, strings.HasPrefix(t, "#")
}

// sourceLines splits the original into lines, each ending in a newline.
func sourceLines(src []byte) []string {
	lines := strings.SplitAfter(string(src), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > 0 && !strings.HasSuffix(lines[len(lines)-1], "\n") {
		lines[len(lines)-1] += "\n"
	}
	return lines
}

// chooseUnits settles which entries to rewrite, by path.
func (d *Doc) chooseUnits(top *yaml.Node, lines []string) map[string]*unit {
	// Settle which entries to rewrite: a second-level entry whose mapping cannot be
	// spliced (flow style, or new) is rewritten with its whole top-level entry.
	chosen := map[string]*unit{}
	for _, u := range d.units {
		if len(u.path) == 2 {
			_, parent := lookup(top, u.path[0])
			pk, _ := lookup(top, u.path[0])
			if parent == nil || pk == nil || pk.Line == 0 || parent.Kind != yaml.MappingNode || parent.Style&yaml.FlowStyle != 0 ||
				(u.orig == nil && lastOrigKey(parent) == nil) || (u.orig != nil && !keyStartsLine(lines, u.orig)) {
				u = &unit{path: u.path[:1], orig: pk}
				if pk != nil && pk.Line == 0 {
					u.orig = nil
				}
			}
		}
		chosen[strings.Join(u.path, "\x00")] = u
	}
	for id, u := range chosen {
		if len(u.path) == 2 {
			if _, whole := chosen[u.path[0]]; whole {
				delete(chosen, id)
			}
		}
	}
	return chosen
}

// edits turns the chosen entries into line edits, bottom up: replacements of entries the
// original has, and insertions of new ones after the last original entry of their
// mapping. ok is false for a shape that cannot be spliced.
func (d *Doc) edits(top *yaml.Node, lines []string, chosen map[string]*unit) (edits []edit, ok bool) {
	inserts := map[int][]*unit{} // new entries, by the line they go before
	for _, u := range chosen {
		parent := top
		if len(u.path) == 2 {
			_, parent = lookup(top, u.path[0])
		}
		name := u.path[len(u.path)-1]
		k, v := lookup(parent, name)
		if u.orig != nil {
			if !keyStartsLine(lines, u.orig) {
				return nil, false
			}
			col := u.orig.Column - 1
			start := u.orig.Line - 1
			end := spanEnd(lines, start, col)
			text := ""
			if k != nil {
				text = encodeEntry(k, v, col, d.indent, false)
				if text == "" {
					return nil, false
				}
			}
			edits = append(edits, edit{start, end, text})
			continue
		}
		if k == nil {
			continue // added and removed again
		}
		last := lastOrigKey(parent)
		if last == nil || !keyStartsLine(lines, last) {
			return nil, false
		}
		at := spanEnd(lines, last.Line-1, last.Column-1)
		inserts[at] = append(inserts[at], &unit{path: u.path, orig: last})
	}
	for at, us := range inserts {
		parent := top
		if len(us[0].path) == 2 {
			_, parent = lookup(top, us[0].path[0])
		}
		// New entries keep the order they have in the tree.
		order := map[string]int{}
		for i := 0; i+1 < len(parent.Content); i += 2 {
			order[parent.Content[i].Value] = i
		}
		sort.Slice(us, func(i, j int) bool {
			return order[us[i].path[len(us[i].path)-1]] < order[us[j].path[len(us[j].path)-1]]
		})
		var b strings.Builder
		for _, u := range us {
			k, v := lookup(parent, u.path[len(u.path)-1])
			text := encodeEntry(k, v, us[0].orig.Column-1, d.indent, true)
			if text == "" {
				return nil, false
			}
			b.WriteString(text)
		}
		edits = append(edits, edit{at, at, b.String()})
	}
	// Bottom up, so earlier line numbers stay valid; at one line, the replaced entry
	// before what is inserted ahead of it.
	sort.Slice(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start > edits[j].start
		}
		return edits[i].end > edits[j].end
	})
	for i := 1; i < len(edits); i++ {
		if edits[i].end > edits[i-1].start {
			return nil, false // overlapping entries: not a shape we splice
		}
	}
	return edits, true
}

// applyEdits applies bottom-up edits to the lines, in the original's line endings.
func applyEdits(lines []string, edits []edit, crlf bool) []byte {
	for _, e := range edits {
		if crlf {
			e.text = strings.ReplaceAll(e.text, "\n", "\r\n")
		}
		repl := []string{}
		if e.text != "" {
			repl = strings.SplitAfter(e.text, "\n")
			if repl[len(repl)-1] == "" {
				repl = repl[:len(repl)-1]
			}
		}
		lines = append(lines[:e.start], append(repl, lines[e.end:]...)...)
	}
	return []byte(strings.Join(lines, ""))
}

// keyStartsLine reports whether only indentation precedes key k on its line.
func keyStartsLine(lines []string, k *yaml.Node) bool {
	if k.Line < 1 || k.Line > len(lines) || k.Column < 1 {
		return false
	}
	l := lines[k.Line-1]
	return len(l) >= k.Column-1 && strings.TrimLeft(l[:k.Column-1], " ") == ""
}

// lastOrigKey is the last key of mapping n that is in the original text.
func lastOrigKey(n *yaml.Node) *yaml.Node {
	var last *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Line > 0 && (last == nil || k.Line > last.Line) {
			last = k
		}
	}
	return last
}

// spanEnd finds where the entry whose key starts line start at column col ends: before
// the next line indented col or less that is not blank, a comment or an item of a list
// written at the key's own indentation. Blank lines and comments at the key's
// indentation or less just before that belong to what follows.
func spanEnd(lines []string, start, col int) int {
	i := start + 1
	for ; i < len(lines); i++ {
		t := strings.TrimLeft(lines[i], " ")
		trimmed := strings.TrimRight(t, "\r\n")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		indent := len(lines[i]) - len(t)
		if indent > col || (indent == col && (trimmed == "-" || strings.HasPrefix(trimmed, "- "))) {
			continue
		}
		break
	}
	for i > start+1 {
		t := strings.TrimLeft(lines[i-1], " ")
		trimmed := strings.TrimRight(t, "\r\n")
		indent := len(lines[i-1]) - len(t)
		if trimmed == "" || (strings.HasPrefix(trimmed, "#") && indent <= col) {
			i--
			continue
		}
		break
	}
	return i
}

// encodeEntry encodes key: value as a one-entry mapping indented by col spaces. The key's
// head comment (above the entry) and foot comment (after it, at the key's indentation)
// lie outside the lines replaced and stay where they are, unless the entry is new.
func encodeEntry(k, v *yaml.Node, col, indent int, isNew bool) string {
	kc := *k
	if !isNew {
		kc.HeadComment, kc.FootComment = "", ""
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{&kc, v}}
	plainMerges(m)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(indent)
	if err := enc.Encode(m); err != nil {
		return ""
	}
	if err := enc.Close(); err != nil {
		return ""
	}
	pad := strings.Repeat(" ", col)
	var b strings.Builder
	for _, l := range strings.SplitAfter(buf.String(), "\n") {
		if strings.TrimSpace(l) != "" {
			b.WriteString(pad)
		}
		b.WriteString(l)
	}
	return b.String()
}

// sameMeaning reports whether data decodes to what the tree decodes to.
func (d *Doc) sameMeaning(data []byte) bool {
	var a, b any
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil || len(n.Content) != 1 {
		return false
	}
	if err := n.Content[0].Decode(&a); err != nil {
		return false
	}
	if err := d.root.Content[0].Decode(&b); err != nil {
		return false
	}
	return reflect.DeepEqual(a, b)
}

// plainMerges drops the resolved tag of merge keys, which yaml.v3 would otherwise write
// out as "!!merge <<:".
func plainMerges(n *yaml.Node) {
	walk(n, func(c *yaml.Node) {
		for i := 0; i+1 < len(c.Content) && c.Kind == yaml.MappingNode; i += 2 {
			if k := c.Content[i]; isMerge(k) && k.Tag == "!!merge" {
				k.Tag = ""
			}
		}
	})
}
