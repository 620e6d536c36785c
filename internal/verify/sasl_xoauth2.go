package verify

// xoauth2Client is Google's and Microsoft's XOAUTH2: one initial response
// with the user and a bearer token. On failure the server sends a JSON error
// as a challenge, which must be answered with an empty line.
type xoauth2Client struct {
	username, token string
}

func (c *xoauth2Client) Start() (string, []byte, error) {
	ir := "user=" + c.username + "\x01auth=Bearer " + c.token + "\x01\x01"
	return "XOAUTH2", []byte(ir), nil
}

func (c *xoauth2Client) Next([]byte) ([]byte, error) { return []byte{}, nil }
