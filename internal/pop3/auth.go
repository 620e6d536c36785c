package pop3

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/emersion/go-sasl"
)

// maxSASLSteps bounds the challenges answered before the exchange is aborted.
const maxSASLSteps = 10

// Auth logs in with a SASL mechanism (RFC 5034): the initial response goes
// with the command, each "+ " challenge gets one response. "*" (abort) is
// sent only while the server waits for a response: when the mechanism
// cannot answer a challenge, or after maxSASLSteps challenges. After the
// final reply nothing more is sent. A refusal is *Error (RFC 3206 code
// AUTH: the credentials are wrong); an aborted exchange returns why it was
// aborted (wrapped in ErrAuthAborted), and the server's answer to the "*"
// is read and dropped.
func (c *Client) Auth(a sasl.Client) error {
	mech, ir, err := a.Start()
	if err != nil {
		return err
	}
	if err := c.text().send(authLine(mech, ir)); err != nil {
		return err
	}
	for step := 0; ; step++ {
		r, err := c.text().reply()
		if err != nil {
			return err
		}
		if !r.cont {
			return c.loginReply(r)
		}
		if step == maxSASLSteps {
			return c.abort(ErrTooManySteps)
		}
		resp, err := answer(a, r.text)
		if err != nil {
			return c.abort(err)
		}
		if err := c.text().send(base64.StdEncoding.EncodeToString(resp)); err != nil {
			return err
		}
	}
}

// authLine is "AUTH mech [initial-response]"; an empty initial response is "=".
func authLine(mech string, ir []byte) string {
	switch {
	case ir == nil:
		return "AUTH " + mech
	case len(ir) == 0:
		return "AUTH " + mech + " ="
	}
	return "AUTH " + mech + " " + base64.StdEncoding.EncodeToString(ir)
}

// answer decodes a challenge and computes the response.
func answer(a sasl.Client, text string) ([]byte, error) {
	ch, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil {
		return nil, ErrBadChallenge
	}
	return a.Next(ch)
}

// abort cancels the exchange with "*" and reads the server's answer; the
// error wraps ErrAuthAborted and why.
func (c *Client) abort(why error) error {
	if err := c.text().send("*"); err == nil {
		_, _ = c.text().readLine()
	}
	return fmt.Errorf("%w: %w", ErrAuthAborted, why)
}

// loginReply ends a login: +OK moves the session to TRANSACTION.
func (c *Client) loginReply(r reply) error {
	if err := r.err(); err != nil {
		return err
	}
	c.state = transaction
	return nil
}
