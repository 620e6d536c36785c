package ui

import (
	"slices"

	"github.com/setupwiz/setupwiz/internal/verify"
)

// verifyOptions builds one check of the current settings. tryVariants lets the
// verifier try the other username form by itself.
func (s *session) verifyOptions(tryVariants bool) verify.Options {
	return verify.Options{
		Email: s.prof.Email, Incoming: s.prof.Incoming, Outgoing: s.prof.Outgoing, Password: s.pass,
		Roots: s.cfg.Roots, PinSHA256: slices.Clone(s.prof.TLS.PinnedSHA256),
		AllowPlaintext: s.prof.TLS.AllowPlaintext, Timeout: s.cfg.Timeout, UsernameVariants: tryVariants,
	}
}

// acceptVerified keeps the servers exactly as verification used them (a
// corrected username included).
func (s *session) acceptVerified(res verify.Result) {
	if res.POP3 != nil && res.POP3.Server.Host != "" {
		s.prof.Incoming = res.POP3.Server
	}
	if res.SMTP != nil && res.SMTP.Server.Host != "" {
		s.prof.Outgoing = res.SMTP.Server
	}
	s.prof.Verified = s.cfg.now().UTC()
	if seen := res.CertFingerprints(); len(seen) > 0 {
		s.prof.TLS.SeenSHA256 = seen // a record for repair; trusts nothing
	}
	s.verified = true
}

// nextUntried moves each failed service to its next candidate without wrapping;
// it reports whether anything changed.
func (s *session) nextUntried(pop, smtp bool) bool {
	moved := false
	if pop && s.pop.hasNext() {
		s.pop.i++
		moved = true
	}
	if smtp && s.smtp.hasNext() {
		s.smtp.i++
		moved = true
	}
	s.applyChoices()
	return moved
}

// nextAny moves each failed service to its next candidate, wrapping around.
func (s *session) nextAny(pop, smtp bool) {
	if pop {
		s.pop.advance()
	}
	if smtp {
		s.smtp.advance()
	}
	s.applyChoices()
}

// switchUsernames flips the failed services between the full address and the local part.
func (s *session) switchUsernames(pop, smtp bool) {
	if pop {
		s.prof.Incoming.Username = otherUsername(s.prof.Incoming.Username, s.prof.Email)
	}
	if smtp {
		s.prof.Outgoing.Username = otherUsername(s.prof.Outgoing.Username, s.prof.Email)
	}
	s.userSetUsername = true
}

// pin trusts one certificate by its fingerprint, as the user asked.
func (s *session) pin(sha256 string) {
	if sha256 != "" && !slices.Contains(s.prof.TLS.PinnedSHA256, sha256) {
		s.prof.TLS.PinnedSHA256 = append(s.prof.TLS.PinnedSHA256, sha256)
	}
}

// failures returns the errors of the services that failed.
func (s *session) failures() []*verify.Error {
	var errs []*verify.Error
	for _, r := range []*verify.ServiceResult{s.result.POP3, s.result.SMTP} {
		if failed(r) && r.Error != nil {
			errs = append(errs, r.Error)
		}
	}
	return errs
}

func (s *session) failedKinds() map[verify.Kind]bool {
	kinds := map[verify.Kind]bool{}
	for _, e := range s.failures() {
		kinds[e.Kind] = true
	}
	return kinds
}

// failedCert is the untrusted certificate of the first failure that has one.
func (s *session) failedCert() *verify.CertInfo {
	for _, e := range s.failures() {
		if e.Kind == verify.KindTLSCertificate && e.Cert != nil && e.Cert.SHA256 != "" {
			return e.Cert
		}
	}
	return nil
}
