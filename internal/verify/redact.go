package verify

import (
	"bytes"
	"strings"
)

// redactor decides what of each line may appear in a transcript. Credentials
// travel in AUTH initial responses, in every client line that answers a
// SASL challenge ("+ " in POP3, "334 " in SMTP), in PASS and in APOP's digest;
// SASL challenges themselves (SCRAM salts and server signatures allow offline
// guessing) are hidden too.
type redactor struct {
	inSASL bool // the last server line was a SASL challenge
}

const redactedMark = "[redacted]"

func (r *redactor) server(line []byte) []byte {
	r.inSASL = isChallenge(line)
	if !r.inSASL {
		return line
	}
	if bytes.HasPrefix(line, []byte("334")) {
		return []byte("334 " + redactedMark)
	}
	return []byte("+ " + redactedMark)
}

// isChallenge reports whether a server line is a SASL continuation.
func isChallenge(line []byte) bool {
	return bytes.HasPrefix(line, []byte("334 ")) || bytes.Equal(line, []byte("334")) ||
		bytes.HasPrefix(line, []byte("+ ")) || bytes.Equal(line, []byte("+"))
}

func (r *redactor) client(line []byte) []byte {
	if r.inSASL {
		r.inSASL = false
		if bytes.Equal(line, []byte("*")) {
			return line
		}
		return []byte(redactedMark)
	}
	return redactCommand(line)
}

// redactCommand keeps the verb and the harmless arguments of a command line.
func redactCommand(line []byte) []byte {
	f := strings.Fields(string(line))
	if len(f) == 0 {
		return line
	}
	switch strings.ToUpper(f[0]) {
	case "PASS":
		return []byte("PASS " + redactedMark)
	case "AUTH":
		return keepFields(f, 2)
	case "APOP":
		return keepFields(f, 2)
	}
	return line
}

// keepFields keeps the first n fields and redacts whatever follows.
func keepFields(f []string, n int) []byte {
	if len(f) <= n {
		return []byte(strings.Join(f, " "))
	}
	return []byte(strings.Join(f[:n], " ") + " " + redactedMark)
}
