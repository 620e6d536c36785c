package main

import (
	"bufio"
	"errors"

	"github.com/setupwiz/setupwiz/internal/input"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// readPasswordFile reads --password-file. A FIFO (or `<(pass show …)`) is
// refused rather than waited on; the error says to pipe the password into
// --password-stdin instead.
func readPasswordFile(path string) (profile.Password, error) {
	return readSecretFile("--password-file", path, "to pipe the password in, use --password-stdin")
}

// readSecretFile reads a secret from the first line of the regular file
// named by flag; hint is added when the file is not a regular file.
func readSecretFile(flag, path, hint string) (profile.Password, error) {
	f, err := input.Open(flag, path)
	var ie *input.Error
	if errors.As(err, &ie) && errors.Is(err, input.ErrNotRegular) {
		ie.Hint = hint
	}
	if err != nil {
		return profile.Password{}, err
	}
	defer f.Close()
	return input.ReadSecretLine(bufio.NewReader(f), flag+" "+path)
}
