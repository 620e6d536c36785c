package ui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/setupwiz/setupwiz/internal/verify"
)

// verify logs in, reporting each step, and on failure offers the same actions as the TUI.
func (l *liner) verify() error {
	autoAll := false
	for {
		if err := l.credentialFirst(); errors.Is(err, errCheckBlocked) {
			again, _, err := l.failureAction()
			if err != nil || !again {
				return err
			}
			continue
		} else if err != nil {
			return err
		}
		res := l.check()
		if res.OK() {
			l.s.acceptVerified(res)
			l.saySuccess(res)
			return l.keepSignIn()
		}
		if autoAll && l.s.nextUntried(l.s.failedServices()) {
			l.say("Trying the next alternative.")
			continue
		}
		autoAll = false
		l.sayFailure()
		again, all, err := l.failureAction()
		if err != nil || !again {
			return err
		}
		autoAll = all
	}
}

// check runs one verification, printing each finished step as a sentence.
func (l *liner) check() verify.Result {
	s := l.s
	s.beginCheck()
	l.say("Logging in to %s (POP3) and %s (SMTP).", s.prof.Incoming.Address(), s.prof.Outgoing.Address())
	events := make(chan verify.Event, 256)
	done := make(chan verify.Result, 1)
	progress := func(e verify.Event) {
		select {
		case events <- e:
		default:
		}
	}
	go func() { done <- s.runCheck(l.ctx, progress) }()
	for {
		select {
		case e := <-events:
			l.sayEvent(e)
		case r := <-done:
			l.drain(events)
			s.result = r
			return r
		}
	}
}

func (l *liner) drain(events chan verify.Event) {
	for {
		select {
		case e := <-events:
			l.sayEvent(e)
		default:
			return
		}
	}
}

func (l *liner) sayEvent(e verify.Event) {
	svc := strings.ToUpper(string(e.Service))
	switch e.State {
	case verify.EventDone:
		l.say("%s", strings.TrimSpace(fmt.Sprintf("%s %s: done after %s. %s", svc, stepWords(e.Step), fmtDuration(e.Elapsed), e.Detail)))
	case verify.EventFailed:
		l.say("%s %s: failed after %s.", svc, stepWords(e.Step), fmtDuration(e.Elapsed))
	}
}

func (l *liner) saySuccess(res verify.Result) {
	msg := "Both servers accepted the login."
	if res.POP3 != nil && res.POP3.Mailbox != nil {
		m := res.POP3.Mailbox
		msg += fmt.Sprintf(" Your mailbox has %s (%s).", plural(m.Messages, "message"), fmtSize(m.Octets))
	}
	l.say("%s", msg)
	for _, n := range usernameNotes(res) {
		l.say("%s", n)
	}
}

func (l *liner) sayFailure() {
	for _, e := range l.s.failures() {
		x := l.s.explain(e)
		l.say("%s failed at %s: %s", strings.ToUpper(string(e.Service)), stepWords(e.Step), x.Sentence)
		if e.ServerText != "" {
			l.say("The server said: %s", e.ServerText)
		}
		if fix := l.s.securityFix(e.Service, "choose the action below"); fix != "" {
			l.say("What to do: %s", fix)
		} else if x.Hint != "" {
			l.say("What to do: %s", x.Hint)
		}
		if c := e.Cert; c != nil {
			l.say("%s The certificate is for %s, issued by %s, SHA-256 fingerprint %s.", x.Todo[0],
				orDash(strings.Join(append(append([]string{}, c.DNSNames...), c.IPs...), ", ")), c.Issuer, c.SHA256)
			l.say("What to do: %s %s", x.Todo[1], x.Todo[2])
		}
	}
}

// failureAction asks what to do next; again reports whether to check again.
func (l *liner) failureAction() (again, tryAll bool, err error) {
	acts := failureActions(newKeyMap(), l.s)
	var lines []string
	for i, a := range acts {
		lines = append(lines, fmt.Sprintf("%d) %s", i+1, a.Help().Desc))
	}
	lines = append(lines, fmt.Sprintf("%d) quit", len(acts)+1))
	l.say("What now? %s.", strings.Join(lines, ", "))
	n, err := l.askNumber("Type a number", 1, len(acts)+1)
	if err != nil || n == len(acts)+1 {
		return false, false, orAborted(err)
	}
	return l.doAction(acts[n-1])
}

func orAborted(err error) error {
	if err == nil {
		return ErrAborted
	}
	return err
}

func (l *liner) doAction(b key.Binding) (again, tryAll bool, err error) {
	s, k := l.s, newKeyMap()
	switch b.Help().Key {
	case k.Edit.Help().Key:
		err = l.editServers()
	case k.Password.Help().Key:
		err = l.reenterPassword()
	case k.Username.Help().Key:
		s.switchUsernames(s.failedServices())
	case k.Candidate.Help().Key:
		s.nextAny(s.failedServices())
	case k.TryAll.Help().Key:
		if s.nextUntried(s.failedServices()) {
			l.say("Trying the next alternative.")
			return true, true, nil
		}
		l.say("Tried every alternative; none of them worked.")
	case k.Trust.Help().Key:
		c := s.failedCert()
		l.say("Trust this certificate from now on? Only if this fingerprint is the one your provider publishes: setupwiz will then accept exactly this certificate, and no other, for %s.", orDash(certNames(c)))
		l.say("SHA-256 %s", c.SHA256)
		ok, err := l.yes("Trust it", false)
		if err != nil {
			return false, false, err
		}
		if !ok {
			l.say("The certificate was not trusted.")
			return l.failureAction()
		}
		s.pin(c.SHA256)
	case k.Plaintext.Help().Key:
		s.prof.TLS.AllowPlaintext = true
	case k.Security.Help().Key:
		s.useDetectedSecurity()
	}
	return err == nil, false, err
}

// askNumber reads a number in [lo, hi].
func (l *liner) askNumber(prompt string, lo, hi int) (int, error) {
	v, err := l.askUntil(prompt, "", func(v string) string {
		if numberProblem(lo, hi)(v) != "" || v == "" {
			return fmt.Sprintf("Please type a number from %d to %d.", lo, hi)
		}
		return ""
	})
	if err != nil {
		return 0, err
	}
	var n int
	fmt.Sscan(v, &n)
	return n, nil
}

// reenterPassword reads a new password from the terminal.
func (l *liner) reenterPassword() error {
	if l.s.cfg.ReadPassword == nil {
		return ErrNoPassword
	}
	return l.readPassword()
}
