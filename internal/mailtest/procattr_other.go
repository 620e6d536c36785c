//go:build !linux

package mailtest

import "syscall"

// childProcAttr puts Dovecot in its own process group so stop can kill any straggler.
func childProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
