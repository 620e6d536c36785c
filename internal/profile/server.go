package profile

import (
	"net"
	"strconv"
	"strings"
)

// Server is one endpoint: the POP3 server or the SMTP submission server.
type Server struct {
	Host     string     `toml:"host" json:"host"`
	Port     int        `toml:"port" json:"port"`
	Security Security   `toml:"security" json:"security"`
	Username string     `toml:"username" json:"username"`
	Auth     AuthMethod `toml:"auth" json:"auth"`
}

// Address returns host:port, bracketing IPv6 literals.
func (s Server) Address() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// IsZero reports whether nothing has been set.
func (s Server) IsZero() bool { return s == Server{} }

// validate appends the field errors of this server, prefixing field names with prefix.
func (s Server) validate(prefix string, errs *FieldErrors) {
	if msg := hostProblem(s.Host); msg != "" {
		errs.add(prefix+".host", msg)
	}
	if s.Port < 1 || s.Port > 65535 {
		errs.add(prefix+".port", "must be between 1 and 65535")
	}
	if s.Security < SecurityTLS || s.Security > SecurityNone {
		errs.add(prefix+".security", "must be tls, starttls or none")
	}
	if strings.TrimSpace(s.Username) == "" {
		errs.add(prefix+".username", "is empty")
	} else if strings.ContainsAny(s.Username, "\x00\r\n") {
		errs.add(prefix+".username", "contains a line break or NUL")
	}
}

// hostProblem returns "" for a syntactically valid host name or IP literal.
func hostProblem(h string) string {
	if h == "" {
		return "is empty"
	}
	if net.ParseIP(h) != nil {
		return ""
	}
	if len(h) > 253 {
		return "is longer than 253 characters"
	}
	for _, label := range strings.Split(strings.TrimSuffix(h, "."), ".") {
		if !validLabel(label) {
			return "is not a valid host name (letters, digits, '-' and '.' only)"
		}
	}
	return ""
}

func validLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for _, c := range l {
		ok := c == '-' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		if !ok {
			return false
		}
	}
	return true
}
