//go:build unix

package secrets

import (
	"os/exec"
	"syscall"
)

// killGroup runs the child in its own process group and kills the whole
// group on cancel, so a command like `sh -c 'sleep 100'` cannot outlive the deadline.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
