package profile

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// CheckPasswordText refuses text that cannot be a password: a NUL byte
// (no mail client can store or send it; C strings end there) or bytes that
// are not UTF-8 (each client would encode them differently, or not at all).
// The error says which, never the text.
func CheckPasswordText(s string) error {
	switch {
	case strings.IndexByte(s, 0) >= 0:
		return errors.New("the password holds a NUL byte, which no mail program can send")
	case !utf8.ValidString(s):
		return errors.New("the password is not valid UTF-8 text (save the file as UTF-8)")
	}
	return nil
}
