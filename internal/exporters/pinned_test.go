package exporters

import (
	"crypto/tls"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// serverCertPEM is the certificate the harness shows on port, fetched the
// way a user would first see it: without trusting anything.
func serverCertPEM(t *testing.T, s *mailtest.Server, port int) (pemText, sha string) {
	t.Helper()
	conn, err := tls.Dial("tcp", s.Addr(port), &tls.Config{InsecureSkipVerify: true, ServerName: "localhost"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	c := conn.ConnectionState().PeerCertificates[0]
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})), hexColons(sha256Sum(c.Raw))
}

// pinnedProfile is a profile for u on the harness that trusts no
// authority, only the server's certificate by its fingerprint, saved as
// setupwiz saves it (the PEM in the profile, a copy in certFile).
func pinnedProfile(t *testing.T, s *mailtest.Server, u mailtest.User, certFile string) profile.Profile {
	t.Helper()
	p := dovecotProfile(s, u, profile.SecurityTLS, s.POP3S)
	p.TLS.CAFile = ""
	cert, sha := serverCertPEM(t, s, s.POP3S)
	p.TLS.PinnedSHA256, p.TLS.PinnedCert = []string{sha}, cert
	if certFile != "" {
		writeFile(t, filepath.Dir(certFile), filepath.Base(certFile), []byte(cert), 0o644)
		p.TLS.PinnedCertFile = certFile
	}
	return p
}

// TestPinnedCertificateReachesFetchmail: with no authority to vouch for
// the server, fetchmail fetches by the pinned certificate, and refuses a
// server showing another one.
func TestPinnedCertificateReachesFetchmail(t *testing.T) {
	mailtest.NeedTool(t, "fetchmail")
	s := mailtest.Shared(t)
	alice := s.User("alice")
	p := pinnedProfile(t, s, alice, "")
	got := fetchmailRun(t, p, alice.Password)
	if len(got) == 0 {
		t.Fatal("fetchmail fetched nothing with the pinned certificate")
	}
	other := p
	other.TLS.PinnedCert, other.TLS.PinnedSHA256 = otherCertPEM(t)
	dir, rc := fetchmailSetup(t, other, alice.Password)
	if out, stderr, err := fetchmailOnce(t, dir, rc); err == nil || len(deliveredFiles(t, dir)) != 0 {
		t.Errorf("fetchmail accepted a server that does not show the pinned certificate: %v\n%s%s", err, out, stderr)
	}
}

// otherCertPEM is a certificate that is not the server's (the harness CA's).
func otherCertPEM(t *testing.T) (string, []string) {
	t.Helper()
	s := mailtest.Shared(t)
	data, err := os.ReadFile(s.CAFile)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	return string(data), []string{hexColons(sha256Sum(block.Bytes))}
}

// TestPinnedCertificateReachesMutt: mutt and neomutt log in by the saved
// copy of the pinned certificate (certificate_file), with no authority and
// without asking.
func TestPinnedCertificateReachesMutt(t *testing.T) {
	mailtest.NeedTool(t, "mutt", "neomutt", "script", "timeout")
	s := mailtest.Shared(t)
	alice := s.User("alice")
	p := pinnedProfile(t, s, alice, filepath.Join(t.TempDir(), "pinned.pem"))
	o := opts()
	o.Secrets, o.Password = SecretsInline, profile.NewPassword(alice.Password)
	for _, client := range []string{"mutt", "neomutt"} {
		t.Run(client, func(t *testing.T) {
			home, rc := muttHome(t, export(t, Mutt(), p, o))
			fetchWithMutt(t, client, home, rc)
			sendWithMutt(t, s, client+" pinned", client, home, rc, alice.Email)
		})
	}
}

// TestPinnedCertificateInTheAppleProfile: the .mobileconfig carries the
// pinned certificate as a payload of its own, the very DER the server shows.
func TestPinnedCertificateInTheAppleProfile(t *testing.T) {
	mailtest.NeedTool(t, "openssl")
	s := mailtest.Shared(t)
	p := pinnedProfile(t, s, s.User("alice"), "")
	doc := plistJSON(t, export(t, MobileConfig(), p, opts()))
	var cert map[string]any
	for _, pl := range doc["PayloadContent"].([]any) {
		if m := pl.(map[string]any); m["PayloadType"] == "com.apple.security.pkcs1" {
			cert = m
		}
	}
	if cert == nil {
		t.Fatalf("no certificate payload in %v", doc)
	}
	der := plistDataBytes(t, cert["PayloadContent"])
	path := writeFile(t, t.TempDir(), "cert.der", der, 0o600)
	out, stderr, err := run(t, nil, nil, "openssl", "x509", "-inform", "DER", "-in", path, "-noout", "-fingerprint", "-sha256")
	if err != nil || !strings.Contains(strings.ToUpper(out), p.TLS.PinnedSHA256[0]) {
		t.Errorf("the payload is not the pinned certificate: %v %s%s", err, out, stderr)
	}
}

// plistDataBytes is a <data> value as plistJSON decodes it (Python's json
// module cannot write bytes, so the helper writes them base64).
func plistDataBytes(t *testing.T, v any) []byte {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("data value %T", v)
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(fmt.Errorf("data value: %w", err))
	}
	return b
}

// TestPinnedCertificateReachesThunderbird: the real Thunderbird, trusting
// no authority for the harness, downloads mail and sends with the exported
// user.js when cert_override.txt holds the pinned certificate's exception;
// without it, the fetch fails.
func TestPinnedCertificateReachesThunderbird(t *testing.T) {
	mailtest.NeedTool(t, "thunderbird")
	s := mailtest.Shared(t)
	alice := s.User("alice")
	p := pinnedProfile(t, s, alice, "")
	p.POP.CheckIntervalMinutes = 0
	for _, withOverride := range []bool{true, false} {
		t.Run(fmt.Sprintf("override=%v", withOverride), func(t *testing.T) {
			dir := tbProfileDir(t, marionettePrefs)
			writeFile(t, dir, "user.js", export(t, Thunderbird(), p, opts()), 0o600)
			if withOverride {
				writeFile(t, dir, CertOverrideFile, MergeCertOverrides(nil, CertOverrides(p)), 0o600)
			}
			tb := startThunderbird(t, dir)
			var got struct{ Status, Inbox int }
			tb.script(&got, fetchWithThunderbirdJS, "server1", "", alice.Password)
			tb.quit()
			if ok := got.Status == 0 && got.Inbox > 0; ok != withOverride {
				t.Errorf("override %v: the fetch ended with status %#x and %d messages\n%s", withOverride, uint32(got.Status), got.Inbox, tb.output)
			}
		})
	}
}
