package verify

import (
	"fmt"
	"strings"

	"github.com/emersion/go-sasl"
	"github.com/xdg-go/scram"
)

// newSASL returns a client for mech (upper case SASL name) that logs in as
// username with Options.Password, or with Options.OAuthToken for the OAuth
// mechanisms. PLAIN, LOGIN and OAUTHBEARER come from go-sasl; CRAM-MD5,
// SCRAM-SHA-1, SCRAM-SHA-256 and XOAUTH2 are ours.
func newSASL(mech, username string, o *Options) (sasl.Client, error) {
	pw, tok := o.Password.Reveal(), o.OAuthToken.Reveal()
	switch strings.ToUpper(mech) {
	case sasl.Plain:
		return sasl.NewPlainClient("", username, pw), nil
	case sasl.Login:
		return sasl.NewLoginClient(username, pw), nil
	case "CRAM-MD5":
		return &cramMD5Client{username: username, password: pw}, nil
	case "SCRAM-SHA-1":
		return newSCRAM("SCRAM-SHA-1", scram.SHA1, username, pw)
	case "SCRAM-SHA-256":
		return newSCRAM("SCRAM-SHA-256", scram.SHA256, username, pw)
	case "XOAUTH2":
		return &xoauth2Client{username: username, token: tok}, nil
	case sasl.OAuthBearer:
		return sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: username, Token: tok}), nil
	}
	return nil, fmt.Errorf("SASL mechanism %q is not supported", mech)
}
