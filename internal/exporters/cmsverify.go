package exporters

import (
	"bytes"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
)

// VerifyCMS checks a SignedData made by SignCMS: the message digest matches
// the content and the signature over the signed attributes verifies with the
// signer's certificate. It does not decide whether that certificate is
// trusted. It returns the embedded content.
func VerifyCMS(der []byte) ([]byte, error) {
	sd, content, err := parseSignedData(der)
	if err != nil {
		return nil, err
	}
	if len(sd.SignerInfos) != 1 {
		return nil, fmt.Errorf("cms: %d signers, want 1", len(sd.SignerInfos))
	}
	si := sd.SignerInfos[0]
	cert, err := findSigner(sd.Certificates.Bytes, si.SID)
	if err != nil {
		return nil, err
	}
	if err := checkMessageDigest(si.SignedAttrs.Bytes, content); err != nil {
		return nil, err
	}
	return content, checkSignature(cert, si)
}

func parseSignedData(der []byte) (cmsSignedData, []byte, error) {
	var ci cmsContentInfo
	var sd cmsSignedData
	if rest, err := asn1.Unmarshal(der, &ci); err != nil || len(rest) > 0 || !ci.ContentType.Equal(oidSignedData) {
		return sd, nil, fmt.Errorf("cms: not a SignedData ContentInfo (%v)", err)
	}
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		return sd, nil, fmt.Errorf("cms: SignedData: %w", err)
	}
	var content []byte
	if _, err := asn1.Unmarshal(sd.EncapContent.Content.Bytes, &content); err != nil {
		return sd, nil, fmt.Errorf("cms: embedded content: %w", err)
	}
	return sd, content, nil
}

func findSigner(raw []byte, sid cmsIssuerSerial) (*x509.Certificate, error) {
	certs, err := x509.ParseCertificates(raw)
	if err != nil {
		return nil, fmt.Errorf("cms: certificates: %w", err)
	}
	for _, c := range certs {
		if bytes.Equal(c.RawIssuer, sid.Issuer.FullBytes) && c.SerialNumber.Cmp(sid.Serial) == 0 {
			return c, nil
		}
	}
	return nil, errors.New("cms: the signer's certificate is not included")
}

func checkMessageDigest(attrs, content []byte) error {
	want := sha256.Sum256(content)
	for rest := attrs; len(rest) > 0; {
		var a cmsAttribute
		var err error
		if rest, err = asn1.Unmarshal(rest, &a); err != nil {
			return fmt.Errorf("cms: signed attributes: %w", err)
		}
		var got []byte
		if a.Type.Equal(oidMessageDigest) {
			if _, err := asn1.Unmarshal(a.Values.Bytes, &got); err != nil || !bytes.Equal(got, want[:]) {
				return errors.New("cms: the message digest does not match the content")
			}
			return nil
		}
	}
	return errors.New("cms: no message digest attribute")
}

// checkSignature verifies over the DER SET OF the attributes (tag 0x31, not [0]).
func checkSignature(cert *x509.Certificate, si cmsSignerInfo) error {
	signed, err := asn1.Marshal(setOf(si.SignedAttrs.Bytes))
	if err != nil {
		return err
	}
	alg := x509.ECDSAWithSHA256
	if _, ok := cert.PublicKey.(*rsa.PublicKey); ok {
		alg = x509.SHA256WithRSA
	}
	if err := cert.CheckSignature(alg, signed, si.Signature); err != nil {
		return fmt.Errorf("cms: signature: %w", err)
	}
	return nil
}
