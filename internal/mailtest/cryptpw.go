package mailtest

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// cryptPassword hashes password with `doveadm pw -s SHA512-CRYPT`, handing the
// password over on stdin (typed twice, as doveadm asks to confirm it) so it
// never appears in argv.
func cryptPassword(doveadm, password string) (string, error) {
	if strings.ContainsAny(password, "\r\n") {
		return "", fmt.Errorf("a %s password cannot contain a line break", schemeCrypt)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, doveadm, "pw", "-s", schemeCrypt)
	cmd.Stdin = strings.NewReader(password + "\n" + password + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("doveadm pw -s %s: %w: %s", schemeCrypt, err, strings.TrimSpace(stderr.String()))
	}
	hash, ok := strings.CutPrefix(strings.TrimSpace(string(out)), "{"+schemeCrypt+"}")
	if !ok || hash == "" {
		return "", fmt.Errorf("doveadm pw -s %s printed no %s hash", schemeCrypt, schemeCrypt)
	}
	return hash, nil
}
