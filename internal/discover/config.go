package discover

// Config is a parsed config-v1.1.xml document (Thunderbird autoconfig and the
// ISPDB), reduced to what matters for POP3 and SMTP. Servers keep their raw
// values (placeholders not yet expanded); Candidates turns them into
// candidates for one address.
type Config struct {
	ProviderID       string
	DisplayName      string
	DisplayShortName string
	Domains          []string
	// Incoming lists every <incomingServer> in document (preference) order, any type.
	Incoming []ServerConfig
	// Outgoing lists every <outgoingServer> in document order.
	Outgoing []ServerConfig
	// Enable is the "turn on POP/IMAP in webmail first" hint, when present.
	Enable *EnableHint
	// Documentation lists help URLs.
	Documentation []string
}

// ServerConfig is one <incomingServer> or <outgoingServer>.
type ServerConfig struct {
	Type       string // "pop3", "imap", "smtp", ...
	Hostname   string
	Port       int
	SocketType string   // "SSL", "STARTTLS" or "plain"
	Username   string   // may hold %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN%
	Auth       []string // <authentication> values in order: password-cleartext, OAuth2, ...
	POP3       *POPHints
}

// EnableHint is <enable visiturl="..."><instruction>...</instruction></enable>.
type EnableHint struct {
	VisitURL     string
	Instructions []string // the English (or language-less) instruction first
}
