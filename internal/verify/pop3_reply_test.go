package verify

import (
	"github.com/setupwiz/setupwiz/internal/pop3"
	"strings"
	"testing"
)

func TestReplyKind(t *testing.T) {
	cases := []struct {
		line string
		step StepName
		want Kind
	}{
		{"-ERR [AUTH] Authentication failed.", StepAuth, KindAuthFailed},
		{"-ERR invalid password", StepAuth, KindAuthFailed},
		{"-ERR [AUTH] Application-specific password required", StepAuth, KindAppPassword},
		{"-ERR [AUTH] Please log in via your web browser", StepAuth, KindAppPassword},
		{"-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.", StepAuth, KindPlaintextRefused},
		{"-ERR [IN-USE] locked", StepAuth, KindServerBusy},
		{"-ERR [LOGIN-DELAY] wait", StepAuth, KindServerBusy},
		{"-ERR [SYS/TEMP] later", StepMailbox, KindServerBusy},
		{"-ERR [SYS/PERM] broken", StepAuth, KindMailbox},
		{"-ERR no maildir", StepMailbox, KindMailbox},
		{"-ERR not now", StepSTARTTLS, KindSTARTTLSUnavailable},
		{"-ERR go away", StepGreeting, KindServerBusy},
	}
	for _, c := range cases {
		if e := pop3Error(parseERR(c.line), c.step); e.Kind != c.want || e.Hint == "" || e.ServerText != c.line {
			t.Errorf("%q at %s: %s (hint %q, text %q), want %s", c.line, c.step, e.Kind, e.Hint, e.ServerText, c.want)
		}
	}
}

// parseERR turns a "-ERR [CODE] text" line into the client's error value.
func parseERR(line string) *pop3.Error {
	text := strings.TrimPrefix(line, "-ERR ")
	if code, rest, ok := strings.Cut(text, "] "); ok && strings.HasPrefix(code, "[") {
		return &pop3.Error{Code: strings.ToUpper(code[1:]), Text: rest}
	}
	return &pop3.Error{Text: text}
}
