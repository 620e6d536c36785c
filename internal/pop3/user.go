package pop3

import (
	"crypto/md5"
	"encoding/hex"
)

// User sends "USER name" (RFC 1939 §7) and waits for the reply: PASS is
// never pipelined behind it.
func (c *Client) User(name string) error {
	_, err := c.text().cmd("USER " + name)
	return err
}

// Pass sends "PASS password" after a successful User. The password goes
// as is: use it only over TLS, or with the user's consent.
func (c *Client) Pass(password string) error {
	return c.login("PASS " + password)
}

// APOP logs in with the MD5 digest of the greeting's timestamp and secret
// (RFC 1939 §7); the secret itself never goes on the wire. Without a
// timestamp in the greeting it returns ErrNoAPOP and sends nothing.
func (c *Client) APOP(name, secret string) error {
	if c.stamp == "" {
		return ErrNoAPOP
	}
	sum := md5.Sum([]byte(c.stamp + secret))
	return c.login("APOP " + name + " " + hex.EncodeToString(sum[:]))
}

// login sends a command whose +OK starts the TRANSACTION state.
func (c *Client) login(line string) error {
	if err := c.text().send(line); err != nil {
		return err
	}
	r, err := c.text().reply()
	if err != nil {
		return err
	}
	return c.loginReply(r)
}
