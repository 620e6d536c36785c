package discover

import "github.com/setupwiz/setupwiz/internal/profile"

// OAuthPreset is a provider's OAuth2 sign-in and the mail hosts it serves,
// so a custom domain hosted there (found by MX) signs in the same way.
type OAuthPreset struct {
	Provider profile.OAuthProvider
	Hosts    []string
	// Domains are the email domains of presets whose every server takes
	// only OAuth2 (Outlook.com): they need no password at all.
	Domains []string
}

// OAuthProviders lists the OAuth2 sign-ins in the table, one per provider
// id, each with the POP3 and SMTP hosts of every preset that uses it.
func (ps *Presets) OAuthProviders() []OAuthPreset {
	var out []OAuthPreset
	index := map[string]int{}
	for _, p := range ps.Providers {
		if p.OAuth == nil {
			continue
		}
		i, ok := index[p.OAuth.ID]
		if !ok {
			i = len(out)
			index[p.OAuth.ID] = i
			out = append(out, OAuthPreset{Provider: *p.OAuth})
		}
		servers := append(append([]PresetServer(nil), p.POP3...), p.SMTP...)
		for _, s := range servers {
			if !containsString(out[i].Hosts, normalizeHost(s.Host)) {
				out[i].Hosts = append(out[i].Hosts, normalizeHost(s.Host))
			}
		}
		if oauthOnly(servers) {
			out[i].Domains = append(out[i].Domains, p.Domains...)
		}
	}
	return out
}

// oauthOnly reports whether every server takes only OAuth2.
func oauthOnly(servers []PresetServer) bool {
	for _, s := range servers {
		if a, err := profile.ParseAuthMethod(s.Auth); err != nil || !a.IsOAuth() {
			return false
		}
	}
	return len(servers) > 0
}
