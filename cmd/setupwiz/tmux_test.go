package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmuxWait bounds how long a test waits for a screen; a safety net, not a timing assertion.
const tmuxWait = 30 * time.Second

// tmuxPane runs one command in a private tmux server (its own socket) at a
// fixed size, for end-to-end tests that drive the real binary with keys and
// read the screen back.
type tmuxPane struct {
	t      *testing.T
	socket string
	// seen holds every different screen waitFor polled, in order, for
	// tests that check what never showed.
	seen []string
}

// startTmux starts argv in a new pane of width×height with env added. When
// the command exits, the pane shows "EXIT=<status>" and stays open.
func startTmux(t *testing.T, width, height int, env []string, argv ...string) *tmuxPane {
	t.Helper()
	p := &tmuxPane{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock")}
	script := "exec env " + shellJoin(env) + " sh -c " + shellQuote(shellJoin(argv)+`; echo "EXIT=$?"; exec sleep 3600`)
	p.tmux("new-session", "-d", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height), "-s", "e2e", script)
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", p.socket, "kill-server").Run() })
	return p
}

func (p *tmuxPane) tmux(args ...string) string {
	p.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", p.socket}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// keys sends tmux key names (Enter, Tab, C-c, Space, Down, …).
func (p *tmuxPane) keys(keys ...string) {
	p.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...)
}

// text types s literally.
func (p *tmuxPane) text(s string) { p.tmux("send-keys", "-t", "e2e", "-l", s) }

// paste pastes the content of a file (for secrets: they never appear in
// argv) the way a terminal does: as a bracketed paste when the program asked
// for one (the wizard does), else as typed keys.
func (p *tmuxPane) paste(file string) {
	p.tmux("load-buffer", "-b", "secret", file)
	p.tmux("paste-buffer", "-p", "-d", "-b", "secret", "-t", "e2e")
}

func (p *tmuxPane) screen() string { return p.tmux("capture-pane", "-p", "-t", "e2e") }

// scrollback is the screen with up to 200 lines of history above it.
func (p *tmuxPane) scrollback() string {
	return p.tmux("capture-pane", "-p", "-S", "-200", "-t", "e2e")
}

// waitFor polls the screen until it shows want, and returns that screen.
func (p *tmuxPane) waitFor(want string) string {
	p.t.Helper()
	deadline := time.Now().Add(tmuxWait)
	for {
		s := p.screen()
		if n := len(p.seen); n == 0 || p.seen[n-1] != s {
			p.seen = append(p.seen, s)
		}
		if strings.Contains(s, want) {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the screen never showed %q; last screen:\n%s", want, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = shellQuote(a)
	}
	return strings.Join(q, " ")
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// saveCaptureText keeps what a command printed for the README, like saveCapture.
func saveCaptureText(t *testing.T, name, text string) { saveCapture(t, name, text) }

// saveCapture keeps a screen for the README when SETUPWIZ_CAPTURE_DIR is set.
func saveCapture(t *testing.T, name, screen string) {
	dir := os.Getenv("SETUPWIZ_CAPTURE_DIR")
	if dir == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(screen), 0o644); err != nil {
		t.Errorf("saving capture: %v", err)
	}
}
