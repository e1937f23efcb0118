// Package yamlfile is the one place that knows gopkg.in/yaml.v3. It reads YAML files
// defensively (size, binary content, one document, depth), decodes them strictly (unknown
// fields are errors with a "did you mean"), reports every problem as file:line, and edits
// documents through their node tree so that a rewrite keeps the user's comments and order.
package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/soc2ready/soc2ready/internal/problem"
)

// MaxSize is the largest file we read. An answers file of a thousand controls with long
// notes is well under 1 MB; anything past 10 MB is a mistake or an attack.
const MaxSize = 10 << 20

// maxDepth bounds nesting; our formats need fewer than ten levels.
const maxDepth = 64

// ReadFile reads a file that should hold YAML (or other text), refusing what is not a
// regular file, what is too large, and what is not UTF-8 text.
func ReadFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, problem.At(path, 0, "check the path", "no such file").Of(fs.ErrNotExist)
		}
		return nil, problem.At(path, 0, "", "cannot read: %v", unwrapPath(err))
	}
	if info.IsDir() {
		return nil, problem.At(path, 0, "name a file, not a folder", "is a directory")
	}
	if !info.Mode().IsRegular() {
		return nil, problem.At(path, 0, "name a regular file (not a pipe, socket or device)", "is not a regular file")
	}
	if info.Size() > MaxSize {
		return nil, problem.At(path, 0, "", "file is %d bytes; the limit is %d MB", info.Size(), MaxSize>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, problem.At(path, 0, "", "cannot read: %v", unwrapPath(err))
	}
	defer f.Close()
	// Read one byte past the limit in case the file grew after Stat.
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, problem.At(path, 0, "", "cannot read: %v", unwrapPath(err))
	}
	if len(data) > MaxSize {
		return nil, problem.At(path, 0, "", "file is larger than %d MB", MaxSize>>20)
	}
	return data, CheckText(path, data)
}

// CheckText refuses binary and non-UTF-8 content, naming the first bad line.
// ErrEmpty is the kind of a file with nothing but blanks and comments; the caller knows
// what should be in it and says so in its hint.
var ErrEmpty = errors.New("empty file")

// ErrNotText is the kind (problem.Error.Kind) of a file refused by CheckText: a NUL byte or
// bytes that are not UTF-8.
var ErrNotText = errors.New("not UTF-8 text")

func CheckText(file string, data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return problem.At(file, lineAt(data, i), "this looks like a binary file; expected UTF-8 text", "contains a NUL byte").Of(ErrNotText)
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		return problem.At(file, lineAt(data, i), "save the file as UTF-8", "is not valid UTF-8 text").Of(ErrNotText)
	}
	return nil
}

func lineAt(data []byte, offset int) int { return bytes.Count(data[:offset], []byte("\n")) + 1 }

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Doc is one parsed YAML document, kept as a node tree for editing.
type Doc struct {
	File   string
	root   *yaml.Node // the document node
	indent int
	src    []byte           // the text parsed, which a rewrite edits (nil for a new document)
	units  map[string]*unit // the entries edits touched (see splice.go)
}

// Parse parses exactly one YAML document. An empty file is an error: every format we read
// needs at least one key.
func Parse(file string, data []byte) (*Doc, error) {
	if err := CheckText(file, data); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(stripComments(data))) == 0 {
		return nil, problem.At(file, 1, "see the README for the format", "file is empty").Of(ErrEmpty)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		return nil, convert(file, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		line := extra.Line
		if err != nil {
			return nil, convert(file, err)
		}
		return nil, problem.At(file, line, "keep one document per file (remove the `---` line)", "a second YAML document is not allowed")
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		line := root.Line
		if len(root.Content) == 1 {
			line = root.Content[0].Line
		}
		return nil, problem.At(file, line, "the file must be a mapping of keys to values", "top level is not a mapping")
	}
	if err := checkDepth(file, root.Content[0], 0); err != nil {
		return nil, err
	}
	if err := checkKeys(file, root.Content[0]); err != nil {
		return nil, err
	}
	// Without an alias the tree is no larger than the file, which ReadFile bounds.
	if line := firstAlias(root.Content[0]); line > 0 {
		if n := expandedSize(root.Content[0], map[*yaml.Node]int{}); n > maxExpanded {
			return nil, problem.At(file, line, "remove the anchors (&) and aliases (*) that repeat each other",
				"aliases expand to over %d values (an alias bomb?)", maxExpanded)
		}
	}
	return &Doc{File: file, root: &root, indent: detectIndent(data), src: data}, nil
}

func stripComments(data []byte) []byte {
	var out []byte
	for _, line := range bytes.Split(data, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' || string(t) == "---" {
			continue
		}
		out = append(out, line...)
	}
	return out
}

func checkDepth(file string, n *yaml.Node, depth int) error {
	if depth > maxDepth {
		return problem.At(file, n.Line, "", "nesting is deeper than %d levels", maxDepth)
	}
	for _, c := range n.Content {
		if err := checkDepth(file, c, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// MaxKeys bounds the keys of one mapping. yaml.v3 compares every key of a mapping with
// every other when it decodes one, so its cost grows with the square of the keys; ten
// thousand is far more than any of our formats needs (the catalogue has a few hundred
// controls) and decodes in well under a second.
const MaxKeys = 5_000

// MaxItems bounds one list and MaxText one text value: these are what a report's length
// grows with (300,000 commitments once made a 19,828-page PDF). Formats set tighter
// limits of their own where a report prints every item.
const (
	MaxItems = 10_000
	MaxText  = 20_000
)

// checkKeys refuses duplicate keys, over-large mappings and lists, and over-long texts before anything decodes the
// tree: one pass with a map per mapping, linear in the file. (yaml.v3 would find the
// duplicates too, but pairwise, and a file of 3,000 copies of one key cost it 1.4 GB.)
// Aliases are not followed: the mapping they name is checked where it is written.
func checkKeys(file string, n *yaml.Node) error {
	switch {
	case n.Kind == yaml.SequenceNode && len(n.Content) > MaxItems:
		return problem.At(file, n.Line, "shorten the list, or split the file", "a list of %d items; the limit is %d", len(n.Content), MaxItems)
	case n.Kind == yaml.ScalarNode && len(n.Value) > MaxText && utf8.RuneCountInString(n.Value) > MaxText:
		return problem.At(file, n.Line, "shorten it; link to a longer document instead", "a text of %d characters; the limit is %d", utf8.RuneCountInString(n.Value), MaxText)
	}
	if n.Kind == yaml.MappingNode {
		seen := make(map[string]int, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			if first, dup := seen[k.Value]; dup {
				return problem.At(file, k.Line, "keep one of them: a key may appear only once in a mapping",
					"mapping key %q already defined at line %d", k.Value, first)
			}
			seen[k.Value] = k.Line
		}
		if len(n.Content)/2 > MaxKeys {
			return problem.At(file, n.Line, "split the file, or remove entries that do not belong in it",
				"a mapping of %d keys; the limit is %d", len(n.Content)/2, MaxKeys)
		}
	}
	for _, c := range n.Content {
		if err := checkKeys(file, c); err != nil {
			return err
		}
	}
	return nil
}

// maxExpanded bounds the values a document may hold once aliases are expanded; a few
// thousand is typical, and a "billion laughs" file would hang every later step.
const maxExpanded = 1_000_000

// expandedSize counts the nodes of n with aliases expanded, memoising anchored nodes so
// the count itself stays linear in the file size.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) int {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if v, ok := memo[n]; ok {
		return v
	}
	memo[n] = maxExpanded + 1 // a node that contains itself counts as too large
	total := 1
	for _, c := range n.Content {
		total += expandedSize(c, memo)
		if total > maxExpanded {
			break
		}
	}
	memo[n] = total
	return total
}

func firstAlias(n *yaml.Node) int {
	if n.Kind == yaml.AliasNode {
		return n.Line
	}
	for _, c := range n.Content {
		if l := firstAlias(c); l > 0 {
			return l
		}
	}
	return 0
}

// detectIndent finds the indentation the user writes with, so a rewrite keeps it.
func detectIndent(data []byte) int {
	for _, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		n := len(line) - len(trimmed)
		if n >= 2 && n <= 8 && trimmed != "" && !strings.HasPrefix(trimmed, "#") && !strings.HasPrefix(trimmed, "- ") {
			return n
		}
	}
	return 2
}

var lineRE = regexp.MustCompile(`line (\d+): (.*)`)

// convert turns a yaml.v3 error into a problem at file:line.
func convert(file string, err error) error {
	var p *problem.Error
	if errors.As(err, &p) {
		return problem.InFile(err, file)
	}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 1 {
		// yaml.v3 reports every type mismatch in the document: report them all.
		errs := make([]error, len(te.Errors))
		for i, m := range te.Errors {
			errs[i] = convertMessage(file, m)
		}
		return problem.Join(errs)
	}
	msg := err.Error()
	if te != nil && len(te.Errors) == 1 {
		msg = te.Errors[0]
	}
	return convertMessage(file, msg)
}

func convertMessage(file, msg string) error {
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	msg = strings.ReplaceAll(msg, "!!str", "text")
	msg = strings.ReplaceAll(msg, "!!seq", "a list")
	msg = strings.ReplaceAll(msg, "!!map", "a mapping")
	msg = strings.ReplaceAll(msg, "!!int", "a number")
	msg = strings.ReplaceAll(msg, "!!bool", "true/false")
	hint := "fix the YAML syntax at that line"
	if strings.Contains(msg, "already defined") {
		hint = "keep one of them: a key may appear only once in a mapping"
	}
	return &problem.Error{File: file, Line: line, Hint: hint, Msg: problem.Clip(msg, 3*problem.MaxEcho)}
}

// Decode decodes the document into out (a pointer to a struct). Fields the struct does
// not have are errors, with the closest known field suggested.
func (d *Doc) Decode(out any) error {
	top := d.root.Content[0]
	var errs []error
	checkFields(d.File, top, reflect.TypeOf(out), "", &errs)
	if err := problem.Join(errs); err != nil {
		return err
	}
	if err := top.Decode(out); err != nil {
		return convert(d.File, err)
	}
	return nil
}

// checkFields appends a problem for every unknown field, so one run reports them all.
func checkFields(file string, n *yaml.Node, t reflect.Type, where string, errs *[]error) {
	if len(*errs) > problem.MaxList {
		return
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return // node.Decode reports the type mismatch with its line
		}
		fields := structFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if isMerge(k) {
				// A merge key brings in another mapping (or a list of them): check
				// those against the same type.
				checkFields(file, v, t, where, errs)
				continue
			}
			ft, ok := fields[k.Value]
			if !ok {
				names := make([]string, 0, len(fields))
				for name := range fields {
					names = append(names, name)
				}
				ctx := ""
				if where != "" {
					ctx = " in " + where
				}
				*errs = append(*errs, problem.At(file, k.Line, problem.DidYouMean(k.Value, names, "remove it, or see the README for the fields allowed here"),
					"unknown field %q%s", k.Value, ctx))
				continue
			}
			checkFields(file, v, ft, k.Value, errs)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			checkFields(file, n.Content[i+1], t.Elem(), n.Content[i].Value, errs)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return
		}
		if t.Elem().Kind() != reflect.Slice && where == "<<" {
			break
		}
		for _, c := range n.Content {
			checkFields(file, c, t.Elem(), where, errs)
		}
	}
}

func structFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if strings.Contains(opts, "inline") {
			for k, v := range structFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

// Line returns the line of the key at path, or of the deepest part of it found (0 when
// even the first is missing). A path element indexes a sequence when the node there is
// one, so "controls", "3", "id" is the id of the fourth control.
func (d *Doc) Line(path ...string) int {
	n := d.root.Content[0]
	line := 0
	for _, key := range path {
		if n.Kind == yaml.SequenceNode {
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(n.Content) {
				return line
			}
			n = n.Content[i]
			line = n.Line
			continue
		}
		k, v := lookup(n, key)
		if k == nil {
			return line
		}
		line, n = k.Line, v
	}
	return line
}

// Keys returns the keys of the mapping at path with their lines, in file order.
func (d *Doc) Keys(path ...string) (keys []string, lines []int) {
	n := d.root.Content[0]
	for _, key := range path {
		_, v := lookup(n, key)
		if v == nil {
			return nil, nil
		}
		n = v
	}
	if n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		keys = append(keys, n.Content[i].Value)
		lines = append(lines, n.Content[i].Line)
	}
	return keys, lines
}

func lookup(n *yaml.Node, key string) (k, v *yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

// New returns an empty document that encodes as a mapping.
func New(file string) *Doc {
	return &Doc{File: file, indent: 2, root: &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}}
}

// Set replaces (or adds, at the end of its mapping) the value at path with v encoded as
// YAML. Comments on the key and on the old value stay where they were. An alias on the
// way is replaced by a copy of what it names, and a value other answers share through an
// anchor keeps its anchor for them: the edit changes this value only.
func (d *Doc) Set(v any, path ...string) error {
	var val yaml.Node
	if err := val.Encode(v); err != nil {
		return fmt.Errorf("encode %s: %w", strings.Join(path, "."), err)
	}
	d.touch(path...)
	n := d.root.Content[0]
	for i, key := range path {
		k, cur := lookup(n, key)
		last := i == len(path)-1
		if k == nil {
			k = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
			cur = &yaml.Node{Kind: yaml.MappingNode}
			if last {
				cur = &val
			}
			n.Content = append(n.Content, k, cur)
		} else {
			d.own(cur)
			if last {
				d.release(cur)
				val.HeadComment, val.LineComment, val.FootComment = cur.HeadComment, cur.LineComment, cur.FootComment
				*cur = val
			} else if cur.Kind != yaml.MappingNode {
				*cur = yaml.Node{Kind: yaml.MappingNode, HeadComment: cur.HeadComment, LineComment: cur.LineComment}
			}
		}
		n = cur
	}
	return nil
}

// DecodeAt decodes the value at path (mapping keys) into out; a missing path leaves out
// untouched.
func (d *Doc) DecodeAt(out any, path ...string) error {
	n := d.root.Content[0]
	for _, key := range path {
		_, v := lookup(n, key)
		if v == nil {
			return nil
		}
		n = v
	}
	return n.Decode(out)
}

// Delete removes the key at path, if present. A key the mapping only inherits through a
// merge key (<<) is removed by writing the inherited keys out in full.
func (d *Doc) Delete(path ...string) {
	d.touch(path...)
	n := d.root.Content[0]
	for i, key := range path {
		if n.Kind != yaml.MappingNode {
			return
		}
		last := i == len(path)-1
		if last && !hasKey(n, key) && hasKey(n, "<<") {
			inlineMerges(n)
		}
		for j := 0; j+1 < len(n.Content); j += 2 {
			if n.Content[j].Value != key {
				continue
			}
			if last {
				d.release(n.Content[j+1])
				n.Content = append(n.Content[:j], n.Content[j+2:]...)
				return
			}
			n = n.Content[j+1]
			d.own(n)
			break
		}
	}
}

// SetHeadComment sets the comment printed above the first key.
func (d *Doc) SetHeadComment(c string) { d.root.Content[0].HeadComment = c }

// Bytes returns the edited document: the original text with the touched entries
// rewritten when that works (see splice.go), else the whole tree encoded with the
// indentation the user wrote it in.
func (d *Doc) Bytes() ([]byte, error) {
	plainMerges(d.root)
	spellNulls(d.root)
	if out, ok := d.splice(); ok && d.sameMeaning(out) {
		return out, nil
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(d.indent)
	if err := enc.Encode(d.root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// spellNulls writes out the implicit nulls inside flow collections ("{key}", "[&a]") as
// null: re-encoded as they are, yaml.v3 turns them into an empty quoted string, which would
// make an empty list or mapping fail to load. In block style it keeps them empty.
func spellNulls(n *yaml.Node) {
	walk(n, func(c *yaml.Node) {
		if c.Style&yaml.FlowStyle == 0 {
			return
		}
		for _, v := range c.Content {
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "" {
				v.Value = "null"
			}
		}
	})
}

// Marshal encodes any value as YAML with two-space indentation (for exports).
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	enc.Close()
	return buf.Bytes(), nil
}

// Date is a YYYY-MM-DD value that encodes as a plain YAML date (2026-03-01), not as the
// quoted string a Go string would become.
type Date string

// MarshalYAML implements yaml.Marshaler.
func (d Date) MarshalYAML() (any, error) {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: string(d)}, nil
}
