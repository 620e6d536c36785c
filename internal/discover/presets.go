package discover

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/setupwiz/setupwiz/internal/profile"
)

//go:embed providers/providers.toml
var embeddedPresets []byte

// Presets is the provider table behind the "preset" source.
type Presets struct {
	Providers []Preset `toml:"provider"`
}

// Preset is one provider's published settings and policies.
type Preset struct {
	ID             string     `toml:"id"`
	Name           string     `toml:"name"`
	Domains        []string   `toml:"domains"`
	DomainSuffixes []string   `toml:"domain_suffixes"`
	MX             []string   `toml:"mx"`
	Sources        []string   `toml:"sources"`
	Checked        string     `toml:"checked"`
	POPNotOffered  bool       `toml:"pop_not_offered"`
	Notes          []string   `toml:"notes"`
	POPOptions     *presetPOP `toml:"pop_options"`
	// OAuth is the provider's OAuth2 sign-in for mail programs, when it has one.
	OAuth *profile.OAuthProvider `toml:"oauth"`
	POP3  []PresetServer         `toml:"pop3"`
	SMTP  []PresetServer         `toml:"smtp"`
}

type presetPOP struct {
	LeaveOnServer        *bool `toml:"leave_on_server"`
	KeepDays             *int  `toml:"keep_days"`
	CheckIntervalMinutes *int  `toml:"check_interval_minutes"`
}

// PresetServer is one candidate of a preset, with placeholders unexpanded.
type PresetServer struct {
	Host     string `toml:"host"`
	Port     int    `toml:"port"`
	Security string `toml:"security"`
	Username string `toml:"username"`
	Auth     string `toml:"auth"`
	Note     string `toml:"note"`
}

// DefaultPresets parses the embedded table.
func DefaultPresets() (*Presets, error) { return ParsePresets(bytes.NewReader(embeddedPresets)) }

// ParsePresets reads a preset table (TOML, the format of providers/providers.toml)
// and validates every entry.
func ParsePresets(r io.Reader) (*Presets, error) {
	var p Presets
	if _, err := toml.NewDecoder(io.LimitReader(r, MaxConfigSize)).Decode(&p); err != nil {
		return nil, fmt.Errorf("provider presets: %w", err)
	}
	for i := range p.Providers {
		if err := p.Providers[i].validate(); err != nil {
			return nil, fmt.Errorf("provider presets: entry %d (%q): %w", i+1, p.Providers[i].ID, err)
		}
	}
	return &p, nil
}

func (p *Preset) validate() error {
	switch {
	case p.ID == "" || p.Name == "":
		return fmt.Errorf("id and name are required")
	case len(p.Sources) == 0:
		return fmt.Errorf("no sources: record where the settings come from")
	case len(p.Domains)+len(p.DomainSuffixes)+len(p.MX) == 0:
		return fmt.Errorf("no domains, domain_suffixes or mx")
	case len(p.SMTP) == 0 || (len(p.POP3) == 0 && !p.POPNotOffered):
		return fmt.Errorf("needs pop3 (or pop_not_offered) and smtp servers")
	case len(p.POP3) > 0 && p.POPNotOffered:
		return fmt.Errorf("pop_not_offered with pop3 servers")
	}
	if p.OAuth != nil {
		if err := p.OAuth.Validate(); err != nil {
			return fmt.Errorf("oauth: %w", err)
		}
	}
	if _, err := time.Parse(time.DateOnly, p.Checked); err != nil {
		return fmt.Errorf("checked %q is not a YYYY-MM-DD date", p.Checked)
	}
	return validateServers(append(append([]PresetServer(nil), p.POP3...), p.SMTP...))
}

func validateServers(servers []PresetServer) error {
	for _, s := range servers {
		if _, err := s.server(address{Email: "user@example.com", Local: "user", Domain: "example.com"}); err != nil {
			return err
		}
	}
	return nil
}

// server expands the placeholders for addr.
func (s PresetServer) server(addr address) (profile.Server, error) {
	sec, err := profile.ParseSecurity(s.Security)
	if err != nil {
		return profile.Server{}, fmt.Errorf("%s: %w", s.Host, err)
	}
	auth, err := profile.ParseAuthMethod(s.Auth)
	if err != nil {
		return profile.Server{}, fmt.Errorf("%s: %w", s.Host, err)
	}
	host := normalizeHost(addr.expand(s.Host))
	if !validHost(host) || s.Port < 1 || s.Port > 65535 {
		return profile.Server{}, fmt.Errorf("bad host or port %q:%d", s.Host, s.Port)
	}
	return profile.Server{Host: host, Port: s.Port, Security: sec, Username: addr.username(s.Username), Auth: auth}, nil
}

// ForDomain returns the preset serving an email domain: an exact domain
// first, then the longest matching domain suffix.
func (ps *Presets) ForDomain(domain string) *Preset {
	domain = normalizeHost(domain)
	for i := range ps.Providers {
		if containsString(ps.Providers[i].Domains, domain) {
			return &ps.Providers[i]
		}
	}
	return ps.longestMatch(domain, func(p *Preset) []string { return p.DomainSuffixes })
}

// ForMX returns the preset whose MX suffix matches the mail host, longest suffix first.
func (ps *Presets) ForMX(host string) *Preset {
	return ps.longestMatch(normalizeHost(host), func(p *Preset) []string { return p.MX })
}

func (ps *Presets) longestMatch(host string, suffixes func(*Preset) []string) *Preset {
	var best *Preset
	bestLen := 0
	for i := range ps.Providers {
		for _, s := range suffixes(&ps.Providers[i]) {
			if hostUnder(host, s) && len(s) > bestLen {
				best, bestLen = &ps.Providers[i], len(s)
			}
		}
	}
	return best
}

// hostUnder reports whether host is suffix or a subdomain of it.
func hostUnder(host, suffix string) bool {
	suffix = normalizeHost(suffix)
	return host == suffix || strings.HasSuffix(host, "."+suffix)
}

// result turns the preset into a source result for addr.
func (p *Preset) result(addr address, o origin) sourceResult {
	r := sourceResult{Provider: p.Name, Notes: append([]string(nil), p.Notes...), POPNotOffered: p.POPNotOffered}
	r.Detail = p.Name + " (checked " + p.Checked + ")"
	hints := p.POPOptions.hints()
	for _, s := range p.POP3 {
		r.addCandidate(true, s.candidate(addr, o, hints))
	}
	for _, s := range p.SMTP {
		r.addCandidate(false, s.candidate(addr, o, nil))
	}
	return r
}

func (s PresetServer) candidate(addr address, o origin, hints *POPHints) *Candidate {
	srv, err := s.server(addr)
	if err != nil {
		return nil // validated at load time
	}
	c := &Candidate{Server: srv, Source: o.Source, Trusted: o.Trusted, URL: o.URL, POP: hints}
	if s.Note != "" {
		c.Notes = []string{s.Note}
	}
	return c
}

func (p *presetPOP) hints() *POPHints {
	if p == nil {
		return nil
	}
	return &POPHints{LeaveOnServer: p.LeaveOnServer, KeepDays: p.KeepDays, CheckIntervalMinutes: p.CheckIntervalMinutes}
}

// ListsHost reports whether host is a server name in the table (one
// without placeholders): a name setupwiz knows to exist.
func (ps *Presets) ListsHost(host string) bool {
	host = normalizeHost(host)
	for i := range ps.Providers {
		for _, s := range append(append([]PresetServer(nil), ps.Providers[i].POP3...), ps.Providers[i].SMTP...) {
			if !strings.Contains(s.Host, "%") && normalizeHost(s.Host) == host {
				return true
			}
		}
	}
	return false
}
