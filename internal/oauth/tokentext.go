package oauth

import (
	"errors"
	"fmt"
)

// checkTokens refuses a token response whose tokens could smuggle text into
// what carries them: the access token goes into a SASL message and a mail
// program's command output, the refresh token into the secret store. The
// access token must be a bearer token (RFC 6750 §2.1 b64token), the refresh
// token printable ASCII (RFC 6749 Appendix A.17, VSCHAR).
func checkTokens(access, refresh string) error {
	switch {
	case access == "":
		return errors.New("the provider sent no access token")
	case !isB64Token(access):
		return fmt.Errorf("the provider sent an access token with characters a bearer token cannot have (RFC 6750)")
	case !isVSChars(refresh):
		return fmt.Errorf("the provider sent a refresh token with characters a token cannot have (RFC 6749)")
	}
	return nil
}

// isB64Token is 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
func isB64Token(s string) bool {
	i := 0
	for i < len(s) && b64TokenChar(s[i]) {
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(s) && s[i] == '=' {
		i++
	}
	return i == len(s)
}

func b64TokenChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/'
}

// isVSChars is *VSCHAR (%x20-7E); an empty refresh token is checked elsewhere.
func isVSChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
