package importers

import (
	"errors"
	"fmt"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// account is what a parser found, before defaults are filled in.
// Zero means "the file did not say".
type account struct {
	email, displayName string
	in, out            profile.Server
	pop                profile.POPOptions
	popSet             bool // pop holds values the file stated
	name               string
	caFile             string
}

// finish fills defaults the way setupwiz would and validates.
func (a account) finish() (profile.Profile, error) {
	email := strings.TrimSpace(a.email)
	if email == "" {
		email = guessEmail(a.in)
	}
	if email == "" {
		return profile.Profile{}, fmt.Errorf("account on %s: no email address in the file and the login %q is not one", a.in.Host, a.in.Username)
	}
	p := profile.New(email, a.displayName)
	p.Incoming = mergeServer(p.Incoming, a.in, 995, 110)
	p.Outgoing = mergeServer(p.Outgoing, a.out, 465, 587)
	if a.out.Host == "" {
		p.Outgoing.Host = p.Incoming.Host
	}
	if a.popSet {
		p.POP = a.pop
	}
	if a.name != "" {
		p.Name = profile.DefaultName(a.name)
	}
	p.TLS.CAFile = a.caFile
	return p, validate(p)
}

// guessEmail uses the POP login when it is an address, else the login at
// the server's parent domain (erin on pop.example.test → erin@example.test).
// Only the domain is lower-cased: a local part is case-sensitive (RFC 5321 §2.4).
func guessEmail(in profile.Server) string {
	if profile.ValidEmail(in.Username) {
		return in.Username
	}
	labels := strings.Split(strings.ToLower(strings.TrimSuffix(in.Host, ".")), ".")
	if len(labels) > 2 {
		labels = labels[1:]
	}
	if guess := in.Username + "@" + strings.Join(labels, "."); in.Username != "" && profile.ValidEmail(guess) {
		return guess
	}
	return ""
}

// mergeServer overlays what the file said on the defaults; a port the file
// left out follows the security it stated.
func mergeServer(def, got profile.Server, tlsPort, plainPort int) profile.Server {
	if got.Host != "" {
		def.Host = got.Host
	}
	if got.Username != "" {
		def.Username = got.Username
	}
	def.Security, def.Auth = got.Security, got.Auth
	def.Port = got.Port
	if def.Port == 0 && def.Security == profile.SecurityTLS {
		def.Port = tlsPort
	} else if def.Port == 0 {
		def.Port = plainPort
	}
	return def
}

func validate(p profile.Profile) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("account %s: %w", p.Email, err)
	}
	return nil
}

// finishAll finishes every account, keeping the valid ones and joining the errors.
func finishAll(accts []account) ([]profile.Profile, error) {
	var out []profile.Profile
	var errs []error
	for _, a := range accts {
		p, err := a.finish()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, p)
	}
	return out, errors.Join(errs...)
}
