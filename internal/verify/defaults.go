package verify

import "time"

// DefaultTimeout bounds a whole check when Options.Timeout is zero: enough
// for two logins that a server tarpits (Courier waits 5 s before each
// refusal, Dovecot 2 s growing to 15 s) plus connecting and TLS.
const DefaultTimeout = 30 * time.Second

// stepTimeout bounds one step (resolve, connect, TLS, one command and its
// reply). Without Options.StepTimeout a step may take whatever is left of
// the overall deadline: a slow but definite answer (a tarpitted "-ERR",
// a late 535) is an answer, not a timeout.
func (o *Options) stepTimeout() time.Duration {
	if o.StepTimeout > 0 {
		return o.StepTimeout
	}
	return o.totalTimeout()
}

// totalTimeout bounds a whole check.
func (o *Options) totalTimeout() time.Duration {
	if o.Timeout > 0 {
		return o.Timeout
	}
	return DefaultTimeout
}

// now is the clock; tests set Options.Now.
func (o *Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}
