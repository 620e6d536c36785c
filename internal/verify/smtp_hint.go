package verify

import (
	"fmt"
	"strings"

	"github.com/emersion/go-smtp"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// smtpHint is the one line a person can act on for an SMTP reply of kind.
func smtpHint(kind Kind, se *smtp.SMTPError, step StepName, srv profile.Server) string {
	switch kind {
	case KindAppPassword:
		return appPasswordHint(se, srv.Host)
	case KindAuthFailed:
		return authFailedHint
	case KindPlaintextRefused:
		return "the server wants encryption before login: use --smtp-security tls (port 465) or starttls (port 587)"
	case KindAuthUnsupported:
		return "the server offers no login method setupwiz can use here; check the port (465 or 587) and the provider's settings page"
	case KindSTARTTLSUnavailable:
		return fmt.Sprintf("the server on port %d did not start encryption; try --smtp-security tls on port 465", srv.Port)
	case KindServerBusy:
		return "the server reported a temporary problem; try again in a few minutes"
	case KindRefused:
		return "the server refused to talk to this computer (your address may be blocked); try another network or ask the provider"
	case KindMailbox:
		return "the server refused the test message; the login works, but sending from this address may need a setting at the provider"
	}
	return fmt.Sprintf("the server answered %s unexpectedly; run with --transcript to see the conversation", step)
}

// appPasswordHint names the provider's own fix when the host tells us who it is.
func appPasswordHint(se *smtp.SMTPError, host string) string {
	h := strings.ToLower(host)
	switch {
	case se.EnhancedCode == smtp.EnhancedCode{5, 7, 14}:
		return "the provider blocked this sign-in: sign in once in a web browser from this computer, then try again (or use an app password)"
	case se.EnhancedCode == smtp.EnhancedCode{5, 7, 139}, hostIs(h, "office365.com", "outlook.com", "hotmail.com", "live.com"):
		return "Microsoft has switched off password login (basic authentication) for SMTP: ask the admin to enable Authenticated SMTP, or use OAuth2 (--oauth-token-file)"
	case hostIs(h, "gmail.com", "googlemail.com", "google.com"):
		return "Google needs an app password: turn on 2-Step Verification, create one at https://myaccount.google.com/apppasswords and use it instead of your normal password"
	case hostIs(h, "yahoo.com", "aol.com"):
		return "this provider needs an app password: create one under Account security → Generate app password, and use it instead of your normal password"
	case hostIs(h, "me.com", "icloud.com", "mac.com"):
		return "Apple needs an app-specific password: create one at https://account.apple.com (Sign-In and Security) and use it here"
	}
	return "this provider wants an app password (or OAuth2), not your normal password: create one in your account's security settings"
}

// hostIs reports whether h is one of the domains or a subdomain of one.
func hostIs(h string, domains ...string) bool {
	h = strings.TrimSuffix(h, ".")
	for _, d := range domains {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return false
}
