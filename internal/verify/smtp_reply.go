package verify

import (
	"context"
	"errors"
	"fmt"
	"net/textproto"
	"strings"

	"github.com/emersion/go-smtp"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// smtpReplyError classifies a negative SMTP reply (RFC 5321 basic code plus
// the RFC 3463 enhanced code) met at step. The returned error wraps se.
func smtpReplyError(se *smtp.SMTPError, step StepName, srv profile.Server) *Error {
	kind := smtpKind(se, step)
	return &Error{
		Kind:       kind,
		Service:    ServiceSMTP,
		Step:       step,
		ServerText: smtpServerText(se),
		Hint:       smtpHint(kind, se, step, srv),
		Err:        se,
	}
}

// asSMTPError returns the *smtp.SMTPError inside err, if any.
func asSMTPError(err error) (*smtp.SMTPError, bool) {
	var se *smtp.SMTPError
	ok := errors.As(err, &se)
	return se, ok
}

// smtpKind maps a reply to a Kind. The provider's own words win over the
// codes, because providers reuse generic codes for "use an app password".
func smtpKind(se *smtp.SMTPError, step StepName) Kind {
	if wantsAppPassword(se) {
		return KindAppPassword
	}
	switch step {
	case StepGreeting:
		return greetingKind(se.Code)
	case StepSTARTTLS:
		return KindSTARTTLSUnavailable
	case StepSend:
		return sendKind(se.Code)
	}
	return authKind(se)
}

// wantsAppPassword recognises Gmail's 534 5.7.9 "Application-specific
// password required", Google's 534 5.7.14 "Please log in via your web
// browser" and Microsoft's 535 5.7.139 "basic authentication is disabled".
func wantsAppPassword(se *smtp.SMTPError) bool {
	enh := se.EnhancedCode
	switch {
	case se.Code == 534 && enh == smtp.EnhancedCode{5, 7, 9}:
		return !mentions(se.Message, "too weak")
	case se.Code == 534 && enh == smtp.EnhancedCode{5, 7, 14}:
		return true
	case se.Code == 535 && enh == smtp.EnhancedCode{5, 7, 139}:
		return true
	}
	return mentions(se.Message, "application-specific password", "app password",
		"log in via your web browser", "basic authentication is disabled")
}

// authKind classifies replies to AUTH (and to commands around it).
func authKind(se *smtp.SMTPError) Kind {
	enh := se.EnhancedCode
	switch {
	case se.Code == 535:
		return KindAuthFailed
	case se.Code == 538, se.Code == 523, enh == smtp.EnhancedCode{5, 7, 11}, enh == smtp.EnhancedCode{5, 7, 10}:
		return KindPlaintextRefused
	case se.Code == 530 && mentions(se.Message, "starttls", "tls", "encrypt"):
		return KindPlaintextRefused
	case se.Code == 504, se.Code == 534, se.Code == 500, se.Code == 502:
		return KindAuthUnsupported
	case se.Code/100 == 4:
		return KindServerBusy
	}
	return KindProtocol
}

// greetingKind: 421 is "come back later"; 554 at the greeting means this
// server refuses to talk to us at all (often a blocked address).
func greetingKind(code int) Kind {
	if code/100 == 4 {
		return KindServerBusy
	}
	if code == 554 || code == 550 {
		return KindRefused
	}
	return KindProtocol
}

// sendKind classifies MAIL/RCPT/DATA replies during --send-test. A 5xx there
// means the server refused the message, sender or recipient: KindMailbox.
func sendKind(code int) Kind {
	switch code / 100 {
	case 4:
		return KindServerBusy
	case 5:
		return KindMailbox
	}
	return KindProtocol
}

// smtpServerText renders the reply as the server sent it ("535 5.7.8 …"),
// printable and bounded.
func smtpServerText(se *smtp.SMTPError) string {
	s := fmt.Sprintf("%03d", se.Code)
	if se.EnhancedCode != (smtp.EnhancedCode{}) && se.EnhancedCode != smtp.NoEnhancedCode {
		e := se.EnhancedCode
		s += fmt.Sprintf(" %d.%d.%d", e[0], e[1], e[2])
	}
	if se.Message != "" {
		s += " " + se.Message
	}
	return safeTextString(strings.ReplaceAll(s, "\n", " / "))
}

// mentions reports whether s contains any of the phrases, ignoring case.
func mentions(s string, phrases ...string) bool {
	l := strings.ToLower(s)
	for _, p := range phrases {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// smtpError classifies any error from an SMTP exchange at step: a reply from
// the server, a bound we enforce, or the network (the check's context first:
// once it is done, the connection was closed on purpose).
func smtpError(ctx context.Context, err error, step StepName, srv profile.Server) *Error {
	if se, ok := asSMTPError(err); ok && ctx.Err() == nil {
		return smtpReplyError(se, step, srv)
	}
	e := classifyErr(ctx, err, ServiceSMTP, step, srv)
	if e.Kind == KindNetwork && isSMTPProtocolError(err) {
		e.Kind = KindProtocol
		e.Hint = hintFor(e, srv)
	}
	return e
}

// isSMTPProtocolError recognises go-smtp's and net/textproto's complaints
// about malformed replies.
func isSMTPProtocolError(err error) bool {
	var pe textproto.ProtocolError
	return errors.Is(err, smtp.ErrTooLongLine) || errors.As(err, &pe)
}
