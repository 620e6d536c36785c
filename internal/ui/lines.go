package ui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/setupwiz/setupwiz/internal/termtext"
)

// ErrNoPassword means line mode had no way to get a password: input is not a
// terminal and none was given with --password-stdin or --password-file.
var ErrNoPassword = errors.New("no password: in line mode the password is read only from a terminal; pass --password-stdin or --password-file")

// InputEndedError says that line mode's input ended before a question was
// answered. That is no ctrl+c: too few answers were given (an input
// error, exit status 2).
type InputEndedError struct{ Question string }

func (e *InputEndedError) Error() string {
	return fmt.Sprintf("standard input ended before %q was answered: give one line per question (an empty line takes the value in brackets)", e.Question)
}

// liner runs the wizard as numbered plain-text prompts: no ANSI, one shared
// reader (so piped answers work line by line), every state change a sentence.
type liner struct {
	ctx context.Context
	s   *session
	in  *bufio.Reader
	out io.Writer
	// toldPassword is whether the servers last said to the user take a
	// password (false: sign in with OAuth2); nil before any were chosen.
	toldPassword *bool
}

// RunLines runs the wizard in line mode on cfg.In and cfg.Out.
func RunLines(ctx context.Context, cfg Config) (Outcome, error) {
	in, ok := cfg.In.(*bufio.Reader)
	if !ok {
		in = bufio.NewReader(cfg.In)
	}
	l := &liner{ctx: ctx, s: newSession(cfg), in: in, out: cfg.Out}
	if err := l.run(); err != nil {
		return Outcome{}, err
	}
	return l.s.out, nil
}

func (l *liner) run() error {
	title := "setupwiz"
	if l.s.cfg.Title != "" {
		title += " " + l.s.cfg.Title
	}
	l.say("%s sets up a POP3 and SMTP mail account in 7 steps (6 when the servers sign in with OAuth2: then no password is asked). Type an answer and press enter; an empty answer takes the value in brackets. ctrl+c quits.", title)
	steps := map[stepID]func() error{stepAccount: l.account, stepDiscover: l.discover, stepPassword: l.password,
		stepVerify: l.verify, stepPOP: l.popOptions, stepExport: l.export, stepDone: l.done}
	for id := stepAccount; ; id = l.s.following(id) {
		if l.s.out.RepairName != "" {
			return nil
		}
		n, of := l.s.stepNumber(id)
		l.say("")
		l.say("Step %d of %d: %s.", n, of, stepTitles[id])
		if err := steps[id](); err != nil {
			return err
		}
		if id == stepDone {
			return nil
		}
	}
}

// stepTitles name the steps in line mode.
var stepTitles = [stepCount]string{stepAccount: "Account", stepDiscover: "Finding your servers", stepPassword: "Password",
	stepVerify: "Logging in", stepPOP: "Mail on the server", stepExport: "Writing the settings", stepDone: "Done"}

// say prints one sentence; what it quotes (a server's words, a file's
// path) is escaped so that it cannot steer the terminal.
func (l *liner) say(format string, a ...any) { termtext.Fprintf(l.out, format+"\n", a...) }

// ask prints a prompt and reads one answer; an empty answer gives def.
func (l *liner) ask(prompt, def string) (string, error) {
	if def != "" {
		termtext.Fprintf(l.out, "%s [%s]: ", prompt, def)
	} else {
		termtext.Fprintf(l.out, "%s: ", prompt)
	}
	line, err := l.readLine()
	if err != nil && (line == "" || !errors.Is(err, io.EOF)) { // a last answer may lack its newline
		fmt.Fprintln(l.out)
		return "", l.readError(prompt, err)
	}
	if line = strings.TrimSpace(line); line == "" {
		line = def
	}
	if !l.s.cfg.InputIsTerminal {
		fmt.Fprintln(l.out, termtext.Line(line))
	}
	return line, nil
}

// readError is what a failed read of the answer to question means: ctrl+c
// (the context ended) aborts, the end of input is an input error.
func (l *liner) readError(question string, err error) error {
	switch {
	case l.ctx.Err() != nil:
		return ErrAborted
	case errors.Is(err, io.EOF):
		return &InputEndedError{Question: question}
	}
	return fmt.Errorf("reading the answer to %q: %w", question, err)
}

// readLine reads one line, giving up when the context ends (ctrl+c while a
// prompt waits); the abandoned read ends with the process.
func (l *liner) readLine() (string, error) {
	type result struct {
		line string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		line, err := l.in.ReadString('\n')
		ch <- result{line, err}
	}()
	select {
	case r := <-ch:
		return r.line, r.err
	case <-l.ctx.Done():
		return "", l.ctx.Err()
	}
}

// askUntil repeats a question until check accepts the answer.
func (l *liner) askUntil(prompt, def string, check func(string) string) (string, error) {
	for {
		v, err := l.ask(prompt, def)
		if err != nil {
			return "", err
		}
		if msg := check(v); msg != "" {
			l.say("%s", msg)
			continue
		}
		return v, nil
	}
}

// yes asks a yes/no question.
func (l *liner) yes(prompt string, def bool) (bool, error) {
	d := "n"
	if def {
		d = "y"
	}
	v, err := l.askUntil(prompt+" (y or n)", d, func(v string) string {
		if yesNo(v) == "" {
			return "Please answer y or n."
		}
		return ""
	})
	return yesNo(v) == "y", err
}

func yesNo(v string) string {
	switch strings.ToLower(v) {
	case "y", "yes":
		return "y"
	case "n", "no":
		return "n"
	}
	return ""
}

func always(string) string { return "" }
