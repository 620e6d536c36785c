package verify

// pop3Hint is the one line to act on after a POP3 -ERR.
func pop3Hint(k Kind, code string) string {
	switch k {
	case KindAuthFailed:
		return authFailedHint
	case KindAppPassword:
		return "the provider wants an app password (or OAuth2) instead of your normal password; create one in the account's security settings"
	case KindPlaintextRefused:
		return "the server refuses passwords on an unencrypted connection; use port 995 with TLS or 110 with STLS"
	case KindServerBusy:
		return busyHint(code)
	case KindMailbox:
		return "you are logged in, but the server cannot open the mailbox; tell the provider what it said"
	case KindSTARTTLSUnavailable:
		return "the server did not start TLS (STLS) on this port; use port 995 with TLS. Sending the password unencrypted is not an option"
	}
	return "the server's reply does not fit the POP3 protocol; check that host and port are the POP3 server"
}

func busyHint(code string) string {
	switch code {
	case "IN-USE":
		return "another mail program is connected to this mailbox right now; close it (or wait a few minutes) and try again"
	case "LOGIN-DELAY":
		return "the server allows logins only every few minutes; wait and try again"
	}
	return "the server has a temporary problem; try again later"
}
