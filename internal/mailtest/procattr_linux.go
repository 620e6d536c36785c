package mailtest

import "syscall"

// childProcAttr puts Dovecot in its own process group (so stop can kill any
// straggler) and has the kernel kill it if the test binary dies
// without cleaning up, so no Dovecot outlives a crashed test run.
func childProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
