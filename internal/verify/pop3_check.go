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
	s, e := openPOP3(ctx, o, t, o.Incoming)
	if e != nil {
		return e
	}
	defer s.raw.Close()
	res.TLS, res.Greeting, res.Caps = s.tls, s.greeting, s.caps.Raw
	users := usernameVariants(o.Email, o.Incoming.Username, o.UsernameVariants)
	user, mech, e := s.login(users, &res.UsernameTried)
	res.AuthMech = mech
	if e != nil {
		return e
	}
	res.Server.Username, res.UsernameCorrected = user, user != users[0]
	if res.Mailbox, e = s.mailbox(); e != nil {
		return e
	}
	s.quit()
	return nil
}

// quit says goodbye without waiting for the answer: nothing in it matters
// to the check, and waiting would cost a round trip.
func (s *pop3Session) quit() {
	s.t.begin(StepQuit)
	_ = s.c.send("QUIT")
	s.t.end("sent")
}
