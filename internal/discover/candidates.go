package discover

import (
	"fmt"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// origin describes where a Config came from, for the candidates made from it.
type origin struct {
	Source  Source
	URL     string
	Trusted bool
}

// configResult converts a parsed Config into a source result for addr.
// Only pop3 incoming servers and smtp outgoing servers are used, in document
// order; servers with an unusable host, port, socket type or authentication
// are dropped.
func configResult(c *Config, addr address, o origin) sourceResult {
	var r sourceResult
	r.Provider = c.DisplayName
	if r.Provider == "" {
		r.Provider = c.ProviderID
	}
	for _, s := range c.Incoming {
		if s.Type == "pop3" {
			r.addCandidate(true, s.candidate(addr, o))
		}
	}
	for _, s := range c.Outgoing {
		if s.Type == "smtp" || s.Type == "" {
			r.addCandidate(false, s.candidate(addr, o))
		}
	}
	if c.Enable != nil {
		r.Notes = append(r.Notes, c.Enable.note())
	}
	if len(r.POP3) == 0 && hasIncoming(c) {
		r.Notes = append(r.Notes, fmt.Sprintf("%s lists no POP3 server, only other protocols", o.Source))
	}
	return r
}

func hasIncoming(c *Config) bool { return len(c.Incoming) > 0 }

// candidate returns nil when the server cannot be used.
func (s ServerConfig) candidate(addr address, o origin) *Candidate {
	host := normalizeHost(addr.expand(s.Hostname))
	sec, ok := socketSecurity(s.SocketType)
	if !ok || !validHost(host) || s.Port < 1 || s.Port > 65535 {
		return nil
	}
	auth, notes, ok := chooseAuth(s.Auth)
	if !ok {
		return nil
	}
	if sec == profile.SecurityNone {
		notes = append(notes, "this server is listed without encryption: the password would travel in clear text")
	}
	return &Candidate{
		Server: profile.Server{Host: host, Port: s.Port, Security: sec, Username: addr.username(s.Username), Auth: auth},
		Source: o.Source, Trusted: o.Trusted, URL: o.URL, Notes: notes, POP: s.POP3,
	}
}

func socketSecurity(t string) (profile.Security, bool) {
	switch strings.ToUpper(t) {
	case "SSL", "TLS":
		return profile.SecurityTLS, true
	case "STARTTLS":
		return profile.SecuritySTARTTLS, true
	case "PLAIN":
		return profile.SecurityNone, true
	}
	return 0, false
}

// chooseAuth picks the first usable <authentication>, preferring a password
// method over OAuth2 because a password needs no browser sign-in; NTLM and
// GSSAPI are not supported. No <authentication> at all means password.
func chooseAuth(methods []string) (profile.AuthMethod, []string, bool) {
	if len(methods) == 0 {
		return profile.AuthAuto, nil, true
	}
	oauth := false
	for _, m := range methods {
		switch strings.ToLower(m) {
		case "password-cleartext", "plain", "password-encrypted", "secure":
			return profile.AuthAuto, oauthNote(oauth || containsFold(methods, "OAuth2")), true
		case "none", "client-ip-address", "smtp-after-pop":
			return profile.AuthAuto, []string{"the provider says this server needs no login (" + m + ")"}, true
		case "oauth2":
			oauth = true
		}
	}
	if oauth {
		return profile.AuthXOAuth2, []string{"this server accepts only OAuth2 sign-in, not a password"}, true
	}
	return 0, nil, false
}

func oauthNote(offered bool) []string {
	if !offered {
		return nil
	}
	return []string{"OAuth2 sign-in is also accepted"}
}

func containsFold(ss []string, want string) bool {
	for _, s := range ss {
		if strings.EqualFold(s, want) {
			return true
		}
	}
	return false
}

func (e *EnableHint) note() string {
	msg := "POP3/IMAP access must be switched on in the provider's settings first"
	if len(e.Instructions) > 0 && e.Instructions[0] != "" {
		msg = e.Instructions[0]
	}
	if e.VisitURL != "" {
		msg += " (" + e.VisitURL + ")"
	}
	return msg
}
