package ui

import "github.com/setupwiz/setupwiz/internal/verify"

// kindWords says what a failure kind means for the person at the keyboard.
func kindWords(k verify.Kind) string {
	switch k {
	case verify.KindDNS:
		return "the server name does not exist."
	case verify.KindRefused:
		return "nothing answers on that port."
	case verify.KindTimeout:
		return "the server did not answer in time."
	case verify.KindNetwork:
		return "the connection broke off."
	case verify.KindTLSHandshake:
		return "the encrypted connection could not be set up; the port may expect another security setting."
	case verify.KindTLSCertificate:
		return "the server's certificate is not trusted."
	case verify.KindSTARTTLSUnavailable:
		return "the server does not offer STARTTLS, so the password cannot be protected."
	case verify.KindPlaintextRefused:
		return "logging in would send the password unencrypted."
	case verify.KindAuthFailed:
		return "the server rejected the username or password."
	case verify.KindAuthUnsupported:
		return "the server and setupwiz have no login method in common."
	case verify.KindAppPassword:
		return "the provider wants an app password (or OAuth2) for this kind of login."
	case verify.KindServerBusy:
		return "the server is busy or the mailbox is in use; try again in a minute."
	case verify.KindProtocol:
		return "the server answered something unexpected."
	case verify.KindMailbox:
		return "the login worked, but the mailbox could not be read."
	case verify.KindCanceled:
		return "the check was cancelled."
	}
	return string(k) + "."
}
