package input

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// MaxSecretLine bounds a password line.
const MaxSecretLine = 4096

// ReadSecretLine reads the first line of in (CR/LF stripped) as a password.
// An empty line, one longer than MaxSecretLine and text that is no password
// (a NUL byte, invalid UTF-8: see profile.CheckPasswordText) are an *Error
// naming what; an interrupted read returns the context's error as it is.
func ReadSecretLine(in *bufio.Reader, what string) (profile.Password, error) {
	line, err := readBoundedLine(in)
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return profile.Password{}, err
	case err != nil:
		return profile.Password{}, &Error{What: what, Err: err}
	case len(line) > MaxSecretLine:
		return profile.Password{}, &Error{What: what, Err: fmt.Errorf("the line is longer than %d bytes", MaxSecretLine)}
	case line == "":
		return profile.Password{}, &Error{What: what, Err: errors.New("the first line is empty, so the password is empty")}
	}
	if err := profile.CheckPasswordText(line); err != nil {
		return profile.Password{}, &Error{What: what, Err: err}
	}
	return profile.NewPassword(line), nil
}

// readBoundedLine reads up to the first newline or EOF, stopping one byte
// past MaxSecretLine, and strips the line ending.
func readBoundedLine(in *bufio.Reader) (string, error) {
	var b strings.Builder
	for b.Len() <= MaxSecretLine {
		c, err := in.ReadByte()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		if c == '\n' {
			break
		}
		b.WriteByte(c)
	}
	return strings.TrimRight(b.String(), "\r\n"), nil
}
