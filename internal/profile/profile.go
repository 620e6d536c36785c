package profile

import (
	"fmt"
	"strings"
	"time"
)

// Profile is one mail account, as verified and as exported. It never holds the password.
type Profile struct {
	Name        string         `toml:"name" json:"name"`
	Email       string         `toml:"email" json:"email"`
	DisplayName string         `toml:"display_name" json:"display_name"`
	Incoming    Server         `toml:"incoming" json:"incoming"` // POP3
	Outgoing    Server         `toml:"outgoing" json:"outgoing"` // SMTP submission
	POP         POPOptions     `toml:"pop" json:"pop"`
	Secret      SecretRef      `toml:"secret" json:"secret"`
	OAuth       *OAuth         `toml:"oauth,omitempty" json:"oauth,omitempty"` // set when the account signs in with OAuth 2.0
	TLS         TLSTrust       `toml:"tls" json:"tls"`
	Verified    time.Time      `toml:"verified,omitempty" json:"verified,omitzero"`
	Exports     []ExportRecord `toml:"exports,omitempty" json:"exports,omitempty"`
	History     []HistoryEntry `toml:"history,omitempty" json:"history,omitempty"`
}

// TLSTrust records the explicit trust decisions a user made for this account.
type TLSTrust struct {
	CAFile       string   `toml:"ca_file,omitempty" json:"ca_file,omitempty"`
	PinnedSHA256 []string `toml:"pinned_sha256,omitempty" json:"pinned_sha256,omitempty"`
	// SeenSHA256 are the fingerprints of the certificates that passed the last
	// verification. They are a record for repair ("it used to be …"), never trusted.
	SeenSHA256     []string `toml:"seen_sha256,omitempty" json:"seen_sha256,omitempty"`
	AllowPlaintext bool     `toml:"allow_plaintext,omitempty" json:"allow_plaintext,omitempty"`
	// PinnedCert is the PEM of the certificates trusted by their fingerprint,
	// as the servers showed them, so the exported files can trust exactly
	// those too; PinnedCertFile is where setupwiz saved it for them.
	PinnedCert     string `toml:"pinned_cert,omitempty" json:"pinned_cert,omitempty"`
	PinnedCertFile string `toml:"pinned_cert_file,omitempty" json:"pinned_cert_file,omitempty"`
	// SeenCert is the PEM of the certificates in SeenSHA256, so repair can
	// show the old certificate beside a new one: a record, never trusted.
	SeenCert string `toml:"seen_cert,omitempty" json:"seen_cert,omitempty"`
}

// ExportRecord remembers one file setupwiz wrote, so repair can rewrite it and spot hand edits.
type ExportRecord struct {
	Target   string    `toml:"target" json:"target"` // thunderbird, thunderbird-autoconfig, mutt, fetchmail, mobileconfig
	Path     string    `toml:"path" json:"path"`
	Format   string    `toml:"format" json:"format"`     // user.js, prefs.js, managed-block, whole-file
	Checksum string    `toml:"checksum" json:"checksum"` // sha256 of what setupwiz wrote (the block, or the whole file)
	Secrets  string    `toml:"secrets" json:"secrets"`   // none, inline, command
	Written  time.Time `toml:"written" json:"written"`
}

// HistoryEntry is one line of what changed and when.
type HistoryEntry struct {
	When    time.Time `toml:"when" json:"when"`
	Summary string    `toml:"summary" json:"summary"`
}

// New returns a profile for email with setupwiz's defaults: full-address usernames,
// POP3S on 995 and submission with implicit TLS on 465, leave-on-server on.
func New(email, displayName string) Profile {
	_, domain, _ := SplitEmail(email)
	return Profile{
		Name:        DefaultName(email),
		Email:       strings.TrimSpace(email),
		DisplayName: displayName,
		Incoming:    Server{Host: domain, Port: 995, Security: SecurityTLS, Username: strings.TrimSpace(email)},
		Outgoing:    Server{Host: domain, Port: 465, Security: SecurityTLS, Username: strings.TrimSpace(email)},
		POP:         DefaultPOPOptions(),
		Secret:      SecretRef{Kind: SecretPrompt},
	}
}

// DefaultName derives a profile name from an address: lower case, safe as a file name.
func DefaultName(email string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(strings.TrimSpace(email)) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.', c == '-', c == '_', c == '@':
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// Validate returns FieldErrors listing every problem, or nil.
func (p Profile) Validate() error {
	var errs FieldErrors
	if p.Name == "" || p.Name != DefaultName(p.Name) || strings.HasPrefix(p.Name, ".") {
		errs.add("name", "must be non-empty and use only lower-case letters, digits, '.', '-', '_' and '@'")
	}
	if _, _, err := SplitEmail(p.Email); err != nil {
		errs.add("email", "is not a valid address")
	}
	if strings.ContainsAny(p.DisplayName, "\x00\r\n") {
		errs.add("display_name", "contains a line break or NUL")
	}
	p.Incoming.validate("incoming", &errs)
	p.Outgoing.validate("outgoing", &errs)
	if p.SignsInTwoWays() {
		errs.add("outgoing.auth", fmt.Sprintf("is %s while incoming.auth is %s: an account signs in one way, with a password or with one OAuth2 sign-in for both servers",
			p.Outgoing.Auth, p.Incoming.Auth))
	}
	p.POP.validate(&errs)
	p.Secret.validate(&errs)
	p.OAuth.validate(&errs)
	return errs.orNil()
}
