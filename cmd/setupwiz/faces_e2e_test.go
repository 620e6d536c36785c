package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// faceScenario is one way a login fails, told to every face.
type faceScenario struct {
	name     string
	user     string   // the harness user
	password string   // "" for the right one
	noCA     bool     // leave the harness CA out: its certificate is untrusted
	extra    []string // more account flags
}

// closedPort is a port nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	return port
}

// TestFacesAgree: the same failed login through setupwiz verify, line mode
// and the full-screen wizard gets the same verdict and the same sentence,
// the one from verify's catalogue.
func TestFacesAgree(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	closed := closedPort(t)
	for _, sc := range []faceScenario{
		{name: "wrong username form", user: "erin", extra: []string{"--username", "erin@example.test"}},
		{name: "wrong password", user: "alice", password: "not-alices-password"},
		{name: "untrusted certificate", user: "alice", noCA: true},
		{name: "closed port", user: "alice", extra: []string{"--pop-port", closed, "--smtp-port", closed}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			r := newWizardRunAs(t, sc.user)
			if sc.password != "" {
				r.password = sc.password
				if err := os.WriteFile(r.pwFile, []byte(sc.password), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			sentence := cliFace(t, r, sc)
			lines := lineFace(t, r, sc)
			password, tui := tuiFace(t, r, sc)
			for face, text := range map[string]string{"line mode": lines, "full screen": tui} {
				if !strings.Contains(oneLine(text), "failed at") || !strings.Contains(oneLine(text), sentence) {
					t.Errorf("%s does not say %q:\n%s", face, sentence, text)
				}
			}
			goes := "It is sent to 127.0.0.1 (POP3 and SMTP), encrypted (TLS)." // the same words in both faces
			for face, text := range map[string]string{"line mode": lines, "full screen": password} {
				if !strings.Contains(oneLine(text), goes) {
					t.Errorf("%s does not say where the password goes (%q):\n%s", face, goes, text)
				}
			}
		})
	}
}

// cliFace runs setupwiz verify: it must fail (exit 1, ok false in its JSON)
// and say the catalogue's sentence for the kind and step its JSON names;
// that sentence is what the other faces must say.
func cliFace(t *testing.T, r *wizardRun, sc faceScenario) string {
	t.Helper()
	args := append(append([]string{"verify"}, faceAccount(r, sc)...), "--password-stdin", "--json", "--only", "pop3")
	cmd := exec.Command(setupwizBinary(t), args...)
	cmd.Env = append(os.Environ(), r.env()...)
	cmd.Stdin = strings.NewReader(r.password + "\n")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	var exit *exec.ExitError
	if err := cmd.Run(); !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("verify: %v, want exit 1:\n%s", err, stderr.String())
	}
	var doc struct {
		OK   bool
		POP3 struct {
			Error struct {
				Kind verify.Kind
				Step verify.StepName
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("verify --json: %v\n%s", err, stdout.String())
	}
	saveCaptureText(t, "verify-"+strings.ReplaceAll(sc.name, " ", "-"), stderr.String())
	e := doc.POP3.Error
	sentence := verify.Explain(&verify.Error{Kind: e.Kind, Step: e.Step}, verify.Circumstances{}).Sentence
	if doc.OK || e.Kind == "" || !strings.Contains(oneLine(stderr.String()), sentence) || !strings.Contains(stderr.String(), "✗ Not verified") {
		t.Errorf("verify: ok=%v kind %q; the report lacks %q:\n%s", doc.OK, e.Kind, sentence, stderr.String())
	}
	return sentence
}

// lineFace answers line mode up to the failure; its input then ends, an
// input error (exit 2). The servers come before the password.
func lineFace(t *testing.T, r *wizardRun, sc faceScenario) string {
	t.Helper()
	args := append(faceAccount(r, sc), "--lines", "--password-stdin", "--out", r.out, "--dns-server", "127.0.0.1:9", "--ispdb-url", "http://127.0.0.1:9/")
	out, code := runIn(t, "", r.env(), []string{r.password, "", "", "y", ""}, args...)
	if code != 2 || !strings.Contains(out, `setupwiz: standard input ended before "Type a number" was answered`) {
		t.Errorf("line mode exit %d, want 2 and the question not answered at the end of input:\n%s", code, out)
	}
	if servers, password := strings.Index(out, "Incoming mail (POP3):"), strings.Index(out, "Step 3 of 7: Password."); servers < 0 || password < servers {
		t.Errorf("line mode asks for the password before it shows the servers:\n%s", out)
	}
	return out
}

// tuiFace walks the full-screen wizard to the failure and returns the
// password screen (after the servers) and the failure.
func tuiFace(t *testing.T, r *wizardRun, sc faceScenario) (password, failure string) {
	t.Helper()
	args := append(faceAccount(r, sc), "--out", r.out, "--dns-server", "127.0.0.1:9", "--ispdb-url", "http://127.0.0.1:9/")
	p := startTmux(t, 80, 24, r.env(), append([]string{setupwizBinary(t)}, args...)...)
	r.toLogin(p)
	password = r.passwordScreen
	failure = p.waitFor("failed at")
	saveCapture(t, "faces-"+strings.ReplaceAll(sc.name, " ", "-"), failure)
	p.keys("C-c")
	p.waitFor("EXIT=130")
	return password, failure
}

// faceAccount are the account flags of a scenario, for every face.
func faceAccount(r *wizardRun, sc faceScenario) []string {
	s := r.srv
	args := []string{"--email", r.user.Email, "--pop-host", s.Host, "--pop-port", fmt.Sprint(s.POP3S),
		"--smtp-host", s.Host, "--smtp-port", fmt.Sprint(s.Submissions)}
	if !sc.noCA {
		args = append(args, "--ca-file", s.CAFile)
	}
	return append(args, sc.extra...) // later flags win: the closed ports
}

// oneLine joins wrapped text, so a sentence reads whole whatever the width.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
