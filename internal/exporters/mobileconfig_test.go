package exporters

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/smallstep/pkcs7"
)

// plistJSON parses a plist strictly with Python's plistlib and returns it as JSON-decoded data.
func plistJSON(t *testing.T, data []byte) map[string]any {
	t.Helper()
	mailtest.NeedTool(t, "python3")
	// <data> values come back base64-encoded (json cannot hold bytes).
	const script = `import base64, plistlib, sys, json; json.dump(plistlib.loads(sys.stdin.buffer.read()), sys.stdout, default=lambda b: base64.b64encode(b).decode())`
	out, stderr, err := run(t, nil, data, "python3", "-c", script)
	if err != nil {
		t.Fatalf("plistlib rejected the file: %v\n%s", err, stderr)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMobileConfigParsesWithRequiredKeys(t *testing.T) {
	for _, p := range []profile.Profile{sampleProfile(), starttlsProfile()} {
		top := plistJSON(t, export(t, MobileConfig(), p, opts()))
		for _, k := range []string{"PayloadContent", "PayloadIdentifier", "PayloadType", "PayloadUUID", "PayloadVersion"} {
			if top[k] == nil {
				t.Errorf("top level lacks %s", k)
			}
		}
		checkEq(t, "PayloadType", top["PayloadType"], any("Configuration"))
		checkEq(t, "PayloadVersion", top["PayloadVersion"], any(float64(1)))
		mail := top["PayloadContent"].([]any)[0].(map[string]any)
		want := map[string]any{
			"PayloadType": "com.apple.mail.managed", "PayloadVersion": float64(1), "EmailAccountType": "EmailTypePOP",
			"IncomingMailServerHostName": "mail.example.test", "IncomingMailServerAuthentication": "EmailAuthCRAMMD5",
			"OutgoingMailServerAuthentication": "EmailAuthPassword", "EmailAddress": p.Email, "EmailAccountName": p.DisplayName,
			"IncomingMailServerPortNumber": float64(p.Incoming.Port), "OutgoingMailServerPortNumber": float64(p.Outgoing.Port),
			"IncomingMailServerUseSSL": true, "OutgoingMailServerUseSSL": true,
			"IncomingMailServerUsername": p.Incoming.Username, "OutgoingMailServerUsername": p.Outgoing.Username,
		}
		if p.Email == sampleProfile().Email {
			want["IncomingMailServerHostName"], want["IncomingMailServerAuthentication"] = "pop.example.test", "EmailAuthPassword"
		}
		for k, v := range want {
			checkEq(t, k, mail[k], v)
		}
		for _, k := range []string{"IncomingPassword", "OutgoingPassword"} {
			if _, ok := mail[k]; ok {
				t.Errorf("%s is present without IncludePassword", k)
			}
		}
	}
}

func TestMobileConfigIdentifiersAreStableAndPerAccount(t *testing.T) {
	a1 := plistJSON(t, export(t, MobileConfig(), sampleProfile(), opts()))
	later := opts()
	later.Now = func() time.Time { return fixedNow().Add(48 * time.Hour) }
	p := sampleProfile()
	p.DisplayName, p.Email = "Renamed", "JANE@example.test"
	a2 := plistJSON(t, export(t, MobileConfig(), p, later))
	b := plistJSON(t, export(t, MobileConfig(), starttlsProfile(), opts()))
	ids := func(m map[string]any) [4]any {
		mail := m["PayloadContent"].([]any)[0].(map[string]any)
		return [4]any{m["PayloadUUID"], m["PayloadIdentifier"], mail["PayloadUUID"], mail["PayloadIdentifier"]}
	}
	if ids(a1) != ids(a2) {
		t.Errorf("re-export changed the identifiers: %v vs %v", ids(a1), ids(a2))
	}
	if ids(a1)[0] == ids(b)[0] || ids(a1)[2] == ids(b)[2] || ids(a1)[0] == ids(a1)[2] {
		t.Errorf("identifiers collide: %v %v", ids(a1), ids(b))
	}
}

func TestMobileConfigIncludesPasswordOnlyOnRequest(t *testing.T) {
	o := opts()
	o.IncludePassword, o.Password = true, profile.NewPassword("s3cr\"t <&> ü\t")
	mail := plistJSON(t, export(t, MobileConfig(), sampleProfile(), o))["PayloadContent"].([]any)[0].(map[string]any)
	checkEq(t, "IncomingPassword", mail["IncomingPassword"], any(o.Password.Reveal()))
	checkEq(t, "OutgoingPassword", mail["OutgoingPassword"], any(o.Password.Reveal()))
	o.Password = profile.NewPassword("bad\x01")
	if err := MobileConfig().Export(new(bytes.Buffer), sampleProfile(), o); err == nil {
		t.Error("a password with a control character XML cannot carry was accepted")
	}
}

// testChain makes root CA → intermediate → signer (keyKind "rsa" or "ecdsa") and writes PEM files.
func testChain(t testing.TB, dir, keyKind string) (certPEM, keyPEM []byte, rootFile string) {
	t.Helper()
	rootKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	root := makeCert(t, "setupwiz test root", rootKey, nil, nil, true)
	midKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	mid := makeCert(t, "setupwiz test intermediate", midKey, root, rootKey, true)
	var signerKey any
	if keyKind == "rsa" {
		signerKey, _ = rsa.GenerateKey(rand.Reader, 2048)
	} else {
		signerKey, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	}
	leaf := makeCert(t, "setupwiz profile signer", signerKey, mid, midKey, false)
	keyDER, err := x509.MarshalPKCS8PrivateKey(signerKey)
	if err != nil {
		t.Fatal(err)
	}
	certPEM = append(pemCert(leaf), pemCert(mid)...)
	rootFile = writeFile(t, dir, "root.pem", pemCert(root), 0o644)
	return certPEM, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), rootFile
}

func makeCert(t testing.TB, cn string, key any, parent *x509.Certificate, parentKey any, ca bool) *x509.Certificate {
	t.Helper()
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: ca, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageDigitalSignature}
	if ca {
		tmpl.KeyUsage |= x509.KeyUsageCertSign
	} else {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection, x509.ExtKeyUsageCodeSigning}
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	pub := key.(crypto.Signer).Public()
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return c
}

func pemCert(c *x509.Certificate) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
}

func TestSignedMobileConfigVerifiesWithOpenSSL(t *testing.T) {
	mailtest.NeedTool(t, "openssl")
	for _, kind := range []string{"rsa", "ecdsa"} {
		t.Run(kind, func(t *testing.T) {
			dir := t.TempDir()
			certPEM, keyPEM, rootFile := testChain(t, dir, kind)
			plain := export(t, MobileConfig(), sampleProfile(), opts())
			o := opts()
			o.SignCert, o.SignKey = certPEM, keyPEM
			signed := writeFile(t, dir, "signed.mobileconfig", export(t, MobileConfig(), sampleProfile(), o), 0o644)
			for _, trust := range [][]string{{"-noverify"}, {"-CAfile", rootFile}} {
				out := filepath.Join(dir, "unwrapped")
				args := append([]string{"cms", "-verify", "-inform", "DER", "-in", signed, "-binary", "-out", out}, trust...)
				if _, stderr, err := run(t, nil, nil, "openssl", args...); err != nil {
					t.Fatalf("openssl %v: %v\n%s", trust, err, stderr)
				}
				if got, _ := os.ReadFile(out); !bytes.Equal(got, plain) {
					t.Errorf("the signed profile unwraps to different content (%v)", trust)
				}
			}
		})
	}
}

func TestVerifyCMSDetectsTampering(t *testing.T) {
	certPEM, keyPEM, _ := testChain(t, t.TempDir(), "ecdsa")
	content := []byte("<plist>original</plist>")
	signed, err := SignCMS(content, certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := VerifyCMS(signed); err != nil || !bytes.Equal(got, content) {
		t.Fatalf("VerifyCMS on a fresh signature: %v", err)
	}
	i := bytes.Index(signed, []byte("original"))
	tampered := bytes.Clone(signed)
	tampered[i] = 'O'
	if _, err := VerifyCMS(tampered); err == nil {
		t.Error("VerifyCMS accepted altered content")
	}
}

func TestSignRefusesAKeyThatDoesNotMatch(t *testing.T) {
	certPEM, _, _ := testChain(t, t.TempDir(), "rsa")
	_, otherKey, _ := testChain(t, t.TempDir(), "rsa")
	if _, err := SignCMS([]byte("x"), certPEM, otherKey); err == nil {
		t.Error("signing with another certificate's key was accepted")
	}
}

// TestSignedDataUsesSHA256AndCarriesTheChain: the signer's certificate and
// its intermediate travel with the profile (a device needs the chain), and
// the digest is SHA-256, not the library's SHA-1 default.
func TestSignedDataUsesSHA256AndCarriesTheChain(t *testing.T) {
	certPEM, keyPEM, _ := testChain(t, t.TempDir(), "rsa")
	signed, err := SignCMS([]byte("<plist/>"), certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	p7, err := pkcs7.Parse(signed)
	if err != nil {
		t.Fatal(err)
	}
	if len(p7.Certificates) != 2 || p7.Certificates[0].Subject.CommonName != "setupwiz profile signer" ||
		p7.Certificates[1].Subject.CommonName != "setupwiz test intermediate" {
		t.Errorf("certificates: %d, want signer then intermediate", len(p7.Certificates))
	}
	if alg := p7.Signers[0].DigestAlgorithm.Algorithm; !alg.Equal(pkcs7.OIDDigestAlgorithmSHA256) {
		t.Errorf("digest algorithm %v, want SHA-256", alg)
	}
}

func TestSignRefusesAnEd25519Key(t *testing.T) {
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	cert := makeCert(t, "ed25519 signer", key, nil, nil, false)
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	_, err = SignCMS([]byte("x"), pemCert(cert), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}))
	if err == nil || !strings.Contains(err.Error(), "use an RSA or ECDSA key") {
		t.Errorf("an Ed25519 key: %v", err)
	}
}
