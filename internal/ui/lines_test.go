package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/input"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// runLines runs line mode with the answers piped in, one per line.
func runLines(t *testing.T, cfg Config, answers ...string) (Outcome, string, error) {
	t.Helper()
	var out bytes.Buffer
	cfg.In = strings.NewReader(strings.Join(answers, "\n") + "\n")
	cfg.Out = &out
	o, err := RunLines(t.Context(), cfg)
	if bytes.ContainsRune(out.Bytes(), 0x1b) {
		t.Errorf("line mode wrote an escape sequence:\n%q", out.String())
	}
	return o, out.String(), err
}

func TestLinesWholeFlowFromPipedAnswers(t *testing.T) {
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}})
	ex := &fakeExporter{}
	cfg.Exporter, cfg.Password = ex, profile.NewPassword("pw")
	out, text, err := runLines(t, cfg,
		"not-an-address", "jane@example.com", "Jane Doe", // account, with one wrong answer
		"p", "y", // switch POP3 to the alternative, then accept
		"",                 // username: default
		"", "30", "y", "5", // POP options
		"thunderbird, mutt", "", "y") // export
	if err != nil {
		t.Fatalf("RunLines: %v\n%s", err, text)
	}
	for _, want := range []string{"Step 1 of 7: Account.", "Not an address yet: it needs a name, an @ and a domain", "Using the password from --password-stdin or --password-file.",
		"; found settings in autoconfig (--verbose shows what each said).", "Incoming mail (POP3): pop.example.com port 110 with STARTTLS",
		"POP3 login: done after", "Both servers accepted the login. Your mailbox has 12 messages (3.2 MB).",
		"Wrote mutt settings to /out/mutt.", "Next, mutt: run  mutt -F /out/mutt"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(text)
	}
	if strings.Contains(text, "Source ") {
		t.Errorf("without --verbose line mode lists each source:\n%s", text)
	}
	want := profile.POPOptions{LeaveOnServer: true, KeepDays: 30, DeleteWhenDeleted: true, CheckIntervalMinutes: 5}
	if out.Profile.POP != want || out.Profile.Incoming.Port != 110 || len(out.Written) != 2 {
		t.Fatalf("outcome = %+v", out)
	}
}

func TestLinesFailureActions(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{authFailed, okResult}}
	cfg := testConfig(v)
	cfg.Password = profile.NewPassword("pw")
	_, text, err := runLines(t, cfg, "jane@example.com", "", "y", "", "4", "", "", "", "", "none")
	if err != nil {
		t.Fatalf("RunLines: %v\n%s", err, text)
	}
	for _, want := range []string{"POP3 failed at login: The server rejected the username or password.",
		"The server said: -ERR [AUTH] Authentication failed.", "4) other username form"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q\n%s", want, text)
		}
	}
	if len(v.calls) != 2 || v.calls[1].Incoming.Username != "jane" {
		t.Fatalf("action 4 did not retry with the local part: %+v", v.calls)
	}
}

func TestLinesEndOfInputIsAnInputError(t *testing.T) {
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}})
	cfg.Password = profile.NewPassword("pw")
	_, _, err := runLines(t, cfg, "jane@example.com")
	var ended *InputEndedError
	if !errors.As(err, &ended) || ended.Question != "Your name, as recipients see it (optional)" {
		t.Fatalf("err = %v, want the end of input before the name question", err)
	}
}

func TestLinesWithoutAPasswordSourceRefuses(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}
	_, _, err := runLines(t, testConfig(v), "jane@example.com", "", "")
	if !errors.Is(err, ErrNoPassword) {
		t.Fatalf("err = %v, want ErrNoPassword", err)
	}
	if len(v.calls) != 0 {
		t.Fatal("verification ran without a password")
	}
}

func TestLinesReadsThePasswordFromTheTerminalUntilNotEmpty(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}
	cfg := testConfig(v)
	typed := []string{"", "from-tty"}
	cfg.ReadPassword = func() (profile.Password, error) {
		p := typed[0]
		typed = typed[1:]
		return profile.NewPassword(p), nil
	}
	_, text, err := runLines(t, cfg, "jane@example.com", "", "y", "", "", "", "", "", "none")
	if err != nil {
		t.Fatalf("RunLines: %v\n%s", err, text)
	}
	if !strings.Contains(text, "The password is empty") || v.calls[0].Password.Reveal() != "from-tty" {
		t.Fatalf("password handling:\n%s", text)
	}
	if strings.Contains(text, "from-tty") {
		t.Fatal("the password was echoed")
	}
}

func TestLinesRepairEntry(t *testing.T) {
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}})
	cfg.Profiles = []string{"home", "work"}
	out, text, err := runLines(t, cfg, "garden", "work")
	if err != nil || out.RepairName != "work" {
		t.Fatalf("RepairName=%q err=%v\n%s", out.RepairName, err, text)
	}
	if !strings.Contains(text, "There is no saved profile named garden.") {
		t.Fatalf("unknown name not explained:\n%s", text)
	}
}

func TestLinesCancelWhileWaitingForAnAnswer(t *testing.T) {
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}})
	pr, pw := io.Pipe() // a prompt that never gets its answer
	defer pw.Close()
	cfg.In, cfg.Out = pr, io.Discard
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := RunLines(ctx, cfg)
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, ErrAborted) {
		t.Fatalf("err = %v, want ErrAborted", err)
	}
}

// TestPasswordTextIsCheckedAsOnTheCommandLine: what --password-stdin
// refuses (profile.CheckPasswordText) is refused at line mode's terminal
// prompt (an input error) and on the wizard's password field (said under it).
func TestPasswordTextIsCheckedAsOnTheCommandLine(t *testing.T) {
	for _, bad := range []string{"a\x00b", "a\xffb"} {
		cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}})
		cfg.ReadPassword = func() (profile.Password, error) { return profile.NewPassword(bad), nil }
		_, _, err := runLines(t, cfg, "jane@example.com", "", "y")
		var ie *input.Error
		if !errors.As(err, &ie) || ie.Err.Error() != profile.CheckPasswordText(bad).Error() {
			t.Errorf("line mode with %q: err = %v, want the command line's input error", bad, err)
		}
		if msg := passwordProblem(bad); !strings.Contains(msg, profile.CheckPasswordText(bad).Error()[len("the password"):]) {
			t.Errorf("the password field says %q for %q", msg, bad)
		}
	}
	if msg := passwordProblem("tab\tand spaces"); msg != "" {
		t.Errorf("a good password is refused: %q", msg)
	}
}

// An untrusted certificate is explained once: what is wrong with it and the
// two ways to trust it, not also the check's own one-line hint saying the
// same in other words.
func TestLinesExplainAnUntrustedCertificateOnce(t *testing.T) {
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{certUntrusted}})
	cfg.Password = profile.NewPassword("pw")
	_, text, _ := runLines(t, cfg, "jane@example.com", "", "y", "")
	if n := strings.Count(text, "It is not signed by an authority this computer trusts."); n != 2 {
		t.Errorf("the certificate problem is said %d times for two servers, want 2:\n%s", n, text)
	}
	if strings.Contains(text, "the certificate is signed by an authority this system does not trust") {
		t.Errorf("line mode repeats the check's hint beside the catalogue's certificate lines:\n%s", text)
	}
}
