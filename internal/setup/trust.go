package setup

import (
	"crypto/x509"
	"fmt"

	"github.com/setupwiz/setupwiz/internal/input"
)

// maxCAFile bounds a CA file: a bundle of a few hundred certificates fits.
const maxCAFile = 4 << 20

// caPool is one CA file as read, or why it could not be.
type caPool struct {
	pool *x509.CertPool
	err  error
}

// caFile returns the authorities in path (nil for ""), reading each file once.
func (f *Flow) caFile(path string) (*x509.CertPool, error) {
	if path == "" {
		return nil, nil
	}
	f.caMu.Lock()
	defer f.caMu.Unlock()
	if c, ok := f.ca[path]; ok {
		return c.pool, c.err
	}
	pool, err := readCAFile(path)
	if f.ca == nil {
		f.ca = map[string]caPool{}
	}
	f.ca[path] = caPool{pool, err}
	return pool, err
}

// CheckCAFile says whether path holds at least one PEM certificate, so a
// face can refuse a bad --ca-file before anything else happens.
func (f *Flow) CheckCAFile(path string) error {
	_, err := f.caFile(path)
	return err
}

func readCAFile(path string) (*x509.CertPool, error) {
	pem, err := input.ReadFile("the CA file", path, maxCAFile) // a regular file: a FIFO would hang the run
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("the CA file %s holds no PEM certificate", path)
	}
	return pool, nil
}
