package verify

import (
	"strconv"
	"strings"
)

// pop3Caps is a parsed CAPA reply (RFC 2449).
type pop3Caps struct {
	Raw          []string // every capability line as sent
	SASL         []string // mechanisms from "SASL ..."
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
	Known        bool // CAPA worked; false means we know nothing
}

// parseCapa parses the lines of a CAPA reply (without the status line and the final ".").
func parseCapa(lines []string) pop3Caps {
	c := pop3Caps{Known: true}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) == 0 {
			continue
		}
		c.Raw = append(c.Raw, safeTextString(l))
		c.apply(strings.ToUpper(f[0]), f[1:])
	}
	return c
}

func (c *pop3Caps) apply(name string, args []string) {
	switch name {
	case "SASL":
		c.SASL = append(c.SASL, upperAll(args)...)
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
