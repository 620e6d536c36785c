package ui

import (
	"path/filepath"
	"strings"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// sourceYours labels the servers the caller passed in (flags, the demo).
const sourceYours discover.Source = "your settings"

// session is the data the screens share: what the user has entered and what
// discovery and verification found. Screens hold only their own widgets.
type session struct {
	cfg             Config
	prof            profile.Profile
	pass            profile.Password
	userSetUsername bool
	pop, smtp       choices
	disc            discover.Result
	discErr         error
	discDone        bool
	result          verify.Result
	verified        bool
	out             Outcome
	// popBase is the POP options before any provider hint; popEdited is set
	// once the user changed them.
	popBase   profile.POPOptions
	popEdited bool
	// command is the password command the written files run ("" for none);
	// it is one of the places to remember the password.
	command string
	// signedIn is the OAuth2 sign-in of an account whose servers take a token.
	signedIn *setup.SignedIn
	// checkBlocked: the check could not start (the sign-in did not work, or
	// the servers sign in in two ways), so the failure's choices act on the
	// services that sign in with OAuth2.
	checkBlocked bool
	// notes say, by written path, what else happened with the file: the
	// file written through it when it is a symbolic link, the pinned
	// certificate added to mutt's own certificate file.
	notes map[string][]string
}

func newSession(cfg Config) *session {
	p := cfg.Seed
	if p.POP == (profile.POPOptions{}) {
		p.POP = profile.DefaultPOPOptions()
	}
	if p.Secret.Kind == "" {
		p.Secret = profile.SecretRef{Kind: profile.SecretPrompt}
	}
	return &session{cfg: cfg, prof: p, pass: cfg.Password, popBase: p.POP, popEdited: cfg.SeedPOP,
		userSetUsername: cfg.UsernameGiven}
}

// setAccount takes the first screen's answers. A new address resets what was
// derived from the old one (usernames, discovery), keeping servers the caller gave.
func (s *session) setAccount(email, name string) {
	email = strings.TrimSpace(email)
	s.prof.DisplayName = strings.TrimSpace(name)
	if email == s.prof.Email && s.prof.Name != "" {
		return
	}
	old, fresh := s.prof.Email, profile.New(email, name)
	s.prof.Name, s.prof.Email = fresh.Name, fresh.Email
	if !s.cfg.SeedIncoming || s.prof.Incoming.Host == "" {
		s.prof.Incoming = fresh.Incoming
	}
	if !s.cfg.SeedOutgoing || s.prof.Outgoing.Host == "" {
		s.prof.Outgoing = fresh.Outgoing
	}
	s.prof.Incoming.Username = renameUser(s.prof.Incoming.Username, old, email)
	s.prof.Outgoing.Username = renameUser(s.prof.Outgoing.Username, old, email)
	s.discDone, s.verified = false, false
	// A password typed or a sign-in made for the old address is not this one's.
	s.pass, s.signedIn = s.cfg.Password, nil
}

func renameUser(user, oldEmail, email string) string {
	if user == "" || user == oldEmail {
		return email
	}
	return user
}

// setUsername sets the login name of both servers.
func (s *session) setUsername(u string) {
	u = strings.TrimSpace(u)
	if u == "" {
		u = s.prof.Email
	}
	s.userSetUsername = u != s.prof.Email || s.cfg.UsernameGiven && u == s.cfg.Seed.Incoming.Username
	s.prof.Incoming.Username, s.prof.Outgoing.Username = u, u
}

// setDiscovery turns a discovery result into the two candidate lists, with the
// caller's own servers first, and applies the first of each.
func (s *session) setDiscovery(res discover.Result, err error) {
	s.disc, s.discErr, s.discDone, s.verified = res, err, true, false
	s.pop = newChoices(s.seedCandidate(s.cfg.SeedIncoming, s.cfg.Seed.Incoming), res.POP3)
	s.smtp = newChoices(s.seedCandidate(s.cfg.SeedOutgoing, s.cfg.Seed.Outgoing), res.SMTP)
	s.applyChoices()
}

// applyPOPHints takes the provider's suggested POP options (days to keep,
// check interval) for the POP3 candidate in use, over the options the wizard
// started with, until the user changes them on the POP options screen.
// Leaving a copy on the server stays as it is: a provider's "off" loses mail
// for people with two devices.
func (s *session) applyPOPHints() {
	if s.popEdited {
		return
	}
	base := s.popBase
	hinted := s.pop.hints().Apply(base)
	if hinted.LeaveOnServer != base.LeaveOnServer {
		hinted.LeaveOnServer, hinted.KeepDays = base.LeaveOnServer, base.KeepDays
	}
	s.prof.POP = hinted
}

// setPOP takes the options the user confirmed; once they differ from what
// was shown, a later change of server no longer replaces them with hints.
func (s *session) setPOP(o profile.POPOptions) {
	s.popEdited = s.popEdited || o != s.prof.POP
	s.prof.POP = o
}

func (s *session) seedCandidate(given bool, srv profile.Server) []discover.Candidate {
	if !given || srv.Host == "" {
		return nil
	}
	return []discover.Candidate{{Server: srv, Source: sourceYours, Trusted: true}}
}

// applyChoices copies the current candidates into the profile, keeping a
// username the user typed. Other servers are not verified yet.
func (s *session) applyChoices() {
	s.verified = false
	if c, ok := s.pop.current(); ok {
		s.prof.Incoming = s.withUser(c.Server, s.prof.Incoming.Username)
	}
	if c, ok := s.smtp.current(); ok {
		s.prof.Outgoing = s.withUser(c.Server, s.prof.Outgoing.Username)
	}
	s.applyPOPHints()
}

func (s *session) withUser(srv profile.Server, typed string) profile.Server {
	if s.userSetUsername && typed != "" {
		srv.Username = typed
	}
	if srv.Username == "" {
		srv.Username = s.prof.Email
	}
	return srv
}

// otherUsername switches between the full address and its local part.
func otherUsername(user, email string) string {
	local, _, err := profile.SplitEmail(email)
	if err != nil {
		return user
	}
	if user == email {
		return local
	}
	return email
}

// notePlans remembers what the last screen must say about the plans about
// to be written (see planNotes).
func (s *session) notePlans(plans []exporters.Plan) {
	s.notes = map[string][]string{}
	for _, p := range plans {
		s.notes[p.Path] = planNotes(p)
	}
}

// planNotes are what a person must know about writing p besides its file:
// a symbolic link followed, mutt's own certificate file changed too.
func planNotes(p exporters.Plan) []string {
	var out []string
	if note := p.LinkNote(); note != "" {
		out = append(out, note)
	}
	if p.CertificateFile != "" {
		out = append(out, "The pinned certificate goes into "+p.CertificateFile+", the file mutt keeps the certificates you accepted in (certificate_file stays as it was, for your other accounts)")
	}
	return out
}

// shortPath shows a file inside the --out folder relative to it (the folder is on screen).
func (s *session) shortPath(p string) string {
	if s.cfg.OutDir == "" {
		return termtext.Line(p)
	}
	if rel, err := filepath.Rel(s.cfg.OutDir, p); err == nil && !strings.HasPrefix(rel, "..") {
		return termtext.Line(rel)
	}
	return termtext.Line(p)
}
