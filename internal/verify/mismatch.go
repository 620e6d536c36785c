package verify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// maxDetectWait bounds the detection after a failure: a port that greets
// does so at once, and one that waits for a handshake answers it at once.
const maxDetectWait = 3 * time.Second

// explainMismatch runs after a service failed before login, quickly, in a
// way a wrong security mode explains: a handshake answered in plaintext, no
// STARTTLS. It asks the port what it speaks (DetectSecurity) within what is
// left of the overall deadline and, when that differs from the setting,
// records it and replaces the hint with the fix. (A greeting or handshake
// that never comes is diagnosed while it is awaited: see securityWatch.)
func explainMismatch(ctx context.Context, o *Options, r *ServiceResult) {
	if r == nil || r.OK || r.Error == nil || r.DetectedSecurity != "" || !mismatchSymptom(r.Error) || ctx.Err() != nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, maxDetectWait)
	defer cancel()
	sec, probe := DetectSecurity(ctx, quietOptions(o), r.Service, r.Server.Host, r.Server.Port)
	if _, ok := decisive(probe); !ok || sec == r.Server.Security {
		return
	}
	r.DetectedSecurity = sec.String()
	r.Error.Hint = mismatchHint(r.Service, r.Server, sec)
}

// quietOptions is o without progress events and transcript, for probes
// that run beside or after the check.
func quietOptions(o *Options) *Options {
	q := *o
	q.Progress, q.Transcript, q.probing = nil, false, true
	return &q
}

// mismatchSymptom reports whether e is how a wrong security mode shows up.
func mismatchSymptom(e *Error) bool {
	if errors.Is(e.Err, errServerTLS) || serverTLSBroken(e.Err) {
		return false // the port speaks TLS; the server's TLS is broken
	}
	switch e.Step {
	case StepGreeting, StepTLS, StepSTARTTLS, StepCapa:
	default:
		return false
	}
	switch e.Kind {
	case KindTimeout, KindTLSHandshake, KindProtocol, KindSTARTTLSUnavailable, KindNetwork:
		return true
	}
	return false
}

// mismatchHint tells the user which setting the port wants.
func mismatchHint(svc Service, srv profile.Server, detected profile.Security) string {
	flag := "--pop-security"
	if svc == ServiceSMTP {
		flag = "--smtp-security"
	}
	if detected == profile.SecurityNone {
		return fmt.Sprintf("port %d speaks plaintext only and offers no STARTTLS; use the provider's TLS port instead "+
			"(sending the password unencrypted would need --allow-plaintext)", srv.Port)
	}
	return fmt.Sprintf("port %d speaks %s, not %s: change the security to %s (%s %s)",
		srv.Port, securityWords(detected), securityWords(srv.Security), detected, flag, detected)
}

func securityWords(s profile.Security) string {
	switch s {
	case profile.SecurityTLS:
		return "implicit TLS (SSL/TLS)"
	case profile.SecuritySTARTTLS:
		return "plaintext upgraded with STARTTLS"
	}
	return "plaintext"
}
