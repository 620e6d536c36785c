package exporters

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

func TestMuttCertificateFile(t *testing.T) {
	const home = "/home/jane"
	for _, c := range []struct{ rc, want, err string }{
		{"", "/home/jane/.mutt_certificates", ""},
		{"set editor=vi\n", "/home/jane/.mutt_certificates", ""},
		{"set certificate_file=~/.mutt/certs\n", "/home/jane/.mutt/certs", ""},
		{"  set certificate_file = \"$HOME/tls/certs\" # mine\n", "/home/jane/tls/certs", ""},
		{"set certificate_file='${HOME}/a b'\n", "/home/jane/a b", ""},
		{"set certificate_file=/etc/a\nset certificate_file=/etc/b\n", "/etc/b", ""},
		{"# BEGIN setupwiz old@example.org\nset certificate_file=/ours\n# END setupwiz old@example.org\n", "/home/jane/.mutt_certificates", ""},
		{"set certificate_file=\"`echo /x`\"\n", "", "cannot resolve"},
		{"set certificate_file=$XDG_DATA_HOME/certs\n", "", "cannot resolve"},
		{"set certificate_file=certs\n", "", "cannot resolve"},
	} {
		got, err := muttCertificateFile([]byte(c.rc), home)
		if got != c.want || (err == nil) != (c.err == "") || err != nil && !strings.Contains(err.Error(), c.err) {
			t.Errorf("%q: got %q, %v; want %q, %q", c.rc, got, err, c.want, c.err)
		}
	}
}

func TestAddCertificatesKeepsWhatIsThere(t *testing.T) {
	a, _ := otherCertPEM(t)
	srv := mailtest.Shared(t)
	s, _ := serverCertPEM(t, srv, srv.POP3S)
	old := []byte("#H localhost AB:CD\n" + a)
	merged := AddCertificates(s + a)(old)
	if !strings.HasPrefix(string(merged), string(old)) || strings.Count(string(merged), "BEGIN CERTIFICATE") != 2 {
		t.Errorf("merged:\n%s", merged)
	}
	if again := AddCertificates(s)(merged); string(again) != string(merged) {
		t.Errorf("adding a certificate that is there changed the file:\n%s", again)
	}
}

// TestMuttBlockLeavesCertificateFileAlone: in the user's muttrc the block
// names no certificate_file and says where the pinned certificate goes; a
// muttrc of its own (--out) keeps naming setupwiz's copy.
func TestMuttBlockLeavesCertificateFileAlone(t *testing.T) {
	srv := mailtest.Shared(t)
	saved := filepath.Join(t.TempDir(), "alice.pem")
	p := pinnedProfile(t, srv, srv.User("alice"), saved)
	home := t.TempDir()
	for _, c := range []struct {
		pl       Placer
		certFile string
		set      string
	}{
		{Placer{Home: home}, home + "/.mutt_certificates", ""},
		{Placer{Home: home, OutDir: t.TempDir()}, "", "set certificate_file='" + saved + "'"},
	} {
		plans, err := c.pl.Plan([]string{TargetMutt}, p, opts())
		if err != nil {
			t.Fatal(err)
		}
		got := plans[0]
		if got.CertificateFile != c.certFile || (c.set == "") == strings.Contains(string(got.Written), "set certificate_file") ||
			c.set != "" && !strings.Contains(string(got.Written), c.set) {
			t.Errorf("OutDir %q: certificate file %q, written:\n%s", c.pl.OutDir, got.CertificateFile, got.Written)
		}
		if c.certFile != "" && !strings.Contains(string(got.Written), "setupwiz added it to "+c.certFile) {
			t.Errorf("the block does not say where the pinned certificate is:\n%s", got.Written)
		}
	}
}
