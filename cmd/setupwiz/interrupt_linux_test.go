package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// waitReadingStdin waits until a thread of pid sits in read(2) on file
// descriptor 0, as /proc shows it: then the signal handlers are in place
// and the run is really blocked, so what follows tests the interrupt, not
// a race with start-up.
func waitReadingStdin(t testing.TB, pid int) {
	t.Helper()
	want := fmt.Sprintf("%d 0x0 ", unix.SYS_READ)
	deadline := time.Now().Add(hangLimit)
	for time.Now().Before(deadline) {
		tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/syscall", pid))
		for _, f := range tasks {
			if b, err := os.ReadFile(f); err == nil && strings.HasPrefix(string(b), want) {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("setupwiz (pid %d) never waited reading its standard input", pid)
}

// waitExit waits for cmd and returns its status; hangLimit only keeps a
// run that ignores the signal from hanging the test.
func waitExit(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	hung := time.AfterFunc(hangLimit, func() { _ = cmd.Process.Kill() })
	err := cmd.Wait()
	if !hung.Stop() {
		t.Fatalf("setupwiz ignored the signal: killed after %v", hangLimit)
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode()
}

// TestSignalEndsAReadFromASilentPipe: --password-stdin from a pipe whose
// writer stays open and says nothing (the run used to wait forever and
// ignore ctrl+c). The real binary gets a real SIGINT or SIGTERM while it
// waits, and ends with 130.
func TestSignalEndsAReadFromASilentPipe(t *testing.T) {
	account := []string{"--email", "alice@example.org", "--pop-host", "pop.example.org", "--smtp-host", "smtp.example.org", "--password-stdin"}
	for _, c := range []struct {
		name string
		sig  syscall.Signal
		args []string
	}{
		{"verify SIGINT", syscall.SIGINT, append([]string{"verify"}, account...)},
		{"verify SIGTERM", syscall.SIGTERM, append([]string{"verify"}, account...)},
		{"export SIGINT", syscall.SIGINT, append([]string{"export", "--format", "mutt"}, account...)},
		{"wizard line mode SIGTERM", syscall.SIGTERM, append([]string{"--lines"}, account...)},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			home := t.TempDir()
			cmd := exec.Command(setupwizBinary(t), c.args...)
			var stderr bytes.Buffer
			cmd.Env, cmd.Stdin, cmd.Stderr = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH")}, r, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			r.Close()
			waitReadingStdin(t, cmd.Process.Pid)
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			if code := waitExit(t, cmd); code != 130 || !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("exit %d after %v, want 130 and 'interrupted':\n%s", code, c.sig, stderr.String())
			}
		})
	}
}

// TestCtrlCEndsAPasswordPromptOnATerminal: on a terminal the password is
// read from the terminal itself, with echo off, where no context reaches.
// A real ctrl+c (the terminal sends SIGINT) still ends the run with 130,
// and the terminal has its echo back.
func TestCtrlCEndsAPasswordPromptOnATerminal(t *testing.T) {
	p := startOnPTY(t, wizardEnv(t), setupwizBinary(t), "verify", "--email", "alice@example.org",
		"--pop-host", "pop.example.org", "--smtp-host", "smtp.example.org", "--password-stdin")
	waitReadingStdin(t, p.cmd.Process.Pid)
	if code := p.quit(); code != 130 {
		t.Fatalf("exit %d after ctrl+c at the terminal, want 130", code)
	}
}

// TestCtrlCAtTheHiddenPasswordPromptGivesEchoBack: line mode on a
// terminal reads the password with echo off, straight from the terminal.
// ctrl+c there ends the run with 130 and the terminal echoes again (the
// settings from the start are put back even when the read cannot end).
func TestCtrlCAtTheHiddenPasswordPromptGivesEchoBack(t *testing.T) {
	p := startOnPTY(t, wizardEnv(t), setupwizBinary(t), "--lines", "--email", "alice@example.org",
		"--pop-host", "pop.example.org", "--smtp-host", "smtp.example.org")
	defer p.master.Close()
	for _, prompt := range []string{"Email address", "Your name", "Type y to use these"} {
		if !p.waitFor(prompt) {
			t.Fatalf("no %q prompt", prompt)
		}
		p.master.Write([]byte("\r"))
	}
	if !p.waitFor("assword") {
		t.Fatal("no password prompt")
	}
	waitReadingStdin(t, p.cmd.Process.Pid)
	if echoOn(t, p.master) {
		t.Fatal("the password prompt left echo on: this test would prove nothing")
	}
	p.master.Write([]byte{3})
	go func() {
		for range p.out {
		}
	}()
	if code := waitExit(t, p.cmd); code != 130 {
		t.Errorf("exit %d after ctrl+c at the password prompt, want 130", code)
	}
	if !echoOn(t, p.master) {
		t.Error("the terminal was left without echo")
	}
}

// echoOn reports whether the terminal behind master echoes input.
func echoOn(t *testing.T, master *os.File) bool {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(master.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return tio.Lflag&unix.ECHO != 0
}

// BenchmarkInterrupt measures signal → exit of the real binary blocked
// reading its standard input: from a silent pipe (the read itself ends with
// the context) and from a terminal (the watchdog ends it after
// interruptGrace). The budget is one second.
func BenchmarkInterrupt(b *testing.B) {
	args := []string{"verify", "--email", "alice@example.org", "--pop-host", "pop.example.org",
		"--smtp-host", "smtp.example.org", "--password-stdin"}
	b.Run("pipe", func(b *testing.B) {
		var total time.Duration
		for b.Loop() {
			r, w, _ := os.Pipe()
			cmd := exec.Command(setupwizBinary(b), args...)
			cmd.Env, cmd.Stdin = []string{"HOME=" + b.TempDir()}, r
			if err := cmd.Start(); err != nil {
				b.Fatal(err)
			}
			r.Close()
			waitReadingStdin(b, cmd.Process.Pid)
			start := time.Now()
			cmd.Process.Signal(syscall.SIGINT)
			cmd.Wait()
			total += time.Since(start)
			w.Close()
		}
		b.ReportMetric(float64(total.Microseconds())/float64(b.N)/1000, "ms/interrupt")
	})
	b.Run("terminal", func(b *testing.B) {
		var total time.Duration
		for b.Loop() {
			p := startOnPTY(b, wizardEnv(b), setupwizBinary(b), args...)
			waitReadingStdin(b, p.cmd.Process.Pid)
			start := time.Now()
			p.quit()
			total += time.Since(start)
		}
		b.ReportMetric(float64(total.Microseconds())/float64(b.N)/1000, "ms/interrupt")
	})
}
