package exporters

import (
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// SecretMode says whether and how a password goes into an exported file.
type SecretMode string

const (
	// SecretsNone writes no password: the client asks for it. The default.
	SecretsNone SecretMode = "none"
	// SecretsInline writes the password itself into the file (then written 0600).
	SecretsInline SecretMode = "inline"
	// SecretsCommand makes the client run a password command (mutt only; others prompt).
	SecretsCommand SecretMode = "command"
)

// ParseSecretMode accepts none, inline and command ("" means none).
func ParseSecretMode(s string) (SecretMode, error) {
	switch SecretMode(s) {
	case "", SecretsNone:
		return SecretsNone, nil
	case SecretsInline, SecretsCommand:
		return SecretMode(s), nil
	}
	return "", &FieldError{Field: "secrets", Msg: "must be none, inline or command"}
}

// Options tune an export. The zero value writes no secrets and uses time.Now.
type Options struct {
	Secrets  SecretMode
	Password profile.Password // for SecretsInline
	// Command is the password command for SecretsCommand, run by the shell
	// (e.g. "pass show mail/jane"); its first output line is the password.
	Command string
	// Unverified marks every file's header: the settings did not pass a live check.
	Unverified bool
	Now        func() time.Time
	// SignCert and SignKey (PEM) sign the .mobileconfig as CMS SignedData. The
	// first certificate in SignCert signs; the rest are included as the chain.
	SignCert, SignKey []byte
	// IncludePassword puts the password into the .mobileconfig (readable by
	// anyone who has the file); only with an explicit request.
	IncludePassword bool
	// FetchmailMDA, if set, delivers fetched mail through this command
	// (e.g. "/usr/bin/procmail -d %T") instead of the local SMTP listener.
	FetchmailMDA string
	// Self is the absolute path of the setupwiz program. An OAuth2 profile's
	// mutt configuration runs `Self token NAME` for a fresh access token.
	Self string
	// MuttCertificates is set when the mutt settings go into the user's own
	// muttrc as a block: the file mutt keeps accepted certificates in there
	// (certificate_file). That setting is global, so the block leaves it
	// alone and the pinned certificate is added to this file instead
	// (Plan.CertificateFile). The Placer sets it.
	MuttCertificates string
}

func (o Options) now() time.Time {
	if o.Now == nil {
		return time.Now().UTC()
	}
	return o.Now().UTC()
}

func (o Options) secrets() SecretMode {
	if o.Secrets == "" {
		return SecretsNone
	}
	return o.Secrets
}

// inlinePassword returns the password when it is to be written into the file.
func (o Options) inlinePassword() (string, bool) {
	if o.secrets() != SecretsInline || o.Password.IsEmpty() {
		return "", false
	}
	return o.Password.Reveal(), true
}
