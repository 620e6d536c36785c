package pop3

// Quit sends QUIT, waits for the reply and closes the connection. After a
// login the server removes messages marked with DELE now (the UPDATE
// state), and the reply says whether that worked.
func (c *Client) Quit() error {
	_, err := c.text().cmd("QUIT")
	if cerr := c.conn.Close(); err == nil {
		err = cerr
	}
	return err
}

// QuitNoWait sends QUIT and closes the connection without waiting for the
// reply: for a session that changed nothing the reply carries no
// information, and waiting would cost a round trip.
func (c *Client) QuitNoWait() error {
	err := c.text().send("QUIT")
	if cerr := c.conn.Close(); err == nil {
		err = cerr
	}
	return err
}
