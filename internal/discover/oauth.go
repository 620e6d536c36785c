package discover

import "github.com/setupwiz/setupwiz/internal/profile"

// OAuthPreset is a provider's OAuth2 sign-in and the mail hosts it serves,
// so a custom domain hosted there (found by MX) signs in the same way.
type OAuthPreset struct {
	Provider profile.OAuthProvider
	Hosts    []string
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
		for _, s := range append(append([]PresetServer(nil), p.POP3...), p.SMTP...) {
			if !containsString(out[i].Hosts, normalizeHost(s.Host)) {
				out[i].Hosts = append(out[i].Hosts, normalizeHost(s.Host))
			}
		}
	}
	return out
}
