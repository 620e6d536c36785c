package exporters

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"reflect"
)

// loadSigner reads the certificate chain (signer first) and its private key,
// which must be RSA or ECDSA (what Apple devices verify).
func loadSigner(certPEM, keyPEM []byte) ([]*x509.Certificate, crypto.Signer, error) {
	certs, err := pemCertificates(certPEM)
	if err != nil {
		return nil, nil, err
	}
	key, err := pemKey(keyPEM)
	if err != nil {
		return nil, nil, err
	}
	switch key.(type) {
	case *rsa.PrivateKey, *ecdsa.PrivateKey:
	default:
		return nil, nil, &FieldError{TargetMobileConfig, "signing key", fmt.Sprintf("is a %T; use an RSA or ECDSA key", key)}
	}
	if !publicKeysEqual(certs[0].PublicKey, key.Public()) {
		return nil, nil, &FieldError{TargetMobileConfig, "signing key", "does not belong to the first certificate in the certificate file"}
	}
	return certs, key, nil
}

func pemCertificates(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, &FieldError{TargetMobileConfig, "signing certificate", "cannot be parsed: " + err.Error()}
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, &FieldError{TargetMobileConfig, "signing certificate", "file holds no PEM CERTIFICATE block"}
	}
	return certs, nil
}

func pemKey(data []byte) (crypto.Signer, error) {
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		if k, err := parseKeyBlock(block); k != nil || err != nil {
			return k, err
		}
	}
	return nil, &FieldError{TargetMobileConfig, "signing key", "file holds no unencrypted PEM private key"}
}

func parseKeyBlock(block *pem.Block) (crypto.Signer, error) {
	var key any
	var err error
	switch block.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		return nil, nil
	}
	if err != nil {
		return nil, &FieldError{TargetMobileConfig, "signing key", "cannot be parsed: " + err.Error()}
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, &FieldError{TargetMobileConfig, "signing key", fmt.Sprintf("is a %T, which cannot sign", key)}
	}
	return signer, nil
}

// publicKeysEqual compares keys through their Equal method (all stdlib keys have one).
func publicKeysEqual(a, b crypto.PublicKey) bool {
	if e, ok := a.(interface{ Equal(crypto.PublicKey) bool }); ok {
		return e.Equal(b)
	}
	return reflect.DeepEqual(a, b)
}
