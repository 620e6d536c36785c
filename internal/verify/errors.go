package verify

import (
	"errors"
	"fmt"
	"time"
)

// Service names which side of the account a result or error belongs to.
type Service string

const (
	ServicePOP3 Service = "pop3"
	ServiceSMTP Service = "smtp"
)

// StepName is one stage of a check.
type StepName string

const (
	StepResolve  StepName = "resolve"
	StepConnect  StepName = "connect"
	StepTLS      StepName = "tls"      // implicit TLS handshake
	StepGreeting StepName = "greeting" // +OK / 220
	StepCapa     StepName = "capabilities"
	StepSTARTTLS StepName = "starttls" // STLS / STARTTLS and its handshake
	StepAuth     StepName = "login"
	StepMailbox  StepName = "mailbox" // STAT / UIDL
	StepSend     StepName = "send"    // --send-test
	StepQuit     StepName = "quit"
)

// Error is a classified verification failure. It wraps the underlying error,
// so errors.Is/As see through it (for example to *smtp.SMTPError or *x509.HostnameError).
type Error struct {
	Kind    Kind
	Service Service
	Step    StepName
	// ServerText is what the server said, redacted of any credential.
	ServerText string
	// Hint is one line a person can act on.
	Hint string
	// Cert describes the certificate for TLS certificate failures.
	Cert *CertInfo
	Err  error
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("%s %s: %s", e.Service, e.Step, e.Kind)
	if e.ServerText != "" {
		msg += fmt.Sprintf(": server said %q", e.ServerText)
	} else if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is(err, KindAuthFailed-sentinel) style checks work via KindError.
func (e *Error) Is(target error) bool {
	var k kindError
	if errors.As(target, &k) {
		return k.kind == e.Kind
	}
	return false
}

type kindError struct{ kind Kind }

func (k kindError) Error() string { return string(k.kind) }

// KindError returns a sentinel for errors.Is: errors.Is(err, verify.KindError(verify.KindAuthFailed)).
func KindError(k Kind) error { return kindError{k} }

// KindOf returns the Kind of err, or "" when err is not a *Error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

// CertInfo describes a server certificate, for display and pinning.
type CertInfo struct {
	Subject   string    `json:"subject"`
	Issuer    string    `json:"issuer"`
	DNSNames  []string  `json:"dns_names,omitempty"`
	IPs       []string  `json:"ips,omitempty"`
	NotBefore time.Time `json:"not_before"`
	NotAfter  time.Time `json:"not_after"`
	// SHA256 is the hex SHA-256 fingerprint of the leaf certificate's DER, colon-separated upper case.
	SHA256 string `json:"sha256"`
	// Problem is "unknown_authority", "expired", "not_yet_valid", "name_mismatch" or "" when trusted.
	Problem string `json:"problem,omitempty"`
	// Pinned is true when the certificate was accepted because its fingerprint was pinned.
	Pinned bool `json:"pinned,omitempty"`
	// DER is the certificate itself, for saving a pinned one where the mail
	// programs can trust it too.
	DER []byte `json:"-"`
}
