package verify

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// TestDocumentFromRealCheck marshals the result of a real check (one
// service failing) and reads it back as plain JSON.
func TestDocumentFromRealCheck(t *testing.T) {
	srv := mailtest.Shared(t)
	o := accountOpts(srv, srv.User("alice"))
	o.Outgoing.Username = "nobody@example.test"
	o.Transcript = true
	r := Check(context.Background(), o)
	raw, err := json.Marshal(Document(r))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), srv.User("alice").Password) {
		t.Fatalf("document contains the password:\n%s", raw)
	}
	var doc struct {
		Version int
		OK      bool
		POP3    struct {
			OK     bool
			Server struct{ Security, Username string }
			Steps  []struct {
				Name string
				MS   float64
			}
			TLS struct {
				Version     string
				Certificate struct {
					Names  []string
					SHA256 string
				}
			}
			Mailbox   struct{ Messages int }
			Mechanism string
		}
		SMTP struct {
			OK    bool
			Error struct {
				Kind, Step, Hint string
				ServerSaid       string `json:"server_said"`
				Temporary        bool
			} `json:"error"`
			UsernamesTried []string `json:"usernames_tried"`
			Transcript     []struct{ Dir, Text string }
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	p, s := doc.POP3, doc.SMTP
	if doc.Version != DocumentVersion || doc.OK || !p.OK || s.OK {
		t.Fatalf("version %d ok %v pop3 %v smtp %v", doc.Version, doc.OK, p.OK, s.OK)
	}
	if p.Server.Security != "tls" || p.Mailbox.Messages != 3 || p.Mechanism == "" || len(p.Steps) == 0 ||
		p.TLS.Version == "" || len(p.TLS.Certificate.Names) == 0 || len(p.TLS.Certificate.SHA256) != 95 {
		t.Errorf("pop3 part: %+v", p)
	}
	if s.Error.Kind != "auth_failed" || s.Error.Step != "login" || s.Error.ServerSaid == "" || s.Error.Hint == "" ||
		len(s.UsernamesTried) == 0 || len(s.Transcript) == 0 {
		t.Errorf("smtp part: %+v", s)
	}
}

func TestDocumentCertificateError(t *testing.T) {
	cert := &CertInfo{Subject: "CN=x", DNSNames: []string{"mail.example.test"}, IPs: []string{"192.0.2.1"},
		SHA256: "AB:CD", Problem: "name_mismatch"}
	r := Result{SMTP: &ServiceResult{Service: ServiceSMTP, Server: profile.Server{Host: "h", Port: 465},
		Error: &Error{Kind: KindTLSCertificate, Service: ServiceSMTP, Step: StepTLS, Hint: "h", Cert: cert}}}
	raw, _ := json.Marshal(Document(r))
	for _, want := range []string{`"kind":"tls_certificate"`, `"problem":"name_mismatch"`, `"names":["mail.example.test","192.0.2.1"]`,
		`"sha256":"AB:CD"`, `"not_after":`, `"ok":false`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("document lacks %s:\n%s", want, raw)
		}
	}
}
