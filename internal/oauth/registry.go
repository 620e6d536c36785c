package oauth

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// HostProvider is a provider and the mail hosts it signs in for, the way
// Thunderbird matches OAuth2 providers by server name.
type HostProvider struct {
	Provider profile.OAuthProvider
	Hosts    []string
	// Domains are email domains that sign in with this provider and
	// nothing else (Outlook.com), known before any server is found.
	Domains []string
}

// Registry finds the provider for a mail server and the client registration for a provider.
type Registry struct {
	providers []HostProvider
	clients   map[string]Client
}

// fileEntry is one table of oauth.toml, named by provider id. With only
// client_id (and client_secret) it registers a client for a built-in
// provider; with endpoints it defines or replaces a provider.
type fileEntry struct {
	ClientID     string   `toml:"client_id"`
	ClientSecret string   `toml:"client_secret"`
	Hosts        []string `toml:"hosts"`
	Domains      []string `toml:"domains"`
	profile.OAuthProvider
}

// maxClientFile bounds how much of oauth.toml is read.
const maxClientFile = 256 << 10

// NewRegistry combines the built-in providers (from the provider presets)
// with oauth.toml, read from file when it is not nil.
func NewRegistry(builtin []HostProvider, file io.Reader) (*Registry, error) {
	r := &Registry{providers: append([]HostProvider(nil), builtin...), clients: map[string]Client{}}
	if file == nil {
		return r, nil
	}
	entries := map[string]fileEntry{}
	if _, err := toml.NewDecoder(io.LimitReader(file, maxClientFile)).Decode(&entries); err != nil {
		return nil, fmt.Errorf("oauth.toml: %w", err)
	}
	ids := make([]string, 0, len(entries))
	for id := range entries {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := r.add(id, entries[id]); err != nil {
			return nil, fmt.Errorf("oauth.toml [%s]: %w", id, err)
		}
	}
	return r, nil
}

func (r *Registry) add(id string, e fileEntry) error {
	r.clients[id] = Client{ID: e.ClientID, Secret: e.ClientSecret}
	if e.TokenURL == "" {
		return nil
	}
	p := e.OAuthProvider
	p.ID = id
	if p.Name == "" {
		p.Name = id
	}
	if err := p.Validate(); err != nil {
		return err
	}
	r.providers = append([]HostProvider{{Provider: p, Hosts: e.Hosts, Domains: e.Domains}}, r.removed(id)...)
	return nil
}

// removed returns the providers without id (an oauth.toml entry replaces a built-in one).
func (r *Registry) removed(id string) []HostProvider {
	var out []HostProvider
	for _, hp := range r.providers {
		if hp.Provider.ID != id {
			out = append(out, hp)
		}
	}
	return out
}

// ForHost returns the provider that signs in for a mail host.
func (r *Registry) ForHost(host string) (profile.OAuthProvider, bool) {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, hp := range r.providers {
		for _, h := range hp.Hosts {
			if strings.EqualFold(h, host) {
				return hp.Provider, true
			}
		}
	}
	return profile.OAuthProvider{}, false
}

// ForEmail returns the provider an address signs in with when its domain
// takes nothing but OAuth2.
func (r *Registry) ForEmail(email string) (profile.OAuthProvider, bool) {
	_, domain, err := profile.SplitEmail(email)
	if err != nil {
		return profile.OAuthProvider{}, false
	}
	for _, hp := range r.providers {
		for _, d := range hp.Domains {
			if strings.EqualFold(d, domain) {
				return hp.Provider, true
			}
		}
	}
	return profile.OAuthProvider{}, false
}

// ByID returns the provider with that id.
func (r *Registry) ByID(id string) (profile.OAuthProvider, bool) {
	for _, hp := range r.providers {
		if hp.Provider.ID == id {
			return hp.Provider, true
		}
	}
	return profile.OAuthProvider{}, false
}

// Client picks the registration for provider id: the flag value first,
// then the environment (SETUPWIZ_OAUTH_<ID>_CLIENT_ID, then
// SETUPWIZ_OAUTH_CLIENT_ID, and the same for _CLIENT_SECRET), then
// oauth.toml. getenv may be nil.
func (r *Registry) Client(id string, flag Client, getenv func(string) string) Client {
	if flag.ID != "" {
		return flag
	}
	if c := envClient(id, getenv); c.ID != "" {
		return c
	}
	return r.clients[id]
}

func envClient(id string, getenv func(string) string) Client {
	if getenv == nil {
		return Client{}
	}
	up := strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(id))
	for _, prefix := range []string{"SETUPWIZ_OAUTH_" + up + "_", "SETUPWIZ_OAUTH_"} {
		if v := getenv(prefix + "CLIENT_ID"); v != "" {
			return Client{ID: v, Secret: getenv(prefix + "CLIENT_SECRET")}
		}
	}
	return Client{}
}
