package mailtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// toolPackages maps a command (or a file a package installs) to its Debian package.
func toolPackages() map[string]string {
	return map[string]string{
		"dovecot":                     "dovecot-core",
		"doveadm":                     "dovecot-core",
		"/usr/lib/dovecot/pop3":       "dovecot-pop3d",
		"/usr/lib/dovecot/submission": "dovecot-submissiond",
		"fetchmail":                   "fetchmail",
		"mutt":                        "mutt",
		"neomutt":                     "neomutt",
		"thunderbird":                 "thunderbird",
		"xvfb-run":                    "xvfb",
		"Xvfb":                        "xvfb",
		"xmllint":                     "libxml2-utils",
		"tmux":                        "tmux",
		"openssl":                     "openssl",
		"python3":                     "python3",
		"script":                      "bsdutils",
		"/usr/share/bash-completion/bash_completion": "bash-completion",
		"man":                 "man-db",
		"groff":               "groff-base",
		"dpkg-deb":            "dpkg",
		"unshare":             "util-linux",
		"couriertcpd":         "courier-base",
		"couriertls":          "courier-base",
		"authdaemond":         "courier-authdaemon",
		"makeuserdb":          "courier-authlib-userdb",
		courierLogin():        "courier-pop (unpacked by scripts/test-deps.sh)",
		"postfix":             "postfix",
		"saslpasswd2":         "sasl2-bin",
		eximBinary:            "exim4-daemon-light (unpacked by scripts/test-deps.sh)",
		cyrusBin + "/master":  "cyrus-common",
		cyrusBin + "/deliver": "cyrus-common",
		cyrusPOP3d:            "cyrus-pop3d (unpacked by scripts/test-deps.sh)",
	}
}

// NeedTool fails the test when CI=true and skips it otherwise, unless every
// named command is installed. "dovecot" also checks for the POP3 and
// submission modules the harness needs.
func NeedTool(t testing.TB, names ...string) {
	t.Helper()
	var missing []string
	for _, name := range expandTools(names) {
		if _, err := findTool(name); err != nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		reportMissing(t, missing)
	}
}

func expandTools(names []string) []string {
	var out []string
	for _, n := range names {
		out = append(out, n)
		switch n {
		case "dovecot":
			out = append(out, "doveadm", "/usr/lib/dovecot/pop3", "/usr/lib/dovecot/submission")
		case "courier":
			out = append(out[:len(out)-1], "couriertcpd", "couriertls", "authdaemond", "makeuserdb", courierLogin(), "unshare", "openssl")
		case "postfix":
			out = append(out, "saslpasswd2", "unshare")
		case "cyrus":
			out = append(out[:len(out)-1], cyrusBin+"/master", cyrusBin+"/deliver", cyrusPOP3d, "saslpasswd2", "unshare", "openssl")
		}
	}
	return out
}

// findTool looks a command up in PATH and then in the sbin directories, which
// a non-root PATH often lacks (dovecot lives in /usr/sbin). Absolute names
// must simply exist.
func findTool(name string) (string, error) {
	if filepath.IsAbs(name) {
		_, err := os.Stat(name)
		return name, err
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	for _, dir := range []string{"/usr/sbin", "/sbin", "/usr/local/sbin"} {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", errors.New(name + " not found in PATH or /usr/sbin")
}

func reportMissing(t testing.TB, missing []string) {
	t.Helper()
	pkgs := packagesFor(missing)
	msg := fmt.Sprintf("missing %s (Debian package %s); install with: sudo apt-get install %s, or run scripts/test-deps.sh as root",
		strings.Join(missing, ", "), strings.Join(pkgs, " "), strings.Join(pkgs, " "))
	if os.Getenv("CI") == "true" {
		t.Fatalf("mailtest: %s", msg)
	}
	t.Skipf("mailtest: skipped locally: %s", msg)
}

func packagesFor(missing []string) []string {
	known := toolPackages()
	seen := map[string]bool{}
	var pkgs []string
	for _, m := range missing {
		pkg := known[m]
		if pkg == "" {
			pkg = m
		}
		if !seen[pkg] {
			seen[pkg] = true
			pkgs = append(pkgs, pkg)
		}
	}
	return pkgs
}

// toolPaths are the Dovecot programs the harness runs.
type toolPaths struct{ dovecot, doveadm string }

func dovecotTools() (toolPaths, error) {
	dovecot, err := findTool("dovecot")
	if err != nil {
		return toolPaths{}, err
	}
	doveadm, err := findTool("doveadm")
	return toolPaths{dovecot, doveadm}, err
}
