package questionnaire

import (
	"reflect"
	"time"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"
)

// huh moves between fields and groups through commands (NextField, then an internal
// nextGroup), which bubbletea runs on other goroutines. Keys that arrive together, as
// from a fast typist, a paste or `tmux send-keys`, are then handled before the move:
// "Acme Ltd<Enter>Acme Cloud" put "Acme LtdAcme" into the first field. settle runs those
// commands at once, in order, feeding their messages straight back into the form, so a
// key is handled by the field that was focused when it was pressed. Commands that wait
// (the cursor's blink, ticks) and messages for bubbletea itself still go back to the
// program.

// slowCmds are the code pointers of closures known to sleep.
var slowCmds = func() map[uintptr]bool {
	c := cursor.New()
	c.SetMode(cursor.CursorBlink)
	nop := func(time.Time) tea.Msg { return nil }
	return map[uintptr]bool{
		funcPtr(c.Blink()):                 true,
		funcPtr(tea.Tick(time.Hour, nop)):  true,
		funcPtr(tea.Every(time.Hour, nop)): true,
	}
}()

func funcPtr(c tea.Cmd) uintptr { return reflect.ValueOf(c).Pointer() }

var (
	teaPkg  = reflect.TypeOf(tea.QuitMsg{}).PkgPath()
	cmdType = reflect.TypeOf(tea.Cmd(nil))
)

// settle runs cmd and everything it leads to, passing each message to feed (the form's
// Update) and returns what must still go through the program.
func settle(cmd tea.Cmd, feed func(tea.Msg) tea.Cmd) tea.Cmd {
	var later []tea.Cmd
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		if n > 10000 || slowCmds[funcPtr(c)] {
			later = append(later, c)
			continue
		}
		msg, waiting := callQuickly(c)
		if waiting != nil {
			later = append(later, waiting)
			continue
		}
		if msg == nil {
			continue
		}
		if b, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, b...)
			continue
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
			// tea.Sequence: run its commands in their order.
			seq := make([]tea.Cmd, v.Len())
			for i := range seq {
				seq[i] = v.Index(i).Interface().(tea.Cmd)
			}
			queue = append(seq, queue...)
			continue
		}
		if reflect.TypeOf(msg).PkgPath() == teaPkg {
			later = append(later, func() tea.Msg { return msg })
			continue
		}
		queue = append(queue, feed(msg))
	}
	return tea.Batch(later...)
}

// callQuickly runs a command that should return at once. One that does not (an unknown
// timer) is left running, and the returned command waits for it instead.
func callQuickly(c tea.Cmd) (tea.Msg, tea.Cmd) {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case msg := <-ch:
		return msg, nil
	case <-time.After(200 * time.Millisecond):
		return nil, func() tea.Msg { return <-ch }
	}
}
