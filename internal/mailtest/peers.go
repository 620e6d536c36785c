package mailtest

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// peerUsers are the users of the Courier and Postfix servers: alice, bob
// (a password every format must escape) and erin (a login without a
// domain), with the passwords they have on the Dovecot server.
func peerUsers() []User {
	var out []User
	for _, a := range fixedAccounts() {
		if a.short == "alice" || a.short == "bob" || a.short == "erin" {
			out = append(out, a.User)
		}
	}
	return out
}

// findUser returns a user by short name or login; it panics on an unknown
// name: that is a bug in the test.
func findUser(users []User, name string) User {
	for _, u := range users {
		if shortName(u) == name || strings.EqualFold(u.Login, name) {
			return u
		}
	}
	panic(fmt.Sprintf("mailtest: no user %q", name))
}

// shortName is the login's local part: "alice" for alice@example.test.
func shortName(u User) string {
	local, _, _ := strings.Cut(u.Login, "@")
	return local
}

// cryptSHA512 hashes password as SHA512-CRYPT with openssl, the password
// on stdin (never in argv).
func cryptSHA512(password string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "openssl", "passwd", "-6", "-stdin")
	cmd.Stdin = strings.NewReader(password + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("openssl passwd -6: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// probeTLS is the client configuration of readiness probes on TLS ports.
func probeTLS(pool *x509.CertPool) *tls.Config {
	return &tls.Config{RootCAs: pool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
}

// needRoot fails (CI=true) or skips the test unless it runs as root: the
// Courier and Postfix harnesses run their servers in private namespaces
// and as their own system users.
func needRoot(t testing.TB, what string) {
	t.Helper()
	if os.Geteuid() == 0 {
		return
	}
	msg := what + " runs only as root here (private mount and PID namespaces, its own system user); run the tests as root"
	if os.Getenv("CI") == "true" {
		t.Fatalf("mailtest: %s", msg)
	}
	t.Skipf("mailtest: skipped locally: %s", msg)
}
