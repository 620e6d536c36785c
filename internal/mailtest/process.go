package mailtest

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// childProcess is a server running in the foreground as our child (the
// Dovecot master with -F, or a namespace launcher, see startInNamespaces),
// so we can wait for it instead of polling a pid file.
type childProcess struct {
	name   string // for messages: "dovecot", "courier", "postfix"
	cmd    *exec.Cmd
	done   chan struct{} // closed when the master has exited
	err    error         // the exit status, valid after done
	stderr *tailBuffer

	stopped bool // stop ran: the process group must not be signalled again
}

func startDovecot(binary, conf string) (*childProcess, error) {
	return startChild("dovecot", nil, binary, "-F", "-c", conf)
}

// startChild runs binary in a process group of its own; its output goes to
// log (if any) and to a tail kept for failure messages.
func startChild(name string, log io.Writer, binary string, args ...string) (*childProcess, error) {
	p := &childProcess{name: name, done: make(chan struct{}), stderr: newTailBuffer(16 << 10)}
	p.cmd = exec.Command(binary, args...)
	var out io.Writer = p.stderr
	if log != nil {
		out = io.MultiWriter(log, p.stderr)
	}
	p.cmd.Stdout, p.cmd.Stderr = out, out
	p.cmd.SysProcAttr = childProcAttr()
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("run %s: %w", binary, err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

func (p *childProcess) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// waitReady returns once every probe sees Dovecot answer, or fails when the
// master exits first or the deadline passes. The probes run side by side:
// the first one waits for the auth process to come up, the rest need not queue.
func (p *childProcess) waitReady(probes []readyProbe, deadline time.Time) error {
	errs := make(chan error, len(probes))
	for _, pr := range probes {
		go func() { errs <- p.waitProbe(pr, deadline) }()
	}
	var first error
	for range probes {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (p *childProcess) waitProbe(pr readyProbe, deadline time.Time) error {
	for {
		if p.exited() {
			return fmt.Errorf("%s exited during start-up (%v)", p.name, p.err)
		}
		err := pr.check(deadline)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s did not answer on port %d in time: %w", p.name, pr.port, err)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// stop kills the whole Dovecot process group and waits for the master to
// exit. A graceful SIGTERM buys nothing for a throwaway server and costs
// time: right after start-up the master waits up to seconds for children
// (anvil, login processes) that have not reported in yet. Once the group is
// gone, no process of this instance holds a port any more.
func (p *childProcess) stop() {
	if p.stopped {
		return
	}
	p.stopped = true
	killGroup(p.cmd.Process.Pid)
	<-p.done
}

// killGroup kills what is left of the Dovecot process group (Dovecot runs in
// its own group, see childProcAttr).
func killGroup(pgid int) {
	if pgid > 0 {
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
	}
}

// removeStale deletes sockets and pid files a killed instance left behind: a
// stale anvil-auth-penalty socket would stall the first login for 5 s.
func removeStale(runDir string) {
	for _, name := range []string{"anvil-auth-penalty", "master.pid"} {
		_ = os.Remove(runDir + "/" + name)
	}
}
