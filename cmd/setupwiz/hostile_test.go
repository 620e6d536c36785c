package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/termtext/termtexttest"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// cliRenderer renders one kind of report with every string of its input set
// to s and every bool to flag, and returns what reached the terminal.
type cliRenderer struct {
	name string
	// multiline: the output shows file content as lines (a diff), so a
	// newline in it is not a forged line.
	multiline bool
	render    func(s string, flag bool) string
}

func cliRenderers() []cliRenderer {
	return []cliRenderer{
		{"verify report", false, func(s string, flag bool) string {
			var buf bytes.Buffer
			for _, base := range verifyBases() {
				writeVerifyReport(&buf, termtexttest.Filled(base, s, flag), true, true)
				reportVerified(&buf, termtexttest.Filled(base, s, flag))
			}
			return buf.String()
		}},
		{"discovery", false, func(s string, flag bool) string {
			var buf bytes.Buffer
			writeDiscoveryText(&buf, termtexttest.Filled(discover.Result{}, s, flag))
			return buf.String()
		}},
		{"profiles", false, func(s string, flag bool) string {
			var buf bytes.Buffer
			writeProfileTable(&buf, termtexttest.Filled([]profile.Profile{{Secret: profile.SecretRef{Kind: profile.SecretPass}}}, s, flag))
			return buf.String()
		}},
		{"repair diagnosis and plan", false, func(s string, flag bool) string {
			var buf bytes.Buffer
			for _, c := range []repair.Cause{repair.CauseCertificateChanged, repair.CausePasswordChanged} {
				d := termtexttest.Filled(repair.Diagnosis{Findings: []repair.Finding{{Cause: c}}, Exports: []repair.ExportState{{Status: repair.ExportEdited}}}, s, flag)
				writeDiagnosis(&buf, d)
			}
			for _, v := range []repair.Verdict{repair.VerdictRewrite, repair.VerdictLeft} {
				writePlan(&buf, termtexttest.Filled(repair.Plan{}, s, flag), termtexttest.Filled([]repair.FileChange{{Verdict: v}}, s, flag))
			}
			return buf.String()
		}},
		{"repair outcome", true, func(s string, flag bool) string {
			var buf bytes.Buffer
			for _, o := range []repair.Outcome{{}, {Files: []repair.FileChange{{Verdict: repair.VerdictUnchanged}}}} {
				o = termtexttest.Filled(o, s, flag)
				if !flag {
					o.Files[0].Skipped = ""
				}
				writeOutcome(&buf, o)
			}
			return buf.String()
		}},
		{"repair questions", false, renderRepairQuestions},
		{"export", true, func(s string, flag bool) string {
			var buf bytes.Buffer
			plans := termtexttest.Filled([]exporters.Plan{{}}, s, flag)
			reportApplied(&buf, plans, termtexttest.Filled([]profile.ExportRecord{{}}, s, flag), termtexttest.Filled([]string(nil), s, flag),
				termtexttest.Filled(profile.Profile{}, s, flag), exporters.Options{Unverified: flag})
			e, out, errOut := discoverEnv()
			(&exportFlags{dryRun: true}).showPlans(plans, e)
			return buf.String() + out.String() + errOut.String()
		}},
		// An error message may hold several lines of its own.
		{"error", true, func(s string, _ bool) string {
			e, out, errOut := discoverEnv()
			for _, err := range []error{usageError{s}, failedError{s}, io.ErrUnexpectedEOF} {
				exitCode(err, e)
			}
			return out.String() + errOut.String()
		}},
	}
}

// verifyBases are results whose errors take each path of the report: a
// certificate, a server's words, an error without words, a failed test message.
func verifyBases() []verify.Result {
	cert := sampleResult()
	said := sampleResult()
	said.SMTP.Error = &verify.Error{Kind: verify.KindAuthFailed, Step: verify.StepAuth}
	quiet := sampleResult()
	quiet.SMTP.Error = &verify.Error{Kind: verify.KindProtocol, Step: verify.StepAuth}
	sent := sampleResult()
	sent.SendTest = &verify.SendTestResult{Error: &verify.Error{Kind: verify.KindProtocol}}
	return []verify.Result{cert, said, quiet, sent}
}

// renderRepairQuestions: what repair asks on the terminal.
func renderRepairQuestions(s string, flag bool) string {
	e, out, errOut := discoverEnv()
	r := &repairRun{e: e, in: bufio.NewReader(strings.NewReader("n\nn\nnew password\n"))}
	r.x.apply = flag
	r.AcceptCertificate(termtexttest.Filled(repair.Finding{}, s, flag))
	r.OverwriteEdited(termtexttest.Filled(repair.ExportState{}, s, flag))
	r.NewPassword(context.Background(), termtexttest.Filled(profile.Profile{}, s, flag), s)
	r.sayPrompt(termtexttest.Filled(profile.Profile{}, s, flag), termtexttest.Filled(oauth.Prompt{}, s, flag))
	return out.String() + errOut.String()
}

// TestHostileTextCLI is the hostile-input property for every human report
// of the CLI: whatever text the network or a file put into any string field,
// nothing that steers a terminal comes out raw.
func TestHostileTextCLI(t *testing.T) {
	for _, r := range cliRenderers() {
		t.Run(r.name, func(t *testing.T) {
			for _, s := range append(termtexttest.Hostile, termtexttest.All()) {
				for _, flag := range []bool{false, true} {
					if err := checkCLIRenderer(r, s, flag, true); err != nil {
						t.Fatalf("%q (bools %v): %v", s, flag, err)
					}
				}
			}
		})
	}
}

func FuzzHostileTextCLI(f *testing.F) {
	for _, s := range termtexttest.Hostile {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, flag bool) {
		for _, r := range cliRenderers() {
			if err := checkCLIRenderer(r, s, flag, false); err != nil {
				t.Fatalf("%s: %v", r.name, err)
			}
		}
	})
}

// checkCLIRenderer renders s and looks for a leak; with forged, also for a
// forged line (only Hostile's strings are built to show one: a fuzzed
// "FORGED" may wrap to the start of a line).
func checkCLIRenderer(r cliRenderer, s string, flag, forged bool) error {
	out := r.render(s, flag)
	if err := termtexttest.Leak(out); err != nil {
		return err
	}
	if forged && !r.multiline {
		return termtexttest.Forged(out)
	}
	return nil
}

// TestHostileTextJSON: --json documents may be shown on a terminal too.
// encoding/json lets C1 and bidirectional controls through raw; writeJSON
// escapes them, and the document still decodes to the same values.
func TestHostileTextJSON(t *testing.T) {
	for _, s := range append(termtexttest.Hostile, termtexttest.All()) {
		docs := map[string]any{
			"verify":   verify.Document(termtexttest.Filled(sampleResult(), s, false)),
			"discover": termtexttest.Filled(discover.Result{}, s, true),
			"profiles": map[string]any{"profiles": termtexttest.Filled([]profile.Profile{{}}, s, true)},
			"repair":   map[string]any{"diagnosis": termtexttest.Filled(repair.Diagnosis{}, s, true), "plan": termtexttest.Filled(repair.Plan{}, s, true)},
			"export":   map[string]any{"written": termtexttest.Filled([]profile.ExportRecord{{}}, s, true), "backups": []string{s}},
		}
		for name, doc := range docs {
			var buf bytes.Buffer
			if err := writeJSON(&buf, doc); err != nil {
				t.Fatal(err)
			}
			if err := termtexttest.Leak(buf.String()); err != nil {
				t.Fatalf("%s JSON of %q: %v", name, s, err)
			}
			sameJSON(t, buf.Bytes(), doc)
		}
	}
}

// sameJSON: got decodes to what encoding/json's document of v decodes to.
func sameJSON(t *testing.T, got []byte, v any) {
	t.Helper()
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(got, &a); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal(want, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the escaped document decodes differently:\n%s\nwant\n%s", got, want)
	}
}

// TestImportShowsFileTextEscaped: the case. A fetchmailrc whose
// user holds an OSC title and a screen clear is imported; what import,
// profiles and a failed pick print shows them escaped, and the saved
// profile keeps the exact value.
func TestImportShowsFileTextEscaped(t *testing.T) {
	c := newCLIEnv(t)
	user := "\x1b]0;pwned\x07\x1b[2J\u202ejane"
	rc := filepath.Join(c.home, ".fetchmailrc")
	doc := "poll pop.example.com protocol pop3 port 995\n  user \"" + user + "\" password \"x\" ssl\n"
	if err := os.WriteFile(rc, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"import", "--from", "fetchmail", rc, "--email", "nobody@example.com"},
		{"import", "--from", "fetchmail", rc, "--name", "home"},
		{"profiles"},
		{"profiles", "--json"},
	} {
		c.run("", args...)
		for _, out := range []string{c.stdout.String(), c.stderr.String()} {
			if err := termtexttest.Leak(out); err != nil {
				t.Errorf("setupwiz %s: %v", strings.Join(args[:2], " "), err)
			}
		}
	}
	p, err := c.store().Load("home")
	if err != nil || p.Incoming.Username != user {
		t.Errorf("saved username %q (%v), want the file's exact %q", p.Incoming.Username, err, user)
	}
}

// TestVerifyShowsAHostileCertificateEscaped: the case end to end. A
// POP3S server's certificate holds an OSC title and a screen clear in its
// CN, a right-to-left override in its O and an escape in its DNS name;
// setupwiz verify's "Certificate for:" and "Issued by:" lines and its
// --json document show them escaped.
func TestVerifyShowsAHostileCertificateEscaped(t *testing.T) {
	port := serveHostileCertificate(t, x509.Certificate{
		Subject:  pkix.Name{CommonName: "\x1b]0;pwned\x07\x1b[2Jmail", Organization: []string{"\u202eevil"}},
		DNSNames: []string{"\x1b]0;pwned\x07.example"},
	})
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e, out, errOut := discoverEnv()
	code := run(context.Background(), []string{"verify", "--json", "--only", "pop3", "--email", "alice@example.test",
		"--pop-host", "127.0.0.1", "--pop-port", strconv.Itoa(port), "--pop-security", "tls", "--password-file", pw}, e)
	report := errOut.String()
	if code != 1 || !strings.Contains(report, "Certificate for:") || !strings.Contains(report, `\x1b]0;pwned\x07`) {
		t.Fatalf("exit %d, report:\n%s", code, report)
	}
	for _, s := range []string{report, out.String()} {
		if err := termtexttest.Leak(s); err != nil {
			t.Error(err)
		}
	}
}

// serveHostileCertificate serves TLS with a self-signed certificate made from
// tmpl on loopback and returns the port; it only completes handshakes.
func serveHostileCertificate(t *testing.T, tmpl x509.Certificate) int {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl.SerialNumber, tmpl.Issuer = big.NewInt(1), tmpl.Subject
	tmpl.NotBefore, tmpl.NotAfter = time.Now().Add(-time.Hour), time.Now().Add(time.Hour)
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, &tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.(*tls.Conn).Handshake()
			c.Close()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}
