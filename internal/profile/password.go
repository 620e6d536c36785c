package profile

// Password holds a secret in memory. Every way of printing or encoding it
// yields a redaction marker, so it cannot leak through %v, logs or JSON by accident.
// Reveal is the one deliberate way to read it.
type Password struct{ s string }

// NewPassword wraps s.
func NewPassword(s string) Password { return Password{s: s} }

// Reveal returns the secret. Call it only where the secret must go on the wire or into a file.
func (p Password) Reveal() string { return p.s }

// IsEmpty reports whether no secret is held.
func (p Password) IsEmpty() bool { return p.s == "" }

const redacted = "[REDACTED]"

// String implements fmt.Stringer.
func (p Password) String() string { return redacted }

// GoString implements fmt.GoStringer.
func (p Password) GoString() string { return redacted }

// MarshalText implements encoding.TextMarshaler (and so JSON and TOML).
func (p Password) MarshalText() ([]byte, error) { return []byte(redacted), nil }
