package mailtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// startInNamespaces runs script (sh) in private mount and PID namespaces
// (unshare, as root). In the mount namespace the script may bind-mount its
// own files over system paths a server has compiled in (Courier reads
// /etc/courier and talks to /run/courier/authdaemon) without touching the
// machine's. In the PID namespace the script's process is the init: when
// stop kills the launcher, the kernel ends every process the server
// started, daemons that detach from their parent included. The output of
// all of them goes to logPath.
func startInNamespaces(name, dir, script, logPath string) (*childProcess, error) {
	path := filepath.Join(dir, name+"-launch.sh")
	if err := writeFileAtomic(path, []byte(script), 0o700); err != nil {
		return nil, err
	}
	log, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open the %s log: %w", name, err)
	}
	unshare, err := findTool("unshare")
	if err != nil {
		log.Close()
		return nil, err
	}
	p, err := startChild(name, log, unshare, "--mount", "--pid", "--fork", "--kill-child",
		"--propagation", "private", "/bin/sh", "-e", path)
	go func() {
		if p != nil {
			<-p.done
		}
		log.Close()
	}()
	return p, err
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
