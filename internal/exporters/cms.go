package exporters

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"slices"
	"time"
)

// CMS SignedData (RFC 5652) with the content embedded, as Apple expects for
// signed configuration profiles: one signer, SHA-256, signed attributes
// (content type, signing time, message digest) and the certificate chain.

var (
	oidData          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningTime   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidSHA256        = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidRSA           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidECDSASHA256   = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
)

type cmsContentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue
}

type cmsSignedData struct {
	Version          int
	DigestAlgorithms []pkix.AlgorithmIdentifier `asn1:"set"`
	EncapContent     cmsEncapContent
	Certificates     asn1.RawValue   `asn1:"optional"`
	SignerInfos      []cmsSignerInfo `asn1:"set"`
}

type cmsEncapContent struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"optional"`
}

type cmsSignerInfo struct {
	Version            int
	SID                cmsIssuerSerial
	DigestAlgorithm    pkix.AlgorithmIdentifier
	SignedAttrs        asn1.RawValue `asn1:"optional"`
	SignatureAlgorithm pkix.AlgorithmIdentifier
	Signature          []byte
}

type cmsIssuerSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type cmsAttribute struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue
}

// ctxTag builds a constructed context-specific [tag] element around content.
func ctxTag(tag int, content []byte) asn1.RawValue {
	return asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: tag, IsCompound: true, Bytes: content}
}

func setOf(content []byte) asn1.RawValue {
	return asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: content}
}

// SignCMS wraps content in a CMS SignedData signed with the first certificate
// of certPEM and keyPEM (RSA or ECDSA); the remaining certificates are included as the chain.
func SignCMS(content, certPEM, keyPEM []byte, now time.Time) ([]byte, error) {
	certs, key, err := loadSigner(certPEM, keyPEM)
	if err != nil {
		return nil, err
	}
	attrs, err := signedAttributes(content, now)
	if err != nil {
		return nil, err
	}
	si, err := signerInfo(certs[0], key, attrs)
	if err != nil {
		return nil, err
	}
	return marshalSignedData(content, certs, si)
}

// signedAttributes returns the DER SET OF the three attributes, sorted as DER requires.
func signedAttributes(content []byte, now time.Time) ([]byte, error) {
	digest := sha256.Sum256(content)
	values := []struct {
		oid asn1.ObjectIdentifier
		v   any
	}{{oidContentType, oidData}, {oidSigningTime, now.UTC().Truncate(time.Second)}, {oidMessageDigest, digest[:]}}
	var encoded [][]byte
	for _, a := range values {
		v, err := asn1.Marshal(a.v)
		if err != nil {
			return nil, err
		}
		der, err := asn1.Marshal(cmsAttribute{a.oid, setOf(v)})
		if err != nil {
			return nil, err
		}
		encoded = append(encoded, der)
	}
	slices.SortFunc(encoded, compareDER)
	return asn1.Marshal(setOf(slices.Concat(encoded...)))
}

func compareDER(a, b []byte) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return slices.Compare(a, b)
}

func signerInfo(cert *x509.Certificate, key crypto.Signer, attrs []byte) (cmsSignerInfo, error) {
	sigAlg, err := signatureAlgorithm(key)
	if err != nil {
		return cmsSignerInfo{}, err
	}
	digest := sha256.Sum256(attrs)
	sig, err := key.Sign(rand.Reader, digest[:], crypto.SHA256)
	if err != nil {
		return cmsSignerInfo{}, fmt.Errorf("mobileconfig signing: %w", err)
	}
	var set asn1.RawValue
	if _, err := asn1.Unmarshal(attrs, &set); err != nil {
		return cmsSignerInfo{}, err
	}
	return cmsSignerInfo{
		Version:            1,
		SID:                cmsIssuerSerial{asn1.RawValue{FullBytes: cert.RawIssuer}, cert.SerialNumber},
		DigestAlgorithm:    pkix.AlgorithmIdentifier{Algorithm: oidSHA256},
		SignedAttrs:        ctxTag(0, set.Bytes), // [0] IMPLICIT: same content, other tag
		SignatureAlgorithm: sigAlg,
		Signature:          sig,
	}, nil
}

func signatureAlgorithm(key crypto.Signer) (pkix.AlgorithmIdentifier, error) {
	switch key.(type) {
	case *rsa.PrivateKey:
		return pkix.AlgorithmIdentifier{Algorithm: oidRSA, Parameters: asn1.NullRawValue}, nil
	case *ecdsa.PrivateKey:
		return pkix.AlgorithmIdentifier{Algorithm: oidECDSASHA256}, nil
	}
	return pkix.AlgorithmIdentifier{}, &FieldError{TargetMobileConfig, "signing key", fmt.Sprintf("is a %T; use an RSA or ECDSA key", key)}
}

func marshalSignedData(content []byte, certs []*x509.Certificate, si cmsSignerInfo) ([]byte, error) {
	octets, err := asn1.Marshal(content)
	if err != nil {
		return nil, err
	}
	var raw []byte
	for _, c := range certs {
		raw = append(raw, c.Raw...)
	}
	sd := cmsSignedData{
		Version:          1,
		DigestAlgorithms: []pkix.AlgorithmIdentifier{{Algorithm: oidSHA256}},
		EncapContent:     cmsEncapContent{oidData, ctxTag(0, octets)},
		Certificates:     ctxTag(0, raw),
		SignerInfos:      []cmsSignerInfo{si},
	}
	inner, err := asn1.Marshal(sd)
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(cmsContentInfo{oidSignedData, ctxTag(0, inner)})
}
