package secrets

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// passBackend uses pass(1): `pass show ENTRY` to read, `pass insert -m -f ENTRY`
// with the password on stdin to write.
type passBackend struct {
	program string
	env     []string
	timeout time.Duration
	dir     string // the password store; "" when unknown
}

// checkEntry refuses entries pass would read as options or that escape the store.
func checkEntry(ref profile.SecretRef) error {
	e := ref.Ref
	switch {
	case e == "":
		return fmt.Errorf("no pass entry named: set the secret reference, e.g. pass:mail/jane")
	case strings.HasPrefix(e, "-"):
		return fmt.Errorf("pass entry %q starts with '-': pass would read it as an option", e)
	case strings.Contains(e, "..") || strings.ContainsAny(e, "\x00\n\r"):
		return fmt.Errorf("pass entry %q contains '..' or a control character", e)
	}
	return nil
}

func (b passBackend) child(stdin []byte, args ...string) child {
	return child{argv: append([]string{b.program}, args...), env: b.env, stdin: stdin, timeout: b.timeout, what: "pass"}
}

func (b passBackend) get(ref profile.SecretRef, _ string) (profile.Password, error) {
	if err := checkEntry(ref); err != nil {
		return profile.Password{}, err
	}
	out, err := b.child(nil, "show", ref.Ref).run()
	if err != nil {
		return profile.Password{}, fmt.Errorf("reading pass entry %q: %w", ref.Ref, err)
	}
	return firstLinePassword(out, "pass show "+ref.Ref)
}

func (b passBackend) set(ref profile.SecretRef, _ string, pw profile.Password) error {
	if err := checkEntry(ref); err != nil {
		return err
	}
	if strings.ContainsAny(pw.Reveal(), "\n\r") {
		return fmt.Errorf("the password has a line break: pass show would return only its first line")
	}
	if _, err := b.child([]byte(pw.Reveal()+"\n"), "insert", "-m", "-f", ref.Ref).run(); err != nil {
		return fmt.Errorf("the password was NOT saved in pass entry %q: %w", ref.Ref, err)
	}
	return nil
}

func (b passBackend) available() error {
	if _, err := exec.LookPath(b.program); err != nil {
		return fmt.Errorf("%s is not installed (Debian: apt install pass)", b.program)
	}
	if b.dir == "" {
		return nil // pass itself will say what is missing
	}
	if _, err := os.Stat(filepath.Join(b.dir, ".gpg-id")); err != nil {
		return fmt.Errorf("pass has no password store in %s yet (set one up with: pass init YOUR-GPG-KEY-ID)", b.dir)
	}
	return nil
}
