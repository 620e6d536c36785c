package secrets

import (
	"fmt"
	"os/exec"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// commandBackend runs the user's own command (the profile's Ref) with
// `sh -c`; the first line of its output is the password. The user wrote the
// command, so running it through a shell is what they asked for.
type commandBackend struct {
	env     []string
	timeout time.Duration
}

func (b commandBackend) get(ref profile.SecretRef, _ string) (profile.Password, error) {
	if ref.Ref == "" {
		return profile.Password{}, fmt.Errorf("no password command in the profile: set the secret reference, e.g. command:\"pass show mail/jane\"")
	}
	c := child{argv: []string{"sh", "-c", ref.Ref}, env: b.env, timeout: b.timeout, what: "the password command"}
	out, err := c.run()
	if err != nil {
		return profile.Password{}, err
	}
	return firstLinePassword(out, "the password command")
}

// set cannot store anything: the command only reads.
func (b commandBackend) set(ref profile.SecretRef, _ string, _ profile.Password) error {
	return fmt.Errorf("the password was NOT saved: a password command (%q) can only read; store the new password where that command reads it, or switch to keyring or pass", ref.Ref)
}

func (b commandBackend) available() error {
	if _, err := exec.LookPath("sh"); err != nil {
		return fmt.Errorf("no sh found to run the command")
	}
	return nil
}
