package verify

import (
	"slices"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Result is the outcome of a full check: both services and the optional test message.
type Result struct {
	POP3     *ServiceResult  `json:"pop3,omitempty"`
	SMTP     *ServiceResult  `json:"smtp,omitempty"`
	SendTest *SendTestResult `json:"send_test,omitempty"`
	Duration time.Duration   `json:"duration_ns"`
}

// OK reports whether every service that was checked succeeded (and the send test, if run).
func (r Result) OK() bool {
	for _, s := range []*ServiceResult{r.POP3, r.SMTP} {
		if s != nil && !s.OK {
			return false
		}
	}
	return r.SendTest == nil || r.SendTest.OK
}

// CertFingerprints lists, without repeats, the SHA-256 fingerprints of the
// certificates of the services that passed.
func (r Result) CertFingerprints() []string {
	var fps []string
	for _, s := range []*ServiceResult{r.POP3, r.SMTP} {
		if s == nil || !s.OK || s.TLS == nil || s.TLS.Cert.SHA256 == "" || slices.Contains(fps, s.TLS.Cert.SHA256) {
			continue
		}
		fps = append(fps, s.TLS.Cert.SHA256)
	}
	return fps
}

// ServiceResult is what one service's check saw.
type ServiceResult struct {
	Service  Service        `json:"service"`
	Server   profile.Server `json:"server"` // as finally used (username may be the corrected variant)
	OK       bool           `json:"ok"`
	Steps    []Step         `json:"steps"`
	TLS      *TLSInfo       `json:"tls,omitempty"`
	Greeting string         `json:"greeting,omitempty"`
	Caps     []string       `json:"capabilities,omitempty"`
	AuthMech string         `json:"auth_mechanism,omitempty"` // e.g. "PLAIN", "USER", "APOP"
	// UsernameTried lists usernames tried in order; the last is the one that worked when OK.
	UsernameTried []string `json:"usernames_tried,omitempty"`
	// UsernameCorrected is true when the configured username failed and a variant worked.
	UsernameCorrected bool          `json:"username_corrected,omitempty"`
	Mailbox           *MailboxStats `json:"mailbox,omitempty"`
	// DetectedSecurity is what the port turned out to speak when it failed
	// because the configured security was wrong ("tls", "starttls", "none").
	DetectedSecurity string `json:"detected_security,omitempty"`
	Error            *Error `json:"-"`
	// Transcript is the redacted protocol exchange, present when Options.Transcript is set.
	Transcript []TranscriptLine `json:"transcript,omitempty"`
	Duration   time.Duration    `json:"duration_ns"`
}

// Step is one completed (or failed) stage with its duration.
type Step struct {
	Name     StepName      `json:"name"`
	OK       bool          `json:"ok"`
	Detail   string        `json:"detail,omitempty"`
	Duration time.Duration `json:"duration_ns"`
}

// TLSInfo is what the TLS handshake negotiated.
type TLSInfo struct {
	Version     string   `json:"version"` // "TLS 1.3"
	CipherSuite string   `json:"cipher_suite"`
	ServerName  string   `json:"server_name"`
	Cert        CertInfo `json:"certificate"`
}

// MailboxStats is what STAT (and UIDL) reported.
type MailboxStats struct {
	Messages int   `json:"messages"`
	Octets   int64 `json:"octets"`
	UIDL     bool  `json:"uidl"` // UIDL works: "leave on server" clients can track messages
}

// SendTestResult is the outcome of --send-test.
type SendTestResult struct {
	OK        bool          `json:"ok"`
	MessageID string        `json:"message_id"`
	Arrived   bool          `json:"arrived"` // seen by POP3 (UIDL diff)
	Waited    time.Duration `json:"waited_ns"`
	Error     *Error        `json:"-"`
}

// TranscriptLine is one line of the conversation. Credentials and AUTH payloads are replaced.
type TranscriptLine struct {
	At   time.Duration `json:"at_ns"` // since the start of this service's check
	Dir  string        `json:"dir"`   // "C" client, "S" server, "*" event (TLS started)
	Text string        `json:"text"`
}
