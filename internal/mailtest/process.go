package mailtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// dovecotProcess is a Dovecot master running in the foreground (-F) as our
// child, so we can wait for it instead of polling a pid file.
type dovecotProcess struct {
	cmd    *exec.Cmd
	done   chan struct{} // closed when the master has exited
	err    error         // the exit status, valid after done
	stderr *tailBuffer

	stopped bool // stop ran: the process group must not be signalled again
}

func startDovecot(binary, conf string) (*dovecotProcess, error) {
	p := &dovecotProcess{done: make(chan struct{}), stderr: newTailBuffer(16 << 10)}
	p.cmd = exec.Command(binary, "-F", "-c", conf)
	p.cmd.Stdout = p.stderr
	p.cmd.Stderr = p.stderr
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

func (p *dovecotProcess) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// waitReady returns once every port accepts a connection, or fails when the
// master exits first or the deadline passes.
func (p *dovecotProcess) waitReady(ports []int, deadline time.Time) error {
	for _, port := range ports {
		if err := p.waitPort(port, deadline); err != nil {
			return err
		}
	}
	return nil
}

func (p *dovecotProcess) waitPort(port int, deadline time.Time) error {
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	for {
		if p.exited() {
			return fmt.Errorf("dovecot exited during start-up (%v)", p.err)
		}
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("dovecot did not listen on %s in time: %w", addr, err)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// stop sends SIGTERM to the master, which stops its children and closes the
// listeners, and waits for it to exit. Right after start-up the master can
// wait for seconds on a child (anvil) that has not reported in yet and so was
// not signalled; after grace the
// whole process group is killed instead. Either way nothing of this
// instance is left holding a port afterwards.
func (p *dovecotProcess) stop(grace time.Duration) {
	if p.stopped {
		return
	}
	p.stopped = true
	if !p.exited() {
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(grace):
			killGroup(p.cmd.Process.Pid)
			<-p.done
		}
	}
	killGroup(p.cmd.Process.Pid)
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
