package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
)

// TestLinesSignInThatCannotRunOffersTheChoices: when the servers want
// OAuth2 and this run cannot sign in, line mode says why and offers what the
// wizard's screen offers (try again, edit, the next candidate) instead of
// ending; the next candidate takes a password, which is then asked for.
func TestLinesSignInThatCannotRunOffersTheChoices(t *testing.T) {
	v := okVerifier()
	cfg, _ := oauthConfig(v)
	cfg.SignIn = nil
	cfg.ReadPassword = func() (profile.Password, error) { return profile.NewPassword("from-tty"), nil }
	_, text, err := runLines(t, cfg, "jane@example.com", "", "y", "3", "", "", "", "", "none")
	if err != nil {
		t.Fatalf("RunLines: %v\n%s", err, text)
	}
	for _, want := range []string{"The sign-in did not work: " + errNoSignIn.Error(),
		"What now? 1) retry, 2) edit, 3) next candidate", "Password (nothing is shown", "Both servers accepted the login."} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if len(v.calls) != 1 || v.calls[0].Password.Reveal() != "from-tty" || v.calls[0].Incoming.Auth.IsOAuth() || v.calls[0].Outgoing.Auth.IsOAuth() {
		t.Errorf("checks: %+v", v.calls)
	}
	if t.Failed() {
		t.Log(text)
	}
}

// TestLinesSignInFailureCanBeRetried: a sign-in the provider refused is
// tried again with the retry choice, and the check follows.
func TestLinesSignInFailureCanBeRetried(t *testing.T) {
	v := okVerifier()
	cfg, _ := oauthConfig(v)
	si := &flakySignIn{fails: 1}
	cfg.SignIn = si
	_, text, err := runLines(t, cfg, "jane@example.com", "", "y", "1", "", "", "", "", "none")
	if err != nil {
		t.Fatalf("RunLines: %v\n%s", err, text)
	}
	if !strings.Contains(text, "The sign-in did not work: access_denied.") || !strings.Contains(text, "Signed in with Example ID.") ||
		si.count() != 2 || len(v.calls) != 1 {
		t.Fatalf("sign-ins %d, checks %d:\n%s", si.count(), len(v.calls), text)
	}
}

// flakySignIn refuses the first sign-ins, then signs in.
type flakySignIn struct {
	fakeSignIn
	fails int
}

func (f *flakySignIn) SignIn(ctx context.Context, p profile.Profile, device bool, show func(oauth.Prompt)) (setup.SignedIn, error) {
	in, err := f.fakeSignIn.SignIn(ctx, p, device, show)
	if f.count() <= f.fails {
		return setup.SignedIn{}, errors.New("access_denied")
	}
	return in, err
}

// TestWizardSignInThatCannotRunOffersTheNextCandidate: on the wizard's
// screen the same choice (n) moves the servers that sign in with OAuth2 to
// the next candidate, which takes a password: the password screen follows,
// then the check.
func TestWizardSignInThatCannotRunOffersTheNextCandidate(t *testing.T) {
	v := okVerifier()
	cfg, _ := oauthConfig(v)
	cfg.SignIn = nil
	d := newDriver(t, cfg)
	toDiscovery(d)
	d.press("enter")
	d.at(stepVerify)
	if view := d.view(); !strings.Contains(joinedText(view), "The sign-in did not work") || !strings.Contains(view, "n next candidate") {
		t.Fatalf("the failed sign-in:\n%s", view)
	}
	d.press("n")
	d.at(stepPassword)
	d.typeText("pw")
	d.press("enter")
	d.at(stepVerify)
	if !d.w.s.verified || len(v.calls) != 1 || v.calls[0].Incoming.Auth.IsOAuth() || v.calls[0].Outgoing.Auth.IsOAuth() {
		t.Fatalf("verified %v, checks %+v:\n%s", d.w.s.verified, v.calls, d.view())
	}
}

// TestServersThatSignInTwoWaysAreNotChecked: POP3 on OAuth2 with SMTP on a
// password (the next SMTP candidate) is refused before any check, in both
// faces with the same words, and the choices to fix it follow.
func TestServersThatSignInTwoWaysAreNotChecked(t *testing.T) {
	v := okVerifier()
	cfg, si := oauthConfig(v)
	d := newDriver(t, cfg)
	toDiscovery(d)
	d.press("s", "enter")
	d.at(stepVerify)
	want := loginFailureWords(errMixedLogin)
	if view := joinedText(d.view()); !strings.Contains(view, want) || !strings.Contains(view, "e edit") {
		t.Errorf("the wizard:\n%s", d.view())
	}
	d.press("e")
	d.at(stepDiscover)
	if len(v.calls) != 0 || si.count() != 0 {
		t.Fatalf("checks %d, sign-ins %d before the servers agree", len(v.calls), si.count())
	}

	cfg, si = oauthConfig(v)
	_, text, err := runLines(t, cfg, "jane@example.com", "", "s", "y", "5")
	if !errors.Is(err, ErrAborted) || !strings.Contains(text, want) || len(v.calls) != 0 || si.count() != 0 {
		t.Fatalf("line mode: %v, checks %d, sign-ins %d:\n%s", err, len(v.calls), si.count(), text)
	}
}

// TestEditFormRefusesTwoKindsOfLogin: the SMTP login field takes only the
// POP3 login's kind; the wizard's form (on saving) and line mode (asking
// through the same check) refuse the other.
func TestEditFormRefusesTwoKindsOfLogin(t *testing.T) {
	srv := profile.Server{Host: "mail.example.com", Port: 995, Security: profile.SecurityTLS, Username: "jane"}
	f := newServerForm(srv, srv, true)
	f.form.fields[serverFields-1].in.SetValue(loginOAuth)
	if _, _, ok := f.servers(); ok {
		t.Fatal("the form saved POP3 on oauth2 with SMTP on a password")
	}
	smtp := f.form.fields[2*serverFields-1]
	if !strings.Contains(smtp.err, "Use oauth2 as for POP3") || smtp.check(loginOAuth) != "" {
		t.Fatalf("SMTP login problem %q; oauth2 gives %q", smtp.err, smtp.check(loginOAuth))
	}
	smtp.in.SetValue(loginOAuth)
	if in, out, ok := f.servers(); !ok || !in.Auth.IsOAuth() || !out.Auth.IsOAuth() {
		t.Fatalf("both on oauth2: %v %v %v", in.Auth, out.Auth, ok)
	}
}
