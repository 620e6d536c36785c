package verify

import (
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// usernameVariants lists the user names to try, configured first. With
// enabled, it adds the other common form: the full address when the
// configured name is a bare local part, and the local part when it is an
// address. The most common real-world login mistake is exactly this one.
func usernameVariants(email, configured string, enabled bool) []string {
	configured = strings.TrimSpace(configured)
	if configured == "" {
		configured = strings.TrimSpace(email)
	}
	out := []string{configured}
	if !enabled {
		return out
	}
	if alt := otherForm(email, configured); alt != "" && !strings.EqualFold(alt, configured) {
		out = append(out, alt)
	}
	return out
}

// otherForm is the local part for an address, or name@domain for a bare name.
func otherForm(email, name string) string {
	if local, _, err := profile.SplitEmail(name); err == nil {
		return local
	}
	if strings.Contains(name, "@") {
		return ""
	}
	_, domain, err := profile.SplitEmail(email)
	if err != nil {
		return ""
	}
	return name + "@" + domain
}
