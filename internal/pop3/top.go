package pop3

import "fmt"

// Top returns the header of message msg and its first n body lines (RFC
// 1939 §7, "TOP msg n"), dot-stuffing undone, at most MaxLines lines.
func (c *Client) Top(msg, n int) ([]string, error) {
	if _, err := c.text().cmd(fmt.Sprintf("TOP %d %d", msg, n)); err != nil {
		return nil, err
	}
	return c.text().lines()
}
