package pop3

import "strings"

// Greeting reads the server's greeting and returns its text after "+OK". A
// -ERR greeting (the server refuses to serve us) is *Error; a line that is
// no POP3 status line (SMTP's "220", IMAP's "* OK") is *ProtocolError.
func (c *Client) Greeting() (string, error) {
	r, err := c.text().okReply()
	if err != nil {
		return "", err
	}
	c.stamp = apopStamp(r.text)
	return r.text, nil
}

// APOPStamp is the RFC 1939 timestamp (<…@…>) of the greeting, or "".
func (c *Client) APOPStamp() string { return c.stamp }

// apopStamp finds the timestamp in a greeting's text.
func apopStamp(text string) string {
	start := strings.IndexByte(text, '<')
	end := strings.IndexByte(text[max(start, 0):], '>')
	if start < 0 || end < 0 {
		return ""
	}
	stamp := text[start : start+end+1]
	if !strings.Contains(stamp, "@") || strings.ContainsAny(stamp, " \t") {
		return ""
	}
	return stamp
}
