package verify

import "context"

// checkSMTP logs in to the submission server o.Outgoing (RFC 6409): TLS as
// configured, greeting, EHLO, AUTH with the username variants, QUIT. It never
// sends a message; see sendTest for that.
func checkSMTP(ctx context.Context, o *Options) *ServiceResult {
	ctx, cancel := context.WithTimeout(ctx, o.totalTimeout())
	defer cancel()
	t := newTracker(o, ServiceSMTP)
	res := &ServiceResult{Service: ServiceSMTP, Server: o.Outgoing}
	res.Error = runSMTPCheck(ctx, o, t, res)
	res.OK = res.Error == nil
	res.Steps, res.Transcript, res.Duration = t.steps(), t.transcript(), t.elapsed()
	return res
}

func runSMTPCheck(ctx context.Context, o *Options, t *tracker, res *ServiceResult) *Error {
	s, e := openSMTP(ctx, o, t, o.Outgoing)
	if s != nil {
		res.TLS, res.Greeting, res.Caps = s.tls, s.greeting, s.caps
	}
	if e != nil {
		return e
	}
	if e := s.login(res); e != nil {
		s.close()
		return e
	}
	s.quit()
	return nil
}
