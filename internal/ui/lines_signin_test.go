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
