package discover

import (
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// address is the email address split the ways the placeholders need it.
type address struct {
	Email  string // as typed, trimmed
	Local  string
	Domain string // lower case, no trailing dot
}

func parseAddress(email string) (address, error) {
	local, domain, err := profile.SplitEmail(email)
	if err != nil {
		return address{}, err
	}
	return address{Email: strings.TrimSpace(email), Local: local, Domain: strings.TrimSuffix(domain, ".")}, nil
}

// expand substitutes the config-v1.1 placeholders %EMAILADDRESS%,
// %EMAILLOCALPART% and %EMAILDOMAIN% (case-insensitively, as the format's
// producers are not consistent about case).
func (a address) expand(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	r := strings.NewReplacer(
		"%EMAILADDRESS%", a.Email, "%emailaddress%", a.Email,
		"%EMAILLOCALPART%", a.Local, "%emaillocalpart%", a.Local,
		"%EMAILDOMAIN%", a.Domain, "%emaildomain%", a.Domain,
	)
	return r.Replace(s)
}

// username returns the expanded username, defaulting to the full address.
func (a address) username(template string) string {
	if strings.TrimSpace(template) == "" {
		return a.Email
	}
	return a.expand(template)
}
