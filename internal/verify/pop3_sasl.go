package verify

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/emersion/go-sasl"
)

// authSASL runs one AUTH exchange (RFC 5034): the initial response goes with
// the command, each "+ " challenge gets one response, and after
// maxSASLSteps challenges we abort with "*" (a server that never ends the
// exchange is broken, not slow).
// Commands in extra are sent in the same write as the AUTH line.
func (s *pop3Session) authSASL(mech, user string, extra []string) (pop3Reply, error) {
	cl, err := newSASL(mech, user, s.o)
	if err != nil {
		return pop3Reply{}, &Error{Kind: KindAuthUnsupported, Err: err}
	}
	name, ir, err := cl.Start()
	if err != nil {
		return pop3Reply{}, &Error{Kind: KindAuthUnsupported, Err: err}
	}
	if err := s.c.send(append([]string{authLine(name, ir)}, extra...)...); err != nil {
		return pop3Reply{}, err
	}
	return s.saslLoop(cl)
}

func authLine(mech string, ir []byte) string {
	switch {
	case ir == nil:
		return "AUTH " + mech
	case len(ir) == 0:
		return "AUTH " + mech + " ="
	}
	return "AUTH " + mech + " " + base64.StdEncoding.EncodeToString(ir)
}

func (s *pop3Session) saslLoop(cl sasl.Client) (pop3Reply, error) {
	for step := 0; ; step++ {
		r, err := s.c.reply()
		if err != nil || !r.Cont {
			return r, err
		}
		if step == maxSASLSteps {
			return s.abortSASL(errTooManySteps)
		}
		resp, err := answer(cl, r.Text)
		if err != nil {
			return s.abortSASL(err)
		}
		if err := s.c.send(base64.StdEncoding.EncodeToString(resp)); err != nil {
			return pop3Reply{}, err
		}
	}
}

// answer decodes a challenge and computes the response.
func answer(cl sasl.Client, text string) ([]byte, error) {
	ch, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil {
		return nil, fmt.Errorf("%w: the authentication challenge is not base64", errBadReply)
	}
	return cl.Next(ch)
}

// abortSASL cancels the exchange with "*" and reads the server's answer
// (one line, within the step deadline) before reporting why.
func (s *pop3Session) abortSASL(why error) (pop3Reply, error) {
	if err := s.c.send("*"); err == nil {
		_, _ = s.c.readLine()
	}
	return pop3Reply{}, &Error{Kind: KindProtocol, Err: why,
		Hint: "the server's authentication exchange did not complete; check that host and port are the right POP3 server"}
}
