package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// ptyProcess is the real binary running on a pseudo-terminal of its own, so
// it takes the TUI path exactly as in a user's terminal.
type ptyProcess struct {
	cmd    *exec.Cmd
	master *os.File
	out    chan []byte
}

// openPTY returns a master and the slave terminal of width×height.
func openPTY(width, height int) (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	fd := int(master.Fd())
	if err = unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err == nil {
		var n int
		if n, err = unix.IoctlGetInt(fd, unix.TIOCGPTN); err == nil {
			slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
		}
	}
	if err == nil {
		err = unix.IoctlSetWinsize(int(slave.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: uint16(height), Col: uint16(width)})
	}
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	return master, slave, nil
}

// startOnPTY starts bin with args on a fresh 80×24 terminal.
func startOnPTY(tb testing.TB, env []string, bin string, args ...string) *ptyProcess {
	tb.Helper()
	return startOnPTYSized(tb, 80, 24, env, bin, args...)
}

// startOnPTYSized starts bin with args on a fresh width×height terminal.
func startOnPTYSized(tb testing.TB, width, height int, env []string, bin string, args ...string) *ptyProcess {
	tb.Helper()
	master, slave, err := openPTY(width, height)
	if err != nil {
		tb.Fatalf("pty: %v", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start: %v", err)
	}
	slave.Close()
	p := &ptyProcess{cmd: cmd, master: master, out: make(chan []byte, 64)}
	go p.pump()
	return p
}

// pump forwards everything the program draws until the terminal closes.
func (p *ptyProcess) pump() {
	defer close(p.out)
	for {
		buf := make([]byte, 4096)
		n, err := p.master.Read(buf)
		if n > 0 {
			p.out <- buf[:n]
		}
		if err != nil {
			return
		}
	}
}

// waitFor reads output until it contains marker; false when the program ended first.
func (p *ptyProcess) waitFor(marker string) bool {
	_, ok := p.collect(marker)
	return ok
}

// collect returns the output up to and including marker; false when the
// program ended first or showed nothing like it for ptyWait (a safety net).
func (p *ptyProcess) collect(marker string) ([]byte, bool) {
	var seen []byte
	timeout := time.After(ptyWait)
	for {
		select {
		case chunk, open := <-p.out:
			seen = append(seen, chunk...)
			if bytes.Contains(seen, []byte(marker)) {
				return seen, true
			}
			if !open {
				return seen, false
			}
		case <-timeout:
			return seen, false
		}
	}
}

const ptyWait = 30 * time.Second

// quit presses ctrl+c and waits for the program; it returns the exit code.
func (p *ptyProcess) quit() int {
	_, _ = p.master.Write([]byte{3})
	kill := time.AfterFunc(ptyWait, func() { _ = p.cmd.Process.Kill() }) // a wizard that ignores ctrl+c fails the test, not hangs it
	defer kill.Stop()
	done := make(chan struct{})
	go func() {
		for range p.out {
		}
		close(done)
	}()
	err := p.cmd.Wait()
	p.master.Close()
	<-done
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		return -1
	}
	return 0
}

// firstFrameMarker is text of the first screen's header.
const firstFrameMarker = "step 1 of 7"

func wizardEnv(tb testing.TB) []string {
	dir := tb.TempDir()
	return []string{"HOME=" + dir, "XDG_CONFIG_HOME=" + dir, "TERM=xterm-256color"}
}

func TestWizardDrawsOnATerminalAndQuitsOnCtrlC(t *testing.T) {
	p := startOnPTY(t, wizardEnv(t), setupwizBinary(t))
	if !p.waitFor(firstFrameMarker) {
		t.Fatal("the wizard ended before drawing its first screen")
	}
	if code := p.quit(); code != 130 {
		t.Fatalf("exit code after ctrl+c = %d, want 130", code)
	}
}

func TestWizardHonoursNoColor(t *testing.T) {
	colour := []byte("\x1b[38;") // a foreground colour, in any of the 256-colour or true-colour forms
	for _, c := range []struct {
		env  []string
		want bool
	}{{nil, true}, {[]string{"NO_COLOR=1"}, false}} {
		p := startOnPTY(t, append(wizardEnv(t), c.env...), setupwizBinary(t))
		out, ok := p.collect(firstFrameMarker)
		p.quit()
		if got := bytes.Contains(out, colour); !ok || got != c.want {
			t.Errorf("env %v: drew %v, colour %v, want colour %v:\n%q", c.env, ok, got, c.want, out)
		}
	}
}

// BenchmarkWizardFirstFrame measures process start → first frame on the
// terminal (the first screen's header in the output), the 50 ms budget.
func BenchmarkWizardFirstFrame(b *testing.B) {
	bin, env := setupwizBinary(b), wizardEnv(b)
	var total time.Duration
	for b.Loop() {
		start := time.Now()
		p := startOnPTY(b, env, bin)
		ok := p.waitFor(firstFrameMarker)
		total += time.Since(start)
		p.quit()
		if !ok {
			b.Fatal("no first frame")
		}
	}
	b.ReportMetric(float64(total.Microseconds())/float64(b.N)/1000, "ms/first-frame")
}
