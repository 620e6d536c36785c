package verify

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xdg-go/scram"
)

// scramClient is SASL SCRAM-SHA-1 / SCRAM-SHA-256 (RFC 5802, RFC 7677)
// without channel binding, on github.com/xdg-go/scram: it applies SASLprep
// and checks the server's signature, so a server that does not know the
// password cannot pretend the login worked. We only bound the work a
// server can ask of us.
type scramClient struct {
	mech  string
	conv  *scram.ClientConversation
	nonce string // ours, from the client-first message
}

// maxSCRAMIterations bounds the PBKDF2 work a server can ask of us.
const maxSCRAMIterations = 1 << 20

func newSCRAM(mech string, h scram.HashGeneratorFcn, username, password string) (*scramClient, error) {
	c, err := h.NewClient(username, password, "")
	if err != nil {
		return nil, err
	}
	return newSCRAMConversation(mech, c), nil
}

func newSCRAMConversation(mech string, c *scram.Client) *scramClient {
	return &scramClient{mech: mech, conv: c.WithMinIterations(1).NewConversation()}
}

func (c *scramClient) Start() (string, []byte, error) {
	first, err := c.conv.Step("")
	_, c.nonce, _ = strings.Cut(first, ",r=")
	return c.mech, []byte(first), err
}

func (c *scramClient) Next(challenge []byte) ([]byte, error) {
	if err := c.checkServerFirst(string(challenge)); err != nil {
		return nil, err
	}
	resp, err := c.conv.Step(string(challenge))
	if err != nil {
		return nil, fmt.Errorf("SCRAM: %w", err)
	}
	return []byte(resp), nil
}

// checkServerFirst refuses a server-first message whose nonce does not
// extend ours (the server added no randomness) or whose iteration count
// (i=) would make us burn CPU.
func (c *scramClient) checkServerFirst(msg string) error {
	for _, attr := range strings.Split(msg, ",") {
		if v, ok := strings.CutPrefix(attr, "r="); ok && (!strings.HasPrefix(v, c.nonce) || len(v) == len(c.nonce)) {
			return fmt.Errorf("SCRAM: the server's nonce does not extend ours")
		}
		if v, ok := strings.CutPrefix(attr, "i="); ok {
			if n, err := strconv.Atoi(v); err != nil || n > maxSCRAMIterations {
				return fmt.Errorf("SCRAM: iteration count %q out of range", v)
			}
		}
	}
	return nil
}
