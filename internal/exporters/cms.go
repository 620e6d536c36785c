package exporters

import (
	"errors"
	"fmt"

	"github.com/smallstep/pkcs7"
)

// SignCMS wraps content in a CMS SignedData (RFC 5652) with the content
// embedded, as Apple expects for signed configuration profiles: SHA-256, the
// signed attributes content type, message digest and signing time, and the
// certificate chain. The first certificate of certPEM signs with keyPEM (RSA
// or ECDSA); the others go in as its chain. github.com/smallstep/pkcs7 does
// the encoding.
func SignCMS(content, certPEM, keyPEM []byte) ([]byte, error) {
	certs, key, err := loadSigner(certPEM, keyPEM)
	if err != nil {
		return nil, err
	}
	sd, err := pkcs7.NewSignedData(content)
	if err != nil {
		return nil, fmt.Errorf("mobileconfig signing: %w", err)
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	if err := sd.AddSigner(certs[0], key, pkcs7.SignerInfoConfig{}); err != nil {
		return nil, fmt.Errorf("mobileconfig signing: %w", err)
	}
	for _, c := range certs[1:] {
		sd.AddCertificate(c)
	}
	return sd.Finish()
}

// VerifyCMS checks a SignedData as SignCMS makes it: one signer whose
// certificate is included, a message digest that matches the content, and a
// signature over the signed attributes that verifies with that certificate.
// It does not decide whether the certificate is trusted. It returns the
// embedded content.
func VerifyCMS(der []byte) ([]byte, error) {
	p7, err := pkcs7.Parse(der)
	if err != nil {
		return nil, fmt.Errorf("cms: %w", err)
	}
	if len(p7.Signers) != 1 {
		return nil, fmt.Errorf("cms: %d signers, want 1", len(p7.Signers))
	}
	if len(p7.Signers[0].AuthenticatedAttributes) == 0 {
		return nil, errors.New("cms: no signed attributes, so no message digest binds the content")
	}
	if err := p7.Verify(); err != nil {
		return nil, fmt.Errorf("cms: %w", err)
	}
	return p7.Content, nil
}
