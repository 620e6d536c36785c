package verify

import "context"

// checkSMTP logs in to the submission server o.Outgoing (RFC 6409): TLS as
// configured, greeting, EHLO, AUTH, QUIT; each user name on a connection
// of its own (see logins). It never sends a message; see sendTest for that.
func checkSMTP(ctx context.Context, o *Options) *ServiceResult {
	ctx, cancel := context.WithTimeout(ctx, o.totalTimeout())
	defer cancel()
	t := newTracker(o, ServiceSMTP)
	res := &ServiceResult{Service: ServiceSMTP, Server: o.Outgoing}
	res.Error = runSMTPCheck(ctx, o, t, res)
	res.OK, res.DetectedSecurity = res.Error == nil, detectedSecurity(res.Error)
	res.Steps, res.Transcript, res.Duration = t.steps(), t.transcript(), t.elapsed()
	return res
}

func runSMTPCheck(ctx context.Context, o *Options, t *tracker, res *ServiceResult) *Error {
	var s *smtpSession
	e := logins(t, o, res, func(user string) (string, *Error) {
		var e *Error
		s, e = openSMTP(ctx, o, t, o.Outgoing)
		if s != nil {
			res.TLS, res.Greeting, res.Caps = s.tls, s.greeting, s.caps
		}
		if e != nil {
			return "", e
		}
		mech, e := s.login(user)
		if e != nil {
			s.leave()
		}
		return mech, e
	})
	if e != nil {
		return e
	}
	s.quit()
	return nil
}
