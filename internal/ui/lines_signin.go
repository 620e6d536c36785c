package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
)

// errNoSignIn: the servers want OAuth2 but this wizard cannot sign in.
var errNoSignIn = errors.New("these servers sign in with OAuth2, and setupwiz was started without a way to sign in")

// credentialFirst gets what the next check lacks: a password, when the
// servers now take one and none is at hand, or the OAuth2 sign-in.
func (l *liner) credentialFirst() error {
	l.tellCredential()
	switch l.s.missing() {
	case needPassword:
		return l.obtainPassword()
	case needSignIn:
		return l.signIn()
	case needOneLogin:
		l.say("%s", loginFailureWords(errMixedLogin))
		l.s.blockCheck()
		return errCheckBlocked
	}
	return nil
}

// tellCredential says how the servers chosen now want the user to sign
// in, when that is news: after discovery, and when a change of servers
// moved between a password and OAuth2.
func (l *liner) tellCredential() {
	pw := l.s.asksPassword()
	if l.toldPassword != nil && *l.toldPassword == pw {
		return
	}
	if l.toldPassword != nil && pw {
		l.say("These servers take a password, not an OAuth2 sign-in.")
	}
	for _, n := range l.s.noPasswordNote() {
		l.say("%s", n)
	}
	l.toldPassword = &pw
}

// errCheckBlocked: the check could not start (the sign-in did not work, or
// the servers sign in in two ways), which was said; the failure's choices
// follow (try again, edit the servers…), as on the wizard's screen.
var errCheckBlocked = errors.New("the check could not start")

// signIn runs the OAuth2 sign-in.
func (l *liner) signIn() error {
	s := l.s
	in, err := l.runSignIn()
	if err == nil {
		s.signedIn = &in
		return nil
	}
	if l.ctx.Err() != nil {
		return l.ctx.Err()
	}
	l.say("%s", loginFailureWords(err))
	s.blockCheck()
	return errCheckBlocked
}

// runSignIn signs in with the servers' provider, printing what to do.
func (l *liner) runSignIn() (setup.SignedIn, error) {
	s := l.s
	if s.cfg.SignIn == nil {
		return setup.SignedIn{}, errNoSignIn
	}
	prov, ok := s.cfg.SignIn.OAuthProvider(s.prof)
	if !ok {
		return setup.SignedIn{}, setup.ErrNoOAuthProvider
	}
	l.say("Signing in with %s.", prov.Name)
	in, err := s.cfg.SignIn.SignIn(l.ctx, s.prof, s.useDevice(), func(p oauth.Prompt) {
		for _, line := range promptLines(prov.Name, p, s.cfg.now()) {
			l.say("%s", line)
		}
		l.say("Waiting for the sign-in to finish (ctrl+c stops).")
	})
	if err == nil {
		l.say("Signed in with %s.", prov.Name)
	}
	return in, err
}

// keepSignIn stores the verified sign-in where setupwiz token and repair
// find it: the keyring or pass, asked when both work. Without either the
// mail programs could not renew it, so nothing is written.
func (l *liner) keepSignIn() error {
	s := l.s
	if s.signedIn == nil || !s.needsSignIn() {
		return nil
	}
	places := s.cfg.SignIn.SignInPlaces()
	if len(places) == 0 {
		return errors.New("there is nowhere to keep the sign-in on this machine (no Secret Service keyring and no pass store): " +
			"mail programs could not renew it. Set up pass (pass init YOUR-GPG-KEY) and run setupwiz again; nothing was written")
	}
	kind := places[0]
	if len(places) > 1 {
		var words []string
		for _, k := range places {
			words = append(words, string(k))
		}
		v, err := l.askUntil("Keep the sign-in (so mail programs stay signed in) in: "+strings.Join(words, ", "), string(kind), func(v string) string {
			if !containsKind(places, profile.SecretKind(v)) {
				return "Please type one of " + strings.Join(words, ", ") + "."
			}
			return ""
		})
		if err != nil {
			return err
		}
		kind = profile.SecretKind(v)
	}
	p, err := s.cfg.SignIn.KeepSignIn(s.prof, *s.signedIn, kind)
	if err != nil {
		return fmt.Errorf("keeping the sign-in in %s: %w; nothing was written", kind, err)
	}
	s.prof = p
	l.say("Kept the sign-in in %s; mail programs get fresh access from setupwiz token %s.", kind, p.Name)
	return nil
}

func containsKind(ks []profile.SecretKind, k profile.SecretKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// offeredTargets are the export targets that can serve the account; for an
// OAuth2 account the others are named with the reason, once.
func (l *liner) offeredTargets() []string {
	why := l.s.cannotExport()
	var out []string
	for _, t := range allTargets {
		if why[t] != "" {
			l.say("Not offered: %s: %s.", targetNames[t], why[t])
			continue
		}
		out = append(out, t)
	}
	return out
}
