package main

import (
	"crypto/x509"

	"github.com/setupwiz/setupwiz/internal/input"
)

// maxCAFile bounds --ca-file: a bundle of a few hundred certificates fits.
const maxCAFile = 4 << 20

// readCAFile reads --ca-file, which must be a regular file (input.ReadFile)
// holding at least one PEM certificate.
func readCAFile(path string) ([]byte, error) {
	pem, err := input.ReadFile("--ca-file", path, maxCAFile)
	if err != nil {
		return nil, err
	}
	if !x509.NewCertPool().AppendCertsFromPEM(pem) {
		return nil, usagef("--ca-file %s: no PEM certificate found in it", path)
	}
	return pem, nil
}

// checkCAFile refuses a bad --ca-file before anything is written: even an
// export that logs in nowhere (--unverified) puts its path into the mutt
// and fetchmail files.
func (a *accountFlags) checkCAFile() error {
	if a.caFile == "" {
		return nil
	}
	_, err := readCAFile(a.caFile)
	return err
}
