package verify

import "time"

// Defaults used when the corresponding Options field is zero.
const (
	defaultTimeout     = 20 * time.Second
	defaultStepTimeout = 10 * time.Second
)

// stepTimeout bounds one step (resolve, connect, TLS, one command and its reply).
func (o *Options) stepTimeout() time.Duration {
	if o.StepTimeout > 0 {
		return o.StepTimeout
	}
	return defaultStepTimeout
}

// totalTimeout bounds a whole check.
func (o *Options) totalTimeout() time.Duration {
	if o.Timeout > 0 {
		return o.Timeout
	}
	return defaultTimeout
}

// now is the clock; tests set Options.Now.
func (o *Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}
