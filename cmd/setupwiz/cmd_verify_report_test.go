package main

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

func sampleResult() verify.Result {
	pop := &verify.ServiceResult{Service: verify.ServicePOP3, OK: true,
		Server:   profile.Server{Host: "pop.example-provider-with-a-long-name.test", Port: 995, Username: "jane.doe.with.long.name@example-provider-with-a-long-name.test"},
		Steps:    []verify.Step{{Name: verify.StepTLS, OK: true, Duration: 31 * time.Millisecond}, {Name: verify.StepAuth, OK: true}, {Name: verify.StepMailbox, OK: true}},
		TLS:      &verify.TLSInfo{Version: "TLS 1.3", Cert: verify.CertInfo{DNSNames: []string{"pop.example-provider-with-a-long-name.test", "*.example-provider-with-a-long-name.test"}}},
		AuthMech: "PLAIN", Mailbox: &verify.MailboxStats{Messages: 3, Octets: 62471, UIDL: true}, Duration: 40 * time.Millisecond}
	cert := &verify.CertInfo{Subject: "CN=x", Issuer: "CN=Some Very Long Issuer Name For Testing The Width Of The Report,O=Example",
		DNSNames: []string{"mail.example.test"}, SHA256: strings.Repeat("AB:", 31) + "AB", Problem: "unknown_authority",
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	smtp := &verify.ServiceResult{Service: verify.ServiceSMTP, Server: profile.Server{Host: "smtp.example.test", Port: 465},
		Steps: []verify.Step{{Name: verify.StepTLS, Duration: 12 * time.Millisecond}},
		Error: &verify.Error{Kind: verify.KindTLSCertificate, Step: verify.StepTLS, Cert: cert, Hint: "h",
			Err: errors.New("x509: certificate signed by unknown authority")}}
	return verify.Result{POP3: pop, SMTP: smtp, Duration: 45 * time.Millisecond}
}

func TestReportFitsEightyColumns(t *testing.T) {
	var buf bytes.Buffer
	writeReport(&buf, sampleResult(), false)
	out := buf.String()
	for _, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(line); n > reportWidth {
			t.Errorf("line of %d columns:\n%s", n, line)
		}
	}
	for _, want := range []string{"3 messages, 61 KB", "TLS 1.3", "PLAIN as jane", "not trusted",
		"--pin-sha256 " + strings.Repeat("AB", 32), "--ca-file", "✗ Not verified: SMTP failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestReportFailureWords(t *testing.T) {
	r := verify.Result{SMTP: &verify.ServiceResult{Service: verify.ServiceSMTP, Server: profile.Server{Host: "smtp.gmail.com", Port: 465},
		UsernameTried: []string{"jane", "jane@gmail.com"},
		Steps:         []verify.Step{{Name: verify.StepAuth}},
		Error: &verify.Error{Kind: verify.KindAppPassword, Step: verify.StepAuth,
			ServerText: "534 5.7.9 Application-specific password required.", Hint: "Google needs an app password"}}}
	var buf bytes.Buffer
	writeReport(&buf, r, false)
	for _, want := range []string{"app password (or OAuth2)", "Server said: 534 5.7.9", "What to do: Google needs", "✗ login"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, buf.String())
		}
	}
}

// TestReportSaysPinned: a certificate trusted only through --pin-sha256 is
// named so in the TLS step.
func TestReportSaysPinned(t *testing.T) {
	r := sampleResult()
	r.SMTP = nil
	r.POP3.TLS.Cert.Pinned = true
	var buf bytes.Buffer
	writeReport(&buf, r, false)
	if !strings.Contains(buf.String(), "TLS 1.3, pinned certificate for pop.example") {
		t.Errorf("report:\n%s", buf.String())
	}
}

// TestReportNameMismatchListsNames: for a name mismatch the report names the
// host asked for and the names the certificate covers, wrapped rather than
// cut, at most maxListedNames of them.
func TestReportNameMismatchListsNames(t *testing.T) {
	r := sampleResult()
	var names []string
	for i := range 20 {
		names = append(names, fmt.Sprintf("mx%02d.other-provider.example", i))
	}
	r.SMTP.Error.Cert.Problem, r.SMTP.Error.Cert.DNSNames = "name_mismatch", names
	var buf bytes.Buffer
	writeReport(&buf, r, false)
	out := buf.String()
	for _, want := range []string{"other names than smtp.example.test", "mx00.other-provider.example",
		"mx11.other-provider.example", "and 8 more"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(line); n > reportWidth {
			t.Errorf("line of %d columns: %s", n, line)
		}
	}
}

// TestReportUsernameCorrected: when the other username form worked, the
// report says which and how to pass it.
func TestReportUsernameCorrected(t *testing.T) {
	r := sampleResult()
	r.SMTP = nil
	r.POP3.Server.Username = "jane@example.test"
	r.POP3.UsernameTried, r.POP3.UsernameCorrected = []string{"jane", "jane@example.test"}, true
	var buf bytes.Buffer
	writeReport(&buf, r, false)
	if out := strings.Join(strings.Fields(buf.String()), " "); !strings.Contains(out, `"jane" was rejected and "jane@example.test" worked; use that one (--username jane@example.test)`) {
		t.Errorf("report:\n%s", buf.String())
	}
}

// TestReportSendTestOutcomes: the test message line says what happened, also
// when it was not sent or its arrival could not be watched.
func TestReportSendTestOutcomes(t *testing.T) {
	failedPOP := &verify.ServiceResult{Service: verify.ServicePOP3, Steps: []verify.Step{{Name: verify.StepAuth}},
		Error: &verify.Error{Kind: verify.KindAuthFailed, Step: verify.StepAuth}}
	sent := &verify.SendTestResult{OK: true}
	cases := []struct {
		name  string
		r     verify.Result
		asked bool
		want  string
	}{
		{"arrived", verify.Result{SendTest: &verify.SendTestResult{OK: true, Arrived: true}}, true, "found in the POP3 mailbox"},
		{"POP3 failed", verify.Result{POP3: failedPOP, SendTest: sent}, true, "the POP3 login failed, so its arrival"},
		{"POP3 not checked", verify.Result{SendTest: sent}, true, "POP3 was not checked"},
		{"SMTP failed", verify.Result{}, true, "Test message not sent: the SMTP login did not work"},
		{"not arrived", verify.Result{SendTest: &verify.SendTestResult{Error: &verify.Error{Kind: verify.KindTimeout,
			Service: verify.ServicePOP3, Step: verify.StepMailbox, Hint: "it may be delayed"}}}, true, "sent, but had not arrived"},
		{"refused", verify.Result{SendTest: &verify.SendTestResult{Error: &verify.Error{Kind: verify.KindMailbox,
			Service: verify.ServiceSMTP, Step: verify.StepSend, ServerText: "550 5.7.1 no"}}}, true, "refused the test message"},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		writeVerifyReport(&buf, c.r, false, c.asked)
		if !strings.Contains(buf.String(), c.want) {
			t.Errorf("%s: report lacks %q:\n%s", c.name, c.want, buf.String())
		}
	}
	var buf bytes.Buffer
	writeVerifyReport(&buf, verify.Result{}, false, false)
	if strings.Contains(buf.String(), "Test message") {
		t.Errorf("no test message asked, yet:\n%s", buf.String())
	}
}
