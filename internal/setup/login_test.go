package setup_test

import (
	"context"
	"crypto/x509"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// account is a profile for user on the shared Dovecot (implicit TLS on
// both sides), trusting the harness's CA through the profile's CA file,
// with the username set to login.
func account(srv *mailtest.Server, user mailtest.User, login string) profile.Profile {
	p := profile.New(user.Email, "")
	p.Incoming = profile.Server{Host: srv.Host, Port: srv.POP3S, Security: profile.SecurityTLS, Username: login}
	p.Outgoing = profile.Server{Host: srv.Host, Port: srv.Submissions, Security: profile.SecurityTLS, Username: login}
	p.TLS.CAFile = srv.CAFile
	return p
}

// TestUsernameFormDerived: erin logs in as "erin", not as her address. When
// setupwiz derived the address as the username, the other form is tried
// and adopted.
func TestUsernameFormDerived(t *testing.T) {
	srv := mailtest.Shared(t)
	erin := srv.User("erin")
	var f setup.Flow
	l := setup.Login{Profile: account(srv, erin, erin.Email), Secret: setup.PasswordSecret(profile.NewPassword(erin.Password))}
	r, err := f.Verify(context.Background(), l)
	if err != nil || !r.OK() {
		t.Fatalf("the other username form was not tried: %v %+v", err, r.POP3.Error)
	}
	p := setup.Adopt(l.Profile, r, time.Now())
	if p.Incoming.Username != "erin" || p.Outgoing.Username != "erin" || p.Verified.IsZero() {
		t.Errorf("adopted %q/%q verified %v, want erin/erin and a time", p.Incoming.Username, p.Outgoing.Username, p.Verified)
	}
	if len(setup.Corrected(r)) != 2 {
		t.Errorf("corrected: %d services, want both", len(setup.Corrected(r)))
	}
}

// TestUsernameGiven: a username the user gave is tried as given, only.
func TestUsernameGiven(t *testing.T) {
	srv := mailtest.Shared(t)
	erin := srv.User("erin")
	var f setup.Flow
	l := setup.Login{Profile: account(srv, erin, erin.Email), Secret: setup.PasswordSecret(profile.NewPassword(erin.Password)),
		UsernameGiven: true}
	r, err := f.Verify(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*verify.ServiceResult{r.POP3, r.SMTP} {
		if s.OK || s.Error == nil || s.Error.Kind != verify.KindAuthFailed || len(s.UsernameTried) != 1 {
			t.Errorf("%s: ok=%v tried %q error %v, want auth_failed after one try", s.Service, s.OK, s.UsernameTried, s.Error)
		}
	}
	if p := setup.Adopt(l.Profile, r, time.Now()); !p.Verified.IsZero() || p.Incoming.Username != erin.Email {
		t.Errorf("a failed check was adopted: %+v", p)
	}
}

// TestCAFileOfTheProfile: the profile's CA file is trusted on top of the
// flow's roots; without it the same server's certificate is not.
func TestCAFileOfTheProfile(t *testing.T) {
	srv := mailtest.Shared(t)
	alice := srv.User("alice")
	f := setup.Flow{Roots: x509.NewCertPool()} // trusts nothing by itself
	l := setup.Login{Profile: account(srv, alice, alice.Email), Secret: setup.PasswordSecret(profile.NewPassword(alice.Password))}
	if r, err := f.Verify(context.Background(), l); err != nil || !r.OK() {
		t.Fatalf("with the CA file: %v %+v", err, r)
	}
	l.Profile.TLS.CAFile = ""
	r, err := f.Verify(context.Background(), l)
	if err != nil || r.POP3.OK || r.POP3.Error.Kind != verify.KindTLSCertificate {
		t.Fatalf("without the CA file: %v %+v", err, r.POP3)
	}
	l.Profile.TLS.CAFile = srv.Dir + "/missing.pem"
	if _, err := f.Verify(context.Background(), l); err == nil {
		t.Fatal("a missing CA file started a check")
	}
}
