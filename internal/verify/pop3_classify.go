package verify

import (
	"strings"

	"github.com/setupwiz/setupwiz/internal/pop3"
)

// pop3Error turns a -ERR reply at step into a typed error with a hint.
func pop3Error(r *pop3.Error, step StepName) *Error {
	k := replyKind(r, step)
	return &Error{Kind: k, Step: step, ServerText: safeTextString(r.Error()), Hint: pop3Hint(k, r.Code), Err: r}
}

// replyKind classifies a -ERR reply. Decision for [SYS/PERM]: it is
// KindMailbox at every step, login included. RFC 3206 keeps credential
// problems under [AUTH]; SYS/PERM says the system has a lasting problem
// with the account, so "wrong password" would send the user the wrong way.
func replyKind(r *pop3.Error, step StepName) Kind {
	switch {
	case pop3WantsAppPassword(r.Text):
		return KindAppPassword
	case step == StepAuth && pop3RefusesPlaintext(r.Text):
		return KindPlaintextRefused
	}
	switch r.Code {
	case "AUTH":
		return KindAuthFailed
	case "IN-USE", "LOGIN-DELAY", "SYS/TEMP":
		return KindServerBusy
	case "SYS/PERM":
		return KindMailbox
	}
	return stepKind(step)
}

// stepKind is the Kind of a -ERR without a telling code.
func stepKind(step StepName) Kind {
	switch step {
	case StepAuth:
		return KindAuthFailed
	case StepMailbox:
		return KindMailbox
	case StepGreeting:
		return KindServerBusy
	case StepSTARTTLS:
		return KindSTARTTLSUnavailable
	}
	return KindProtocol
}

// Provider words meaning "the password may be right, but we want an app
// password or OAuth2" (Gmail, Microsoft, Yahoo and others say it in the text).
func pop3AppPasswordWords() []string {
	return []string{
		"application-specific password", "app password", "app-specific password",
		"web login required", "log in via your web browser", "login via your web browser",
		"basic authentication is disabled", "oauth",
	}
}

func pop3WantsAppPassword(text string) bool { return textHasAny(text, pop3AppPasswordWords()) }

func pop3RefusesPlaintext(text string) bool {
	return textHasAny(text, []string{"plaintext authentication", "non-secure", "encryption required", "ssl/tls required"})
}

func textHasAny(text string, words []string) bool {
	l := strings.ToLower(text)
	for _, w := range words {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}
