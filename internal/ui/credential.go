package ui

import (
	"errors"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/termtext"
)

// The wizard asks how the user proves who they are only once the servers
// are chosen: the password screen then names where the password goes, and
// servers that sign in with OAuth2 need no password at all. Both faces take
// that decision here, from the servers in use now, so it changes with them
// (p/s, e, the next candidate after a failure).

// asksPassword reports whether the servers chosen now log in with a
// password; false means with an OAuth2 sign-in instead.
func (s *session) asksPassword() bool { return !s.needsSignIn() }

// path is the steps this account walks, in order: all of them, but the
// password when the servers sign in with OAuth2. Both faces number their
// steps on it ("step 3 of 6"), so a step left out leaves no gap.
func (s *session) path() []stepID {
	var out []stepID
	for id := stepAccount; id < stepCount; id++ {
		if id != stepPassword || s.asksPassword() {
			out = append(out, id)
		}
	}
	return out
}

// stepNumber is where id is on the path, counted from 1, and the path's
// length. A step off the path takes the number of the step after it.
func (s *session) stepNumber(id stepID) (n, of int) {
	path := s.path()
	for i, p := range path {
		if p >= id {
			return i + 1, len(path)
		}
	}
	return len(path), len(path)
}

// following is the step after id on the path (stepDone stays), and
// preceding the one before it (stepAccount stays).
func (s *session) following(id stepID) stepID {
	for _, p := range s.path() {
		if p > id {
			return p
		}
	}
	return stepDone
}

func (s *session) preceding(id stepID) stepID {
	prev := stepAccount
	for _, p := range s.path() {
		if p >= id {
			break
		}
		prev = p
	}
	return prev
}

// need is what a check still lacks before it can log in.
type need int

const (
	needNothing  need = iota
	needPassword      // the servers take a password and there is none yet
	needSignIn        // the servers take OAuth2 and nobody signed in yet (for them)
	needOneLogin      // one server takes OAuth2 and the other a password
)

// missing says what the next check lacks.
func (s *session) missing() need {
	switch {
	case s.prof.SignsInTwoWays():
		return needOneLogin
	case s.needsSignIn() && !s.signedInHere():
		return needSignIn
	case !s.needsSignIn() && s.pass.IsEmpty():
		return needPassword
	}
	return needNothing
}

// errMixedLogin: the servers chosen sign in in two ways. An account keeps
// one (a password, or one OAuth2 sign-in both servers take): the exports,
// the saved profile and repair rely on it.
var errMixedLogin = errors.New("POP3 and SMTP sign in differently here, one with OAuth2 and one with a password; " +
	"setupwiz keeps one way to sign in per account: choose servers that both take OAuth2, or both a password")

// loginFailureWords says why the check could not start: the sign-in did not
// work, or the servers sign in in two ways.
func loginFailureWords(err error) string {
	if errors.Is(err, errMixedLogin) {
		return termtext.Line(err.Error()) + "."
	}
	return "The sign-in did not work: " + termtext.Line(err.Error()) + "."
}

// signedInHere reports whether the sign-in at hand is for the provider of
// the servers in use now (editing the servers can move to another one).
func (s *session) signedInHere() bool {
	if s.signedIn == nil || s.cfg.SignIn == nil {
		return false
	}
	prov, ok := s.cfg.SignIn.OAuthProvider(s.prof)
	return ok && prov.ID == s.signedIn.OAuth.Provider.ID
}

// signInProvider names who the servers sign in with ("" when setupwiz
// knows no provider for them; the sign-in then says why it cannot start).
func (s *session) signInProvider() string {
	if s.cfg.SignIn == nil {
		return ""
	}
	if p, ok := s.cfg.SignIn.OAuthProvider(s.prof); ok {
		return termtext.Line(p.Name)
	}
	return ""
}

// noPasswordNote says, for servers that sign in with OAuth2, that there is
// no password step and what comes instead, and that a password given on
// the command line is not used. Both faces say it once, with the servers.
func (s *session) noPasswordNote() []string {
	if s.asksPassword() {
		return nil
	}
	who := "These servers sign in with OAuth2"
	if p := s.signInProvider(); p != "" {
		who = "These servers sign in with " + p + " (OAuth2)"
	}
	out := []string{who + ", not with a password: one step less, you sign in at the next step."}
	if !s.cfg.Password.IsEmpty() {
		out = append(out, "The password you gave is not used.")
	}
	return out
}

// addressWantsOAuth warns when the address belongs to a provider that
// takes nothing but OAuth2 while the servers chosen take a password: they
// are probably not the provider's.
func (s *session) addressWantsOAuth() string {
	if s.cfg.SignIn == nil || !s.asksPassword() {
		return ""
	}
	p, ok := s.cfg.SignIn.SignInByAddress(s.prof.Email)
	if !ok {
		return ""
	}
	return "Addresses like " + termtext.Line(s.prof.Email) + " sign in with " + termtext.Line(p.Name) +
		" (OAuth2), never with a password, but these servers take one: check them (go back to the servers)."
}

// passwordGoes says where the password will be sent and how: "It is sent
// to pop.example.com (POP3) and smtp.example.com (SMTP), encrypted (TLS)."
// warn is set when it would cross the network unencrypted.
func (s *session) passwordGoes() (text string, warn bool) {
	in, out := s.prof.Incoming, s.prof.Outgoing
	where := termtext.Line(in.Host) + " (POP3) and " + termtext.Line(out.Host) + " (SMTP)"
	if strings.EqualFold(in.Host, out.Host) {
		where = termtext.Line(in.Host) + " (POP3 and SMTP)"
	}
	var plain []string
	for _, sv := range []struct {
		name string
		srv  profile.Server
	}{{"POP3", in}, {"SMTP", out}} {
		if sv.srv.Security == profile.SecurityNone {
			plain = append(plain, sv.name)
		}
	}
	has := " has"
	if len(plain) == 2 {
		has = " have"
	}
	switch {
	case len(plain) == 0:
		return "It is sent to " + where + ", encrypted (" + securityPair(in.Security, out.Security) + ").", false
	case s.prof.TLS.AllowPlaintext:
		return "It is sent to " + where + ". Warning: " + strings.Join(plain, " and ") + has +
			" no encryption and you allowed that: anyone on the way can read the password.", true
	}
	return "It would go to " + where + ", but " + strings.Join(plain, " and ") + has +
		" no encryption: setupwiz sends no password there unless you allow an unencrypted login (offered if the check fails, or --allow-plaintext).", true
}

// securityPair is "TLS", or "TLS for POP3, STARTTLS for SMTP".
func securityPair(in, out profile.Security) string {
	if in == out {
		return securityWords(in)
	}
	return securityWords(in) + " for POP3, " + securityWords(out) + " for SMTP"
}

// usernameWords is the login name the servers get: one, or one each.
func (s *session) usernameWords() string {
	in, out := s.prof.Incoming.Username, s.prof.Outgoing.Username
	if in == out || out == "" {
		return termtext.Line(in)
	}
	return termtext.Line(in) + " (POP3), " + termtext.Line(out) + " (SMTP)"
}
