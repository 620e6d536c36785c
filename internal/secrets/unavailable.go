package secrets

import (
	"fmt"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// UnavailableError says a secret backend cannot be used here, why, and what can.
type UnavailableError struct {
	Kind         profile.SecretKind
	Reason       error
	Alternatives []profile.SecretKind // kinds that are available on this machine
}

var kindWords = map[profile.SecretKind]string{
	profile.SecretKeyring: "the system keyring",
	profile.SecretPass:    "the pass password store",
	profile.SecretCommand: "a command you give that prints the password",
	profile.SecretPrompt:  "being asked each time",
}

// kindSyntax is how a user names each kind (setupwiz import --secret …).
var kindSyntax = map[profile.SecretKind]string{
	profile.SecretKeyring: "keyring", profile.SecretPass: "pass:ENTRY",
	profile.SecretCommand: "command:CMD", profile.SecretPrompt: "prompt",
}

func (e *UnavailableError) Error() string {
	msg := fmt.Sprintf("%s is not available: %v", kindWords[e.Kind], e.Reason)
	if len(e.Alternatives) == 0 {
		return msg + "; no other way to keep the password works here either"
	}
	var alts []string
	for _, k := range e.Alternatives {
		alts = append(alts, fmt.Sprintf("%s (%s)", kindSyntax[k], kindWords[k]))
	}
	return msg + "; choose instead: " + strings.Join(alts, ", ")
}

func (e *UnavailableError) Unwrap() error { return e.Reason }
