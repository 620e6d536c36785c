package verify

import (
	"bytes"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
)

// scramClient is SASL SCRAM-SHA-1 / SCRAM-SHA-256 (RFC 5802, RFC 7677)
// without channel binding. It checks the server's signature, so a server
// that does not know the password cannot pretend the login worked.
type scramClient struct {
	mech     string
	h        func() hash.Hash
	username string
	password string
	nonce    string
	step     int
	// set after the server-first message
	clientFirstBare string
	serverSig       []byte
}

// maxSCRAMIterations bounds the PBKDF2 work a server can ask of us.
const maxSCRAMIterations = 1 << 20

func newSCRAM(mech string, h func() hash.Hash, username, password string) *scramClient {
	return &scramClient{mech: mech, h: h, username: username, password: password, nonce: rand.Text()}
}

func (c *scramClient) Start() (string, []byte, error) {
	c.clientFirstBare = "n=" + scramName(c.username) + ",r=" + c.nonce
	return c.mech, []byte("n,," + c.clientFirstBare), nil
}

func (c *scramClient) Next(challenge []byte) ([]byte, error) {
	c.step++
	switch c.step {
	case 1:
		return c.clientFinal(string(challenge))
	case 2:
		return []byte{}, c.checkServerFinal(string(challenge))
	}
	return nil, errors.New("SCRAM: unexpected extra challenge")
}

// clientFinal answers server-first (r=nonce,s=salt,i=iterations) with the proof.
func (c *scramClient) clientFinal(serverFirst string) ([]byte, error) {
	attrs := scramAttrs(serverFirst)
	salt, err := base64.StdEncoding.DecodeString(attrs["s"])
	iter, ierr := strconv.Atoi(attrs["i"])
	switch {
	case !strings.HasPrefix(attrs["r"], c.nonce) || len(attrs["r"]) == len(c.nonce):
		return nil, errors.New("SCRAM: the server's nonce does not extend ours")
	case err != nil || len(salt) == 0:
		return nil, errors.New("SCRAM: bad salt")
	case ierr != nil || iter < 1 || iter > maxSCRAMIterations:
		return nil, fmt.Errorf("SCRAM: iteration count %q out of range", attrs["i"])
	}
	salted, err := pbkdf2.Key(c.h, c.password, salt, iter, c.h().Size())
	if err != nil {
		return nil, err
	}
	withoutProof := "c=biws,r=" + attrs["r"]
	authMsg := c.clientFirstBare + "," + serverFirst + "," + withoutProof
	clientKey := c.hmac(salted, "Client Key")
	stored := c.h()
	stored.Write(clientKey)
	proof := xorBytes(clientKey, c.hmac(stored.Sum(nil), authMsg))
	c.serverSig = c.hmac(c.hmac(salted, "Server Key"), authMsg)
	return []byte(withoutProof + ",p=" + base64.StdEncoding.EncodeToString(proof)), nil
}

func (c *scramClient) checkServerFinal(serverFinal string) error {
	attrs := scramAttrs(serverFinal)
	if e, ok := attrs["e"]; ok {
		return fmt.Errorf("SCRAM: server error %q", e)
	}
	v, err := base64.StdEncoding.DecodeString(attrs["v"])
	if err != nil || subtle.ConstantTimeCompare(v, c.serverSig) != 1 {
		return errors.New("SCRAM: the server's signature is wrong; it may not be the real server")
	}
	return nil
}

func (c *scramClient) hmac(key []byte, msg string) []byte {
	m := hmac.New(c.h, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// scramAttrs parses "a=1,b=2" (values may contain '=').
func scramAttrs(s string) map[string]string {
	out := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok && len(k) == 1 {
			out[k] = v
		}
	}
	return out
}

// scramName escapes '=' and ',' in a user name (RFC 5802 section 5.1).
func scramName(u string) string {
	return strings.NewReplacer("=", "=3D", ",", "=2C").Replace(u)
}

func xorBytes(a, b []byte) []byte {
	out := bytes.Clone(a)
	for i := range out {
		out[i] ^= b[i]
	}
	return out
}
