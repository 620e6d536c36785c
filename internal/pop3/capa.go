package pop3

import (
	"strconv"
	"strings"
)

// Caps is a parsed CAPA reply (RFC 2449).
type Caps struct {
	Raw          []string // every capability line as sent
	SASL         []string // mechanisms from "SASL …", upper case
	STLS         bool
	User         bool
	UIDL         bool
	Top          bool
	Pipelining   bool
	RespCodes    bool
	AuthRespCode bool
	LoginDelay   int    // seconds, from "LOGIN-DELAY n"
	Expire       string // "NEVER", days, or "" when not announced
	Impl         string
}

// Capa asks for the capabilities. A server without CAPA answers -ERR
// (*Error): it is old, not broken, and the caller knows nothing about it.
func (c *Client) Capa() (*Caps, error) {
	if _, err := c.text().cmd("CAPA"); err != nil {
		return nil, err
	}
	lines, err := c.text().lines()
	if err != nil {
		return nil, err
	}
	c.caps = parseCapa(lines)
	return c.caps, nil
}

// parseCapa parses the lines of a CAPA reply (without status line and ".").
func parseCapa(lines []string) *Caps {
	c := &Caps{}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) == 0 {
			continue
		}
		c.Raw = append(c.Raw, l)
		c.apply(strings.ToUpper(f[0]), f[1:])
	}
	return c
}

func (c *Caps) apply(name string, args []string) {
	switch name {
	case "SASL":
		for _, a := range args {
			c.SASL = append(c.SASL, strings.ToUpper(a))
		}
	case "STLS":
		c.STLS = true
	case "USER":
		c.User = true
	case "UIDL":
		c.UIDL = true
	case "TOP":
		c.Top = true
	case "PIPELINING":
		c.Pipelining = true
	case "RESP-CODES":
		c.RespCodes = true
	case "AUTH-RESP-CODE":
		c.AuthRespCode = true
	case "LOGIN-DELAY":
		c.LoginDelay = firstInt(args)
	case "EXPIRE":
		c.Expire = strings.Join(args, " ")
	case "IMPLEMENTATION":
		c.Impl = strings.Join(args, " ")
	}
}

func firstInt(args []string) int {
	if len(args) == 0 {
		return 0
	}
	n, err := strconv.Atoi(args[0])
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// pipelining reports whether the server advertised PIPELINING.
func (c *Client) pipelining() bool { return c.caps != nil && c.caps.Pipelining }
