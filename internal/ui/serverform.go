package ui

import (
	"net"
	"strconv"
	"strings"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// serverForm edits host, port, security, username and the kind of login
// (a password or OAuth2) of both servers.
type serverForm struct {
	form form
	was  [2]profile.Server // the servers before the edit, for their login method
}

// serverFields is how many fields each server has in the form.
const serverFields = 5

func newServerForm(in, out profile.Server, isDark bool) serverForm {
	f := serverForm{was: [2]profile.Server{in, out}}
	for _, p := range []struct {
		svc string
		s   profile.Server
	}{{"POP3", in}, {"SMTP", out}} {
		f.form.fields = append(f.form.fields,
			newField(p.svc+" host", p.s.Host, "mail.example.com", hostProblem),
			newField(p.svc+" port", strconv.Itoa(p.s.Port), "995", portProblem),
			securityField(p.svc, p.s.Security),
			newField(p.svc+" username", p.s.Username, "", usernameProblem),
			loginField(p.svc, p.s.Auth))
	}
	sameLogin(f.form.fields[serverFields-1], f.form.fields[2*serverFields-1])
	f.form.setStyles(isDark)
	return f
}

// sameLogin makes the SMTP login field refuse a kind other than POP3's:
// an account keeps one way to sign in (a password, or one OAuth2 sign-in
// that both servers accept), which every export and repair rely on. Both
// faces ask through the field's check, so both refuse alike.
func sameLogin(pop, smtp *field) {
	smtp.check = func(v string) string {
		if p := loginProblem(v); p != "" {
			return p
		}
		want := strings.ToLower(strings.TrimSpace(pop.in.Value()))
		if loginProblem(want) == "" && want != strings.ToLower(strings.TrimSpace(v)) {
			return "Use " + want + " as for POP3: setupwiz keeps one way to sign in per account."
		}
		return ""
	}
}

// securityField takes one of the three security settings.
func securityField(svc string, sec profile.Security) *field {
	f := newField(svc+" security", sec.String(), "tls, starttls or none", securityProblem)
	f.choices = []string{"tls", "starttls", "none"}
	return f
}

// loginField takes how the server checks who the user is: with a password
// (whatever mechanism) or with an OAuth2 sign-in.
func loginField(svc string, a profile.AuthMethod) *field {
	v := loginPassword
	if a.IsOAuth() {
		v = loginOAuth
	}
	f := newField(svc+" login", v, "password or oauth2", loginProblem)
	f.choices = []string{loginPassword, loginOAuth}
	return f
}

const (
	loginPassword = "password"
	loginOAuth    = "oauth2"
)

func loginProblem(v string) string {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case loginPassword, loginOAuth:
		return ""
	}
	return "Use password, or oauth2 for a sign-in with the provider (Microsoft 365, Gmail)."
}

// servers returns the edited servers, or false after marking the bad fields.
func (f *serverForm) servers() (in, out profile.Server, ok bool) {
	if !f.form.validate() {
		return in, out, false
	}
	return f.server(0), f.server(1), true
}

func (f *serverForm) server(i int) profile.Server {
	at := i * serverFields
	port, _ := strconv.Atoi(f.form.value(at + 1))
	sec, _ := profile.ParseSecurity(strings.ToLower(f.form.value(at + 2)))
	return profile.Server{Host: f.form.value(at), Port: port, Security: sec, Username: f.form.value(at + 3),
		Auth: authFor(strings.ToLower(f.form.value(at+4)), f.was[i].Auth)}
}

// authFor keeps the server's method while the kind of login stays;
// otherwise it takes the kind's usual one: the best password mechanism
// offered, or XOAUTH2 (what Microsoft and Google speak).
func authFor(kind string, was profile.AuthMethod) profile.AuthMethod {
	oauth := kind == loginOAuth
	switch {
	case was.IsOAuth() == oauth:
		return was
	case oauth:
		return profile.AuthXOAuth2
	}
	return profile.AuthAuto
}

func hostProblem(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return "Type the server's name, e.g. pop.example.com."
	}
	if net.ParseIP(v) != nil {
		return ""
	}
	for _, c := range v {
		if !(c == '.' || c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return "A host name has only letters, digits, '-' and '.'."
		}
	}
	return ""
}

func portProblem(v string) string {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 || n > 65535 {
		return "A port is a number from 1 to 65535 (995 POP3S, 110 POP3, 465 or 587 SMTP)."
	}
	return ""
}

func securityProblem(v string) string {
	if _, err := profile.ParseSecurity(strings.ToLower(strings.TrimSpace(v))); err != nil {
		return "Use tls (implicit TLS), starttls, or none."
	}
	return ""
}

// sourceEdited labels servers the user typed on the discovery screen.
const sourceEdited discover.Source = "your edit"

// useEdited puts the user's own settings first and uses them.
func (s *session) useEdited(in, out profile.Server) {
	s.pop = newChoices([]discover.Candidate{{Server: in, Source: sourceEdited, Trusted: true}}, s.pop.list)
	s.smtp = newChoices([]discover.Candidate{{Server: out, Source: sourceEdited, Trusted: true}}, s.smtp.list)
	s.prof.Incoming, s.prof.Outgoing = in, out
	s.userSetUsername = in.Username != s.prof.Email || out.Username != s.prof.Email
	s.verified = false
}
