package ui

import (
	"context"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// stepID names the screens in the order the wizard walks them.
type stepID int

const (
	stepAccount stepID = iota
	stepDiscover
	stepPassword
	stepVerify
	stepPOP
	stepExport
	stepDone
	stepCount
)

// screen is one step of the wizard. Screens keep their own widgets and read
// and write the shared session through the wizard.
type screen interface {
	name() string
	enter(w *wizard) tea.Cmd
	// leave is called when the user moves away; it cancels work in flight.
	leave(w *wizard)
	key(w *wizard, k tea.KeyPressMsg) tea.Cmd
	view(w *wizard) string
	bindings(w *wizard) []key.Binding
	// typing reports whether a text input has the focus (so "?" is a character).
	typing() bool
}

// wizard is the root model: it routes keys to the current screen, messages of
// background jobs to the screen that started them, and draws the frame.
type wizard struct {
	ctx      context.Context
	s        *session
	screens  [stepCount]screen
	cur      stepID
	keys     keyMap
	help     help.Model
	showHelp bool
	st       styles
	spin     spinner.Model
	spinning bool
	width    int
	height   int
	aborted  bool
	finished bool
	// retype is set when the verification screen sends the user to type
	// the password again (the field then starts empty).
	retype bool
	scroll scroll
	// cancels holds the cancel funcs of work in flight, by owner.
	cancels map[stepID]context.CancelFunc
}

func newWizard(ctx context.Context, cfg Config) *wizard {
	w := &wizard{ctx: ctx, s: newSession(cfg), keys: newKeyMap(), help: help.New(),
		width: 80, height: 24, cancels: map[stepID]context.CancelFunc{}}
	if cfg.Width > 0 && cfg.Height > 0 {
		w.width, w.height = cfg.Width, cfg.Height
	}
	w.spin = spinner.New(spinner.WithSpinner(spinner.Dot))
	w.screens = [stepCount]screen{newAccountStep(w.s), &discoverStep{}, newPasswordStep(w.s), &verifyStep{},
		newPOPStep(), newExportStep(cfg), &doneStep{}}
	w.setDark(true)
	return w
}

// Init asks the terminal for its background colour and focuses the first screen.
func (w *wizard) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, w.screens[w.cur].enter(w))
}

// Update routes one message.
func (w *wizard) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		w.width, w.height = msg.Width, msg.Height
		w.scroll.resized()
	case tea.BackgroundColorMsg:
		w.setDark(msg.IsDark())
	case tea.KeyPressMsg:
		return w, w.onKey(msg)
	case tea.PasteMsg:
		return w, w.onPaste(msg)
	case jobMsg:
		return w, tea.Batch(nextJobMsg(msg.ch), w.onJob(msg.msg))
	case spinner.TickMsg:
		return w, w.onTick(msg)
	}
	return w, nil
}

func (w *wizard) setDark(isDark bool) {
	w.st = newStyles(isDark)
	w.help.Styles = help.DefaultStyles(isDark)
	for _, sc := range w.screens {
		if d, ok := sc.(interface{ setDark(bool) }); ok {
			d.setDark(isDark)
		}
	}
}

func (w *wizard) onKey(k tea.KeyPressMsg) tea.Cmd {
	sc := w.screens[w.cur]
	switch {
	case key.Matches(k, w.keys.Quit):
		return w.abort()
	case key.Matches(k, w.keys.HelpF1), key.Matches(k, w.keys.Help) && !sc.typing():
		w.showHelp = !w.showHelp
		w.scroll = scroll{}
		return nil
	case w.showHelp && k.String() == "esc":
		w.showHelp = false
		w.scroll = scroll{}
		return nil
	case key.Matches(k, pageDown), key.Matches(k, pageUp):
		w.scroll.page(key.Matches(k, pageDown))
		return nil
	}
	return sc.key(w, k)
}

// onJob hands a background message to the screen that owns it.
func (w *wizard) onJob(msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case discoverEventMsg, discoverDoneMsg:
		return w.screens[stepDiscover].(*discoverStep).onMsg(w, m)
	case verifyEventMsg, verifyDoneMsg:
		return w.screens[stepVerify].(*verifyStep).onMsg(w, m)
	case signInPromptMsg, signInDoneMsg:
		return w.screens[stepVerify].(*verifyStep).onSignIn(w, m)
	case planDoneMsg, applyDoneMsg:
		return w.screens[stepExport].(*exportStep).onMsg(w, m)
	case keepDoneMsg:
		return w.screens[stepDone].(*doneStep).keep.onDone(w, m)
	}
	return nil
}

// goTo leaves the current screen and enters another.
func (w *wizard) goTo(id stepID) tea.Cmd {
	w.screens[w.cur].leave(w)
	w.cur = id
	w.showHelp = false
	w.scroll = scroll{}
	return w.screens[id].enter(w)
}

// next and back walk the path (credential.go): the password screen is
// left out when the servers sign in with OAuth2.
func (w *wizard) next() tea.Cmd { return w.goTo(w.s.following(w.cur)) }

func (w *wizard) back() tea.Cmd {
	if w.cur == stepAccount {
		return nil
	}
	return w.goTo(w.s.preceding(w.cur))
}

// abort cancels everything in flight and quits; Run reports ErrAborted.
func (w *wizard) abort() tea.Cmd {
	w.aborted = true
	w.cancelAll()
	return tea.Quit
}

// finish quits with the outcome in the session.
func (w *wizard) finish() tea.Cmd {
	w.finished = true
	w.cancelAll()
	return tea.Quit
}

// track remembers the cancel func of owner's work, cancelling any earlier one.
func (w *wizard) track(owner stepID, cancel context.CancelFunc) {
	w.untrack(owner)
	w.cancels[owner] = cancel
}

func (w *wizard) untrack(owner stepID) {
	if c := w.cancels[owner]; c != nil {
		c()
		delete(w.cancels, owner)
	}
}

func (w *wizard) cancelAll() {
	for id := range w.cancels {
		w.untrack(id)
	}
}
