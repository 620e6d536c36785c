//go:build !unix

package secrets

import "os/exec"

// killGroup: without process groups, cancel kills the child itself (the default).
func killGroup(*exec.Cmd) {}
