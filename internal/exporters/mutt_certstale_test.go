package exporters

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"
)

// selfSigned is a PEM certificate for host, as a server without an
// authority shows it.
func selfSigned(t *testing.T, host string) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: host},
		DNSNames: []string{host}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// TestAddCertificatesTakesOutTheRetiredOne: a new pinned certificate
// replaces the one the server showed before (by its fingerprint, in any
// spelling); another certificate for the same host name (another service,
// accepted in mutt) and the text around stay.
func TestAddCertificatesTakesOutTheRetiredOne(t *testing.T) {
	old, sameHost, renewed := selfSigned(t, "pop.example.test"), selfSigned(t, "pop.example.test"), selfSigned(t, "pop.example.test")
	block, _ := pem.Decode([]byte(old))
	fp := strings.ToLower(strings.ReplaceAll(hexColons(sha256Sum(block.Bytes)), ":", ""))
	file := []byte("# accepted in mutt\n" + sameHost + old)
	merged := string(AddCertificates(renewed, fp)(file))
	if strings.Contains(merged, old) || !strings.Contains(merged, sameHost) || !strings.Contains(merged, renewed) ||
		!strings.HasPrefix(merged, "# accepted in mutt\n"+sameHost) {
		t.Fatalf("merged:\n%s", merged)
	}
	if again := string(AddCertificates(renewed, fp)([]byte(merged))); again != merged {
		t.Errorf("the same pin again changed the file:\n%s", again)
	}
	if kept := string(AddCertificates(renewed)(file)); !strings.Contains(kept, old) {
		t.Errorf("with nothing retired a certificate was taken out:\n%s", kept)
	}
}
