package repair

import (
	"fmt"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// checkOptions are the verification options for p as setup builds them,
// with the profile's own trust (CA file, pins, plaintext consent).
// usernameFixed tries the saved username only; otherwise the other form is
// tried too, to notice a server that changed which one it accepts.
func checkOptions(deps Deps, p profile.Profile, pw profile.Password, usernameFixed bool) (verify.Options, error) {
	secret := setup.PasswordSecret(pw)
	if !deps.Token.IsEmpty() {
		secret = setup.Secret{Token: deps.Token}
	}
	o, err := deps.flow().Options(setup.Login{Profile: p, Secret: secret, UsernameGiven: usernameFixed})
	if err != nil {
		return o, fmt.Errorf("%w (fix the path with setupwiz repair --ca-file, or remove ca_file from the profile)", err)
	}
	return o, nil
}

// only returns o checking just one service.
func only(o verify.Options, svc verify.Service, srv profile.Server) verify.Options {
	o.Incoming, o.Outgoing = profile.Server{}, profile.Server{}
	if svc == verify.ServicePOP3 {
		o.Incoming = srv
	} else {
		o.Outgoing = srv
	}
	return o
}

// serviceResult picks one side of a result.
func serviceResult(r verify.Result, svc verify.Service) *verify.ServiceResult {
	if svc == verify.ServicePOP3 {
		return r.POP3
	}
	return r.SMTP
}

// server returns the profile's server for svc.
func server(p profile.Profile, svc verify.Service) profile.Server {
	if svc == verify.ServicePOP3 {
		return p.Incoming
	}
	return p.Outgoing
}

// setServer replaces the profile's server for svc.
func setServer(p *profile.Profile, svc verify.Service, s profile.Server) {
	if svc == verify.ServicePOP3 {
		p.Incoming = s
	} else {
		p.Outgoing = s
	}
}
