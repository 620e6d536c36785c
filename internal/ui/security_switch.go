package ui

import (
	"fmt"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// detectedSwitch is the security a failed service's port turned out to speak,
// when switching to it keeps the password encrypted. A port that speaks only
// plaintext is explained, never switched to with one key.
func detectedSwitch(r *verify.ServiceResult) (profile.Security, bool) {
	if !failed(r) || r.DetectedSecurity == "" {
		return profile.SecurityNone, false
	}
	sec, err := profile.ParseSecurity(r.DetectedSecurity)
	if err != nil || sec == profile.SecurityNone || sec == r.Server.Security {
		return profile.SecurityNone, false
	}
	return sec, true
}

// securitySwitches describes the switches on offer: "TLS on POP3",
// "STARTTLS on POP3 and SMTP", "TLS on POP3 and STARTTLS on SMTP".
func (s *session) securitySwitches() string {
	pop, popOK := detectedSwitch(s.result.POP3)
	smtp, smtpOK := detectedSwitch(s.result.SMTP)
	switch {
	case popOK && smtpOK && pop == smtp:
		return securityWords(pop) + " on POP3 and SMTP"
	case popOK && smtpOK:
		return securityWords(pop) + " on POP3 and " + securityWords(smtp) + " on SMTP"
	case popOK:
		return securityWords(pop) + " on POP3"
	case smtpOK:
		return securityWords(smtp) + " on SMTP"
	}
	return ""
}

// useDetectedSecurity sets each failed service to what its port speaks.
func (s *session) useDetectedSecurity() {
	if sec, ok := detectedSwitch(s.result.POP3); ok {
		s.prof.Incoming.Security = sec
	}
	if sec, ok := detectedSwitch(s.result.SMTP); ok {
		s.prof.Outgoing.Security = sec
	}
}

// securityFix is the wizard's own advice for a port that speaks another
// security than the one set (the verifier's hint names command-line flags);
// action says how to make the switch.
func (s *session) securityFix(svc verify.Service, action string) string {
	r := s.result.POP3
	if svc == verify.ServiceSMTP {
		r = s.result.SMTP
	}
	sec, ok := detectedSwitch(r)
	if !ok {
		return ""
	}
	return fmt.Sprintf("port %d speaks %s, not %s: %s to use %s.",
		r.Server.Port, securityWords(sec), securityWords(r.Server.Security), action, securityWords(sec))
}
