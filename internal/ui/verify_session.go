package ui

import (
	"context"
	"slices"

	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// login is one check of the current settings, as the user set them up: a
// username they chose is tried as given, one derived from the address in
// both forms.
func (s *session) login(progress func(verify.Event)) setup.Login {
	return setup.Login{Profile: s.prof, Secret: s.secret(), UsernameGiven: s.userSetUsername, Progress: progress}
}

// runCheck logs in with the verifier; a check that could not start is told
// as a failed result, so both faces show it like any other failure.
func (s *session) runCheck(ctx context.Context, progress func(verify.Event)) verify.Result {
	r, err := s.cfg.Verifier.Verify(ctx, s.login(progress))
	if err != nil {
		return notStarted(err)
	}
	return r
}

// notStarted is the result of a check that could not start.
func notStarted(err error) verify.Result {
	e := &verify.Error{Kind: verify.KindTLSCertificate, Service: verify.ServicePOP3, Step: verify.StepResolve, Err: err,
		Hint: err.Error() + "; start setupwiz again with a readable --ca-file"}
	return verify.Result{POP3: &verify.ServiceResult{Service: verify.ServicePOP3, Error: e}}
}

// acceptVerified takes what the check found (the username form that
// worked, the time, the certificates seen).
func (s *session) acceptVerified(res verify.Result) {
	s.prof = setup.Adopt(s.prof, res, s.cfg.now())
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

// beginCheck forgets the outcome of what ran before a new check.
func (s *session) beginCheck() {
	s.verified, s.result, s.checkBlocked = false, verify.Result{}, false
}

// blockCheck records that the check could not start: the choices that
// follow are about that, not about a check before it.
func (s *session) blockCheck() {
	s.checkBlocked, s.result = true, verify.Result{}
}

// failedServices are the services the failure's choices (the other
// username, the next candidate) act on: those whose check failed, or when
// the check could not start, those that sign in with OAuth2.
func (s *session) failedServices() (pop, smtp bool) {
	if !s.checkBlocked {
		return failed(s.result.POP3), failed(s.result.SMTP)
	}
	pop, smtp = s.prof.Incoming.Auth.IsOAuth(), s.prof.Outgoing.Auth.IsOAuth()
	if !pop && !smtp { // a recorded sign-in with methods left to the server
		return true, true
	}
	return pop, smtp
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
