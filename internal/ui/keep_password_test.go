package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// fakeKeeper offers kinds and records what it was asked to keep; fail makes Keep fail.
type fakeKeeper struct {
	kinds []profile.SecretKind
	fail  error
	mu    sync.Mutex
	kept  []profile.SecretRef
	pw    string
}

func (k *fakeKeeper) Available() []profile.SecretKind { return k.kinds }

// Unavailable: every kind not offered is explained the way internal/secrets does.
func (k *fakeKeeper) Unavailable(kind profile.SecretKind) error {
	if slices.Contains(k.kinds, kind) {
		return nil
	}
	return fmt.Errorf("%s is not available: %w; choose instead: prompt", kind, errors.New("no Secret Service answered"))
}

func (k *fakeKeeper) Keep(ref profile.SecretRef, account string, s setup.Secret) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fail != nil {
		return k.fail
	}
	k.kept, k.pw = append(k.kept, ref), s.Password.Reveal()
	return nil
}

// toDone walks a verified wizard to the done screen with keeper.
func toDone(t *testing.T, keeper SecretKeeper, result func(verify.Options) verify.Result) *driver {
	t.Helper()
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{result}})
	cfg.Exporter, cfg.Secrets = &fakeExporter{}, keeper
	d := newDriver(t, cfg)
	d.toVerified()
	d.press("enter", "enter", "enter")
	d.at(stepDone)
	return d
}

func TestDoneKeepsThePasswordInTheChosenPlace(t *testing.T) {
	k := &fakeKeeper{kinds: []profile.SecretKind{profile.SecretKeyring, profile.SecretPass}}
	d := toDone(t, k, okResult)
	if v := d.view(); !strings.Contains(v, "‹ ask each time ›") || !strings.Contains(v, "Nothing is stored") {
		t.Fatalf("the default is not 'ask each time':\n%s", v)
	}
	d.press("space", "space")
	if v := d.view(); !strings.Contains(v, "‹ pass ›") || !strings.Contains(v, "setupwiz/jane@example.com") {
		t.Fatalf("after two spaces the choice is not pass:\n%s", v)
	}
	d.press("enter")
	want := profile.SecretRef{Kind: profile.SecretPass, Ref: "setupwiz/jane@example.com"}
	if !d.quit || d.w.s.out.Profile.Secret != want {
		t.Errorf("quit %v, secret %+v; want finished with %+v", d.quit, d.w.s.out.Profile.Secret, want)
	}
	if len(k.kept) != 1 || k.kept[0] != want || k.pw != "s3cret pass" {
		t.Errorf("keeper got %+v: want the verified password stored once at %+v", k.kept, want)
	}
}

func TestDoneSaysWhenStoringFailsAndKeepsAskEachTime(t *testing.T) {
	k := &fakeKeeper{kinds: []profile.SecretKind{profile.SecretKeyring}, fail: errors.New("the keyring is locked")}
	d := toDone(t, k, okResult)
	d.press("right", "enter")
	v := d.view()
	if d.quit || !strings.Contains(v, "the keyring is locked") || !strings.Contains(v, "NOT stored") || !strings.Contains(v, "‹ ask each time ›") {
		t.Fatalf("quit %v; the failure is not said, or the choice did not go back:\n%s", d.quit, v)
	}
	if d.w.s.out.Profile.Secret.Kind != profile.SecretPrompt {
		t.Errorf("secret %+v after a failed store, want prompt", d.w.s.out.Profile.Secret)
	}
	d.press("enter")
	if !d.quit || d.w.s.out.Profile.Secret.Kind != profile.SecretPrompt {
		t.Errorf("quit %v secret %+v: enter after the failure finishes with prompt", d.quit, d.w.s.out.Profile.Secret)
	}
}

func TestDoneOffersNoPlaceWithoutAVerifiedPassword(t *testing.T) {
	k := &fakeKeeper{kinds: []profile.SecretKind{profile.SecretKeyring}}
	d := toDone(t, k, okResult)
	d.w.s.verified = false // as after editing a server on the way back
	d.press("esc", "enter")
	d.at(stepDone)
	if v := d.view(); strings.Contains(v, "Remember the password") {
		t.Errorf("an unverified password is offered for keeping:\n%s", v)
	}
	d.press("space", "enter")
	if !d.quit || len(k.kept) != 0 || d.w.s.out.Profile.Secret.Kind != profile.SecretPrompt {
		t.Errorf("quit %v kept %+v secret %+v", d.quit, k.kept, d.w.s.out.Profile.Secret)
	}
}

func TestKeepChoicesOfferTheCommandOnlyWhenTheFilesUseOne(t *testing.T) {
	s := newSession(Config{Secrets: &fakeKeeper{kinds: []profile.SecretKind{profile.SecretCommand}}, Password: profile.NewPassword("pw")})
	s.verified = true
	if got := len(s.keepChoices()); got != 1 {
		t.Errorf("%d choices without a password command, want only 'ask each time'", got)
	}
	s.command = "pass show mail/jane"
	if c := s.keepChoices(); len(c) != 2 || c[1].ref != (profile.SecretRef{Kind: profile.SecretCommand, Ref: "pass show mail/jane"}) {
		t.Errorf("choices %+v: want the files' command offered", c)
	}
}

func TestLinesAskWhereToKeepThePassword(t *testing.T) {
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}})
	k := &fakeKeeper{kinds: []profile.SecretKind{profile.SecretKeyring}}
	cfg.Exporter, cfg.Password, cfg.Secrets = &fakeExporter{}, profile.NewPassword("pw"), k
	out, text, err := runLines(t, cfg, "jane@example.com", "Jane Doe", "", "y", "", "", "", "", "mutt", "", "y", "vault", "keyring")
	if err != nil {
		t.Fatalf("RunLines: %v\n%s", err, text)
	}
	for _, want := range []string{"Remember the password for repair: ask, keyring [ask]: vault", "Please type one of ask, keyring.",
		"keyring: Your desktop's keyring", "Stored the password in system keyring"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q\n%s", want, text)
		}
	}
	if out.Profile.Secret.Kind != profile.SecretKeyring || len(k.kept) != 1 || k.pw != "pw" {
		t.Errorf("secret %+v kept %+v", out.Profile.Secret, k.kept)
	}
	if strings.Contains(text, ": pw\n") {
		t.Error("the password was echoed")
	}
}

func TestLinesKeepFailureFallsBackToAsk(t *testing.T) {
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}})
	k := &fakeKeeper{kinds: []profile.SecretKind{profile.SecretKeyring}, fail: errors.New("no D-Bus session")}
	cfg.Exporter, cfg.Password, cfg.Secrets = &fakeExporter{}, profile.NewPassword("pw"), k
	out, text, err := runLines(t, cfg, "jane@example.com", "Jane Doe", "", "y", "", "", "", "", "mutt", "", "y", "keyring")
	if err != nil {
		t.Fatalf("RunLines: %v\n%s", err, text)
	}
	if !strings.Contains(text, "no D-Bus session") || !strings.Contains(text, "NOT stored") || !strings.Contains(text, "No answer") {
		t.Errorf("the failure or the fallback is not said:\n%s", text)
	}
	if out.Profile.Secret.Kind != profile.SecretPrompt {
		t.Errorf("secret %+v after a failed store, want prompt", out.Profile.Secret)
	}
}

func TestDoneSaysWhyTheKeyringIsNotOffered(t *testing.T) {
	d := toDone(t, &fakeKeeper{kinds: []profile.SecretKind{profile.SecretPass}}, okResult)
	v := d.view()
	if !strings.Contains(v, "The system keyring is not offered: no Secret Service answered.") || strings.Contains(v, "choose instead") {
		t.Errorf("the missing keyring is not explained (or with command-line syntax):\n%s", v)
	}
	d2 := toDone(t, &fakeKeeper{}, okResult) // nothing but "ask each time" works: still say why
	if v := d2.view(); !strings.Contains(v, "not offered") || !strings.Contains(v, "‹ ask each time ›") {
		t.Errorf("with only 'ask each time' the keyring's absence is not said:\n%s", v)
	}
}

func TestLinesSayWhyTheKeyringIsNotOffered(t *testing.T) {
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}})
	cfg.Exporter, cfg.Password, cfg.Secrets = &fakeExporter{}, profile.NewPassword("pw"), &fakeKeeper{kinds: []profile.SecretKind{profile.SecretPass}}
	out, text, err := runLines(t, cfg, "jane@example.com", "Jane Doe", "", "y", "", "", "", "", "mutt", "", "y", "")
	if err != nil || !strings.Contains(text, "The system keyring is not offered: no Secret Service answered.") || !strings.Contains(text, "ask, pass [ask]") {
		t.Errorf("err %v; the keyring's absence or the choices are not said:\n%s", err, text)
	}
	if out.Profile.Secret.Kind != profile.SecretPrompt {
		t.Errorf("secret %+v for the default answer, want prompt", out.Profile.Secret)
	}
}
