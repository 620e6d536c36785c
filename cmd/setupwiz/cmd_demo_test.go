package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// demoAnswers accepts every default: 40 empty lines is more than the flow asks.
var demoAnswers = strings.Repeat("\n", 40)

func TestDemoLinesEndToEnd(t *testing.T) {
	dir := t.TempDir()
	out, home := filepath.Join(dir, "out"), filepath.Join(dir, "home")
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(demoAnswers), stdout: &stdout, stderr: &stderr,
		getenv: func(k string) string {
			return map[string]string{"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, ".config")}[k]
		}}
	code := run(context.Background(), []string{"demo", "--lines", "--out", out}, e)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	for _, want := range []string{"Using the password from the demo account.", "Your mailbox has 4 messages", "Both servers accepted the login",
		"They are in:\n  " + out + "\n", "rm -r " + out, "is in no Thunderbird profile yet",
		"thunderbird -profile " + filepath.Join(out, "thunderbird") + " -no-remote"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("the transcript lacks %q:\n%s", want, stderr.String())
		}
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q, want nothing (the interface is on stderr)", stdout.String())
	}
	checkDemoFiles(t, out)
	if strings.Contains(stderr.String(), "--password-stdin") {
		t.Errorf("the demo names a password flag the user never gave:\n%s", stderr.String())
	}
	if _, err := os.Stat(home); !os.IsNotExist(err) {
		t.Errorf("the demo touched HOME (%s): %v", home, err)
	}
}

// checkDemoFiles: the exports point at the demo CA file written next to them.
func checkDemoFiles(t *testing.T, out string) {
	t.Helper()
	ca := filepath.Join(out, "demo-ca.pem")
	if b, err := os.ReadFile(ca); err != nil || !bytes.Contains(b, []byte("BEGIN CERTIFICATE")) {
		t.Errorf("demo CA file: %v", err)
	}
	for _, f := range []string{"muttrc", "fetchmailrc", filepath.Join("thunderbird", "user.js")} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Errorf("%s not written: %v", f, err)
			continue
		}
		if !bytes.Contains(b, []byte("demo@setupwiz.test")) || !bytes.Contains(b, []byte("localhost")) {
			t.Errorf("%s does not describe the demo account:\n%s", f, b)
		}
		if f != filepath.Join("thunderbird", "user.js") && !bytes.Contains(b, []byte(ca)) {
			t.Errorf("%s does not trust the demo CA file %s:\n%s", f, ca, b)
		}
	}
}

// TestDemoBinaryFallsBackToLineModeWhenPiped runs the real binary with piped
// stdin and no --lines: it must not try to open a terminal.
func TestDemoBinaryFallsBackToLineModeWhenPiped(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	cmd := exec.Command(setupwizBinary(t), "demo", "--out", out)
	cmd.Env = []string{"HOME=" + filepath.Join(dir, "home"), "TERM=xterm-256color", "PATH=" + os.Getenv("PATH")}
	cmd.Stdin = strings.NewReader(demoAnswers)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("setupwiz demo: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "Step 7 of 7: Done.") || strings.Contains(stderr.String(), "\x1b[") {
		t.Errorf("not a plain line-mode transcript:\n%s", stderr.String())
	}
	checkDemoFiles(t, out)
}

// TestDemoEndOfInputIsAnInputError: answers that end before the questions
// do are too few answers, not ctrl+c: exit 2, naming the question.
func TestDemoEndOfInputIsAnInputError(t *testing.T) {
	var stderr bytes.Buffer
	e := &env{stdin: strings.NewReader("\n"), stdout: &bytes.Buffer{}, stderr: &stderr, getenv: func(string) string { return "" }}
	code := run(context.Background(), []string{"demo", "--out", t.TempDir()}, e)
	if want := `setupwiz: standard input ended before "Your name, as recipients see it (optional)" was answered`; code != 2 || !strings.Contains(stderr.String(), want) {
		t.Errorf("exit %d after input ended mid-flow, want 2 and %q\n%s", code, want, stderr.String())
	}
}

func TestDemoUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	if code := run(context.Background(), []string{"demo", "extra"}, e); code != 2 {
		t.Errorf("setupwiz demo extra: exit %d, want 2", code)
	}
	if code := run(context.Background(), []string{"help", "demo"}, e); code != 0 || !strings.Contains(stdout.String(), "--lines") {
		t.Errorf("help demo: exit %d, output %q", code, stdout.String())
	}
}

// signalWriter collects output and closes ready once it has seen marker.
type signalWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	marker string
	ready  chan struct{}
	once   sync.Once
}

func (w *signalWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), w.marker) {
		w.once.Do(func() { close(w.ready) })
	}
	return len(p), nil
}

func (w *signalWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestDemoKeepRunningServesTheWrittenFiles exports a fetchmailrc and a muttrc
// with the password inline, then lets the real fetchmail and mutt log in with
// them while the demo server keeps running; ctrl+c (the context) then ends the
// demo with exit 0.
func TestDemoKeepRunningServesTheWrittenFiles(t *testing.T) {
	mailtest.NeedTool(t, "fetchmail", "mutt", "script")
	out := filepath.Join(t.TempDir(), "out")
	answers := strings.Repeat("\n", 8) + "fetchmail,mutt\ninline\n\n"
	stderr := &signalWriter{marker: "Press ctrl+c to stop it.", ready: make(chan struct{})}
	e := &env{stdin: strings.NewReader(answers), stdout: &bytes.Buffer{}, stderr: stderr, getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- run(ctx, []string{"demo", "--keep-running", "--out", out}, e) }()
	select {
	case <-stderr.ready:
	case c := <-code:
		t.Fatalf("the demo ended (exit %d) instead of serving:\n%s", c, stderr.String())
	}
	// --pidfile keeps the lock file private: as root fetchmail otherwise
	// locks /var/run/fetchmail.pid (FETCHMAILHOME does not move it) and
	// refuses while any other test's fetchmail runs.
	home := t.TempDir()
	fm := exec.Command("fetchmail", "-c", "-f", filepath.Join(out, "fetchmailrc"), "--pidfile", filepath.Join(home, "fetchmail.pid"))
	fm.Env = []string{"HOME=" + home, "FETCHMAILHOME=" + home, "PATH=" + os.Getenv("PATH")}
	res, err := fm.CombinedOutput()
	if err != nil || !strings.Contains(string(res), "4 messages") {
		t.Errorf("fetchmail -c with the exported file: %v\n%s", err, res)
	}
	if res := runMutt(t, filepath.Join(out, "muttrc")); !strings.Contains(res, "Msgs:4") {
		t.Errorf("mutt with the exported file did not see the 4 demo messages:\n%s", res)
	}
	cancel()
	if c := <-code; c != 0 {
		t.Errorf("exit %d after ctrl+c in --keep-running, want 0\n%s", c, stderr.String())
	}
}

// TestDemoInTmux walks the full-screen wizard of the real binary against the
// demo server, pressing enter on every screen, at 80×24 and 60×20. What the
// demo says before and after the wizard is wrapped between words by
// setupwiz itself: the terminal breaks no line (mid-word).
func TestDemoInTmux(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			env := []string{"HOME=" + filepath.Join(dir, "home"), "TERM=xterm-256color", "LANG=C.UTF-8"}
			p := startTmux(t, size[0], size[1], env, setupwizBinary(t), "demo", "--out", out)
			steps := []struct{ name, want string }{
				{"demo-1-account", "step 1 of 7"}, {"demo-2-discovery", "Found settings for the setupwiz demo"},
				{"demo-3-password", "••••"}, {"demo-4-verify", "Your mailbox has 4"},
				{"demo-5-pop", "step 5 of 7"}, {"demo-6-export", "fetchmailrc"}, {"demo-7-done", "is set up"},
			}
			for i, st := range steps {
				screen := p.waitFor(st.want)
				if size[0] == 80 {
					saveCapture(t, st.name, screen)
				}
				p.keys("Enter")
				if i == 0 {
					p.keys("Enter") // the name field, then on
				}
			}
			if s := p.waitFor("EXIT="); !strings.Contains(s, "EXIT=0") {
				t.Fatalf("the demo did not exit 0:\n%s", s)
			}
			checkWrappedBySetupwiz(t, p, size[0], "setupwiz demo:", "EXIT=")
			checkDemoFiles(t, out)
		})
	}
}

// runMutt opens the POP3 mailbox with muttrc and quits; mutt needs a terminal,
// which script(1) provides. It returns what mutt drew.
func runMutt(t *testing.T, muttrc string) string {
	home := t.TempDir()
	if err := os.Mkdir(filepath.Join(home, "Mail"), 0o700); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // should mutt wait for a key
	defer cancel()
	cmd := exec.CommandContext(ctx, "script", "-qec", "mutt -n -F "+shellQuote(muttrc)+" -e 'push <quit>'", "/dev/null")
	cmd.Env = []string{"HOME=" + home, "TERM=xterm", "PATH=" + os.Getenv("PATH")}
	res, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("mutt: %v", err)
	}
	return string(res)
}
