package verify

import (
	"crypto/hmac"
	"crypto/md5"
	"encoding/hex"
)

// cramMD5Client is SASL CRAM-MD5 (RFC 2195): the answer to the server's
// challenge is the user name and the hex HMAC-MD5 of the challenge keyed
// with the password.
type cramMD5Client struct {
	username, password string
}

func (c *cramMD5Client) Start() (string, []byte, error) { return "CRAM-MD5", nil, nil }

func (c *cramMD5Client) Next(challenge []byte) ([]byte, error) {
	m := hmac.New(md5.New, []byte(c.password))
	m.Write(challenge)
	return []byte(c.username + " " + hex.EncodeToString(m.Sum(nil))), nil
}
