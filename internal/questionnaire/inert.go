package questionnaire

import "github.com/soc2ready/soc2ready/internal/termsafe"

// inert is the one step every string from input takes before huh or bubbletea draws it:
// catalogue text (an overlay is user input: titles, questions, guidance, evidence,
// category names, scope-fact questions) and answers text (notes, owners, names,
// commitments, csocs). The screens are drawn on the raw terminal, past the sanitiser
// cli.Main puts on stdout and stderr, so an escape sequence (clipboard write, hyperlink,
// screen clear), a C1 control, a bidi override or a zero-width character in the input
// would otherwise reach the terminal as itself. termsafe writes each one as a visible Go
// escape (\x1b, \u202e). Our own styling is added after this step and is not touched.
//
// A field pre-filled from the file shows the inert text, and the file keeps its exact
// text unless the person edits the field (see keep and restore): looking at a question is
// no reason to rewrite an answer, and the escaped form is not what was saved. Editing the
// field saves what is then on the screen, escapes written out as plain characters; that is
// the one way an odd character leaves the file through the questionnaire, and it is the
// person's visible choice.
func inert(s string) string { return termsafe.String(s) }

// inertAll applies inert to each item.
func inertAll(items []string) []string {
	if items == nil {
		return nil
	}
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = inert(s)
	}
	return out
}

// restore maps each item back to the file's item it was shown as, so items left as they
// were keep their exact text; new or edited items are taken as typed.
func restore(items, file []string) []string {
	orig := make(map[string]string, len(file))
	for _, f := range file {
		if _, ok := orig[inert(f)]; !ok {
			orig[inert(f)] = f
		}
	}
	for i, it := range items {
		if f, ok := orig[it]; ok {
			items[i] = f
		}
	}
	return items
}
