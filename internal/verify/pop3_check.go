package verify

import (
	"context"
)

// checkPOP3 verifies o.Incoming: connect, secure the connection, log in
// (trying the other user name form on the same connection when allowed),
// read the mailbox statistics and leave. It never changes the mailbox.
func checkPOP3(ctx context.Context, o *Options) *ServiceResult {
	ctx, cancel := context.WithTimeout(ctx, o.totalTimeout())
	defer cancel()
	t := newTracker(o, ServicePOP3)
	res := &ServiceResult{Service: ServicePOP3, Server: o.Incoming}
	e := runPOP3(ctx, o, t, res)
	res.OK, res.Error = e == nil, e
	res.Steps, res.Transcript, res.Duration = t.steps(), t.transcript(), t.elapsed()
	return res
}

func runPOP3(ctx context.Context, o *Options, t *tracker, res *ServiceResult) *Error {
	users := usernameVariants(o.Email, o.Incoming.Username, o.UsernameVariants)
	s, user, e := loginPOP3(ctx, o, t, res, users, true)
	if e != nil {
		return e
	}
	defer s.raw.Close()
	res.Server.Username, res.UsernameCorrected = user, user != users[0]
	if res.Mailbox, e = s.mailbox(); e != nil {
		return e
	}
	s.quit()
	return nil
}

// loginPOP3 connects and logs in. When the server hangs up after a failed
// attempt (some do), it connects once more for the user names left.
func loginPOP3(ctx context.Context, o *Options, t *tracker, res *ServiceResult, users []string, again bool) (*pop3Session, string, *Error) {
	s, e := openPOP3(ctx, o, t, o.Incoming)
	if e != nil {
		return nil, "", e
	}
	res.TLS, res.Greeting, res.Caps = s.tls, s.greeting, s.caps.Raw
	user, mech, e := s.login(users, &res.UsernameTried)
	res.AuthMech = mech
	if e == nil {
		return s, user, nil
	}
	s.raw.Close()
	switch {
	case len(s.retry) == 0:
		return nil, "", e
	case !again:
		return nil, "", t.fail(withNamesTried(e, res.UsernameTried))
	}
	return loginPOP3(ctx, o, t, res, s.retry, false)
}

// quit says goodbye without waiting for the answer: nothing in it matters
// to the check, and waiting would cost a round trip.
func (s *pop3Session) quit() {
	s.t.begin(StepQuit)
	_ = s.c.send("QUIT")
	s.t.end("sent")
}
