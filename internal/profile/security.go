package profile

import "fmt"

// Security is how a connection to a server is protected.
type Security int

const (
	// SecurityTLS is implicit TLS: the TLS handshake is the first thing on the wire (995, 465).
	SecurityTLS Security = iota
	// SecuritySTARTTLS starts in plaintext and upgrades with STLS (POP3) or STARTTLS (SMTP).
	SecuritySTARTTLS
	// SecurityNone is a plaintext connection; credentials go over it only with explicit consent.
	SecurityNone
)

var securityNames = [...]string{"tls", "starttls", "none"}

// String returns the flag and file spelling: tls, starttls or none.
func (s Security) String() string {
	if s < 0 || int(s) >= len(securityNames) {
		return fmt.Sprintf("security(%d)", int(s))
	}
	return securityNames[s]
}

// ParseSecurity accepts tls, starttls and none (and the common aliases ssl, ssl/tls, stls).
func ParseSecurity(s string) (Security, error) {
	switch s {
	case "tls", "ssl", "ssl/tls", "implicit":
		return SecurityTLS, nil
	case "starttls", "stls":
		return SecuritySTARTTLS, nil
	case "none", "plain", "plaintext":
		return SecurityNone, nil
	}
	return 0, fmt.Errorf("unknown security %q: use tls, starttls or none", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Security) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Security) UnmarshalText(b []byte) error {
	v, err := ParseSecurity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
