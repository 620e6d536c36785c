package verify

import (
	"context"
)

// checkPOP3 verifies o.Incoming: connect, secure the connection, log in,
// read the mailbox statistics and leave. It never changes the mailbox.
// Each user name is tried on a connection of its own (see logins).
func checkPOP3(ctx context.Context, o *Options) *ServiceResult {
	ctx, cancel := context.WithTimeout(ctx, o.totalTimeout())
	defer cancel()
	t := newTracker(o, ServicePOP3)
	res := &ServiceResult{Service: ServicePOP3, Server: o.Incoming}
	e := runPOP3(ctx, o, t, res)
	res.OK, res.Error, res.DetectedSecurity = e == nil, e, detectedSecurity(e)
	res.Steps, res.Transcript, res.Duration = t.steps(), t.transcript(), t.elapsed()
	return res
}

func runPOP3(ctx context.Context, o *Options, t *tracker, res *ServiceResult) *Error {
	s, e := loginPOP3(ctx, o, t, res)
	if e != nil {
		return e
	}
	if res.Mailbox, e = s.mailbox(); e != nil {
		s.raw.Close()
		return e
	}
	s.quit()
	return nil
}

// loginPOP3 connects and logs in as each user name in turn until one works.
func loginPOP3(ctx context.Context, o *Options, t *tracker, res *ServiceResult) (*pop3Session, *Error) {
	var s *pop3Session
	e := logins(t, o, res, func(user string) (string, *Error) {
		var e *Error
		if s, e = openPOP3(ctx, o, t, o.Incoming); e != nil {
			return "", e
		}
		res.TLS, res.Greeting, res.Caps = s.tls, s.greeting, s.capsShown()
		mech, e := s.login(user)
		if e != nil {
			s.c.QuitNoWait()
		}
		return mech, e
	})
	return s, e
}
