package repair

import (
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// Cause is why a service stopped working. The list is closed.
type Cause string

const (
	CausePasswordChanged    Cause = "password_changed"    // the server rejects the password
	CauseUsernameForm       Cause = "username_form"       // the other username form works
	CauseServerMoved        Cause = "server_moved"        // discovery names another server, and it works
	CausePortBlocked        Cause = "port_blocked"        // this port fails, another port/security on the same host works
	CauseCertificateChanged Cause = "certificate_changed" // the server shows a certificate the profile does not trust
	CauseProviderPolicy     Cause = "provider_policy"     // app password or OAuth2 now required
	CauseSignInAgain        Cause = "sign_in_again"       // the OAuth2 sign-in expired or was revoked: not a password matter
	CauseServerDown         Cause = "server_down"         // nothing answers anywhere: temporary, change nothing
	CauseUnknown            Cause = "unknown"             // a failure repair cannot fix (protocol, mailbox)
)

// Finding is the diagnosis of one service.
type Finding struct {
	Service verify.Service `json:"service"`
	Cause   Cause          `json:"cause"`
	// Kind is what verification reported for the saved settings ("" when a
	// login worked only after a correction).
	Kind verify.Kind `json:"kind,omitempty"`
	// Detail says in plain words what was seen and what repair will do.
	Detail string `json:"detail"`
	// Was and Fix are the saved server and the one that works now (username_form, server_moved, port_blocked).
	Was profile.Server  `json:"was"`
	Fix *profile.Server `json:"fix,omitempty"`
	// OldSHA256 are the fingerprints the profile knew; NewSHA256 the one the server shows now.
	OldSHA256 []string `json:"old_sha256,omitempty"`
	NewSHA256 string   `json:"new_sha256,omitempty"`
	// OldCert and NewCert describe both certificates, to show side by side
	// (OldCert is nil when the profile recorded none).
	OldCert *verify.CertInfo `json:"old_certificate,omitempty"`
	NewCert *verify.CertInfo `json:"new_certificate,omitempty"`
	// Temporary means: retry later, change nothing.
	Temporary bool `json:"temporary,omitempty"`
	// NeedsUser means only the user can fix it (a new password, accepting a certificate, an app password).
	NeedsUser bool `json:"needs_user,omitempty"`
	// ServerSaid is the server's own (redacted) words, when it said something.
	ServerSaid string `json:"server_said,omitempty"`
}

// Diagnosis is what repair found for one profile.
type Diagnosis struct {
	Profile  string    `json:"profile"`
	OK       bool      `json:"ok"` // both services work with the saved settings
	Findings []Finding `json:"findings"`
	// Exports is the state of every file written before (hand edits, missing files).
	Exports []ExportState `json:"exports"`
	// Canceled is set when the context ended before the diagnosis finished.
	Canceled bool `json:"canceled,omitempty"`
	// Checked is the verification of the saved settings (for RecordVerified
	// when they work).
	Checked verify.Result `json:"-"`
}

// Broken reports whether anything needs fixing: a service, or a file that
// holds an old password (a hand-edited export alone does not count).
func (d Diagnosis) Broken() bool { return !d.OK || anyStatus(d.Exports, ExportStalePassword) }

// Temporary reports whether every finding is temporary: change nothing, retry later.
func (d Diagnosis) Temporary() bool {
	for _, f := range d.Findings {
		if !f.Temporary {
			return false
		}
	}
	return len(d.Findings) > 0
}
