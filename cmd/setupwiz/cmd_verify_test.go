package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
	"github.com/spf13/pflag"
)

// parseVerify parses args as `setupwiz verify` would and builds the options.
func parseVerify(t *testing.T, stdin string, args ...string) (verify.Options, error) {
	t.Helper()
	var v verifyFlags
	fs := pflag.NewFlagSet("verify", pflag.ContinueOnError)
	v.register(fs)
	e := &env{stdin: strings.NewReader(stdin), stdout: new(bytes.Buffer), stderr: new(bytes.Buffer)}
	if err := fs.Parse(args); err != nil {
		return verify.Options{}, err
	}
	return v.options(e)
}

func writeSecret(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVerifyOptions(t *testing.T) {
	token := writeSecret(t, "ya29.token\n")
	o, err := parseVerify(t, "", "--email", "jane@example.test", "--oauth-token-file", token, "--only", "smtp",
		"--smtp-port", "587", "--smtp-security", "starttls", "--send-test", "--transcript", "--pin-sha256", strings.Repeat("AB:", 31)+"AB")
	if err != nil {
		t.Fatal(err)
	}
	if o.OAuthToken.Reveal() != "ya29.token" || !o.Password.IsEmpty() || !o.Incoming.IsZero() ||
		o.Outgoing.Port != 587 || o.Outgoing.Security != profile.SecuritySTARTTLS || !o.SendTest || !o.Transcript ||
		!o.UsernameVariants || len(o.PinSHA256) != 1 || o.Roots != nil {
		t.Fatalf("options: %+v", o)
	}
}

// TestVerifyExplicitUsernameTriedAsGiven: only without --username may the
// check try the other username form; an explicit one is what the user asked for.
func TestVerifyExplicitUsernameTriedAsGiven(t *testing.T) {
	pw := writeSecret(t, "pw\n")
	o, err := parseVerify(t, "", "--email", "jane@example.test", "--password-file", pw)
	if err != nil || !o.UsernameVariants {
		t.Fatalf("without --username: variants %v, err %v", o.UsernameVariants, err)
	}
	o, err = parseVerify(t, "", "--email", "jane@example.test", "--username", "jane", "--password-file", pw)
	if err != nil || o.UsernameVariants || o.Incoming.Username != "jane" {
		t.Fatalf("with --username: variants %v, user %q, err %v", o.UsernameVariants, o.Incoming.Username, err)
	}
	if o.Timeout != 30*time.Second {
		t.Errorf("default --timeout %v, want 30s (two tarpitted logins fit)", o.Timeout)
	}
}

func TestVerifyOptionsErrors(t *testing.T) {
	pw := writeSecret(t, "pw\n")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--email", "a@example.test", "--only", "pop3", "--send-test", "--password-file", pw}, "-send-test needs the SMTP server"},
		{[]string{"--email", "a@example.test", "--oauth-token-file", writeSecret(t, "\n")}, "first line is empty"},
		{[]string{"--email", "a@example.test", "--password-stdin", "--password-file", pw}, "not both"},
		{[]string{"--email", "a@example.test", "--pop-host", "bad host", "--password-file", pw}, "--pop-host "},
		{[]string{"--email", "a@example.test", "--password-file", pw, "--pop-port", "70000"}, "--pop-port must be between 1 and 65535"},
		{[]string{"--email", "a@example.test", "--password-file", pw, "--leave-on-server=false", "--keep-days", "14"},
			"--keep-days and --delete-when-deleted need --leave-on-server"},
		{[]string{"--email", "a@example.test", "--password-file", pw, "--pin-sha256", "AB:CD"}, "64 hexadecimal digits"},
		{[]string{"--email", "a@example.test", "--password-file", pw, "--pin-sha256", strings.Repeat("x", 64)}, "64 hexadecimal digits"},
		{[]string{"--email", "a@example.test", "--password-file", pw, "--ca-file", pw}, "no PEM certificate"},
		{[]string{"--email", "a@example.test", "--password-file", pw, "--timeout", "0s"}, "--timeout must be more than zero"},
		{[]string{"--email", "a@example.test", "--password-file", pw, "--timeout", "-5s"}, "--timeout must be more than zero"},
		{[]string{"--email", "a@example.test", "--password-file", pw, "--dns-server", "nonsense"}, "want ADDR:PORT"},
		{[]string{"--email", "a@example.test", "--password-file", pw, "--dns-server", "192.168.1.1"}, "want ADDR:PORT"},
		{[]string{"--email", "a@example.test", "--password-file", pw, "--dns-server", ":53"}, "want ADDR:PORT"},
		{[]string{"--email", "a@example.test", "--password-file", pw, "--dns-server", "10.0.0.1:99999"}, "want ADDR:PORT"},
	}
	for _, c := range cases {
		_, err := parseVerify(t, "", c.args...)
		if _, ok := err.(usageError); !(ok || isInputError(err)) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want a usage or input error with %q", c.args, err, c.want)
		}
	}
}

func TestVerifyPasswordFromStdin(t *testing.T) {
	o, err := parseVerify(t, "He said \"hi\" ✓\r\nignored\n", "--email", "a@example.test", "--password-stdin")
	if err != nil || o.Password.Reveal() != "He said \"hi\" ✓" {
		t.Fatalf("err %v", err)
	}
}

// TestVerifyExamplesParse: every example in `setupwiz help verify` is a
// valid command line (with the placeholders filled in).
func TestVerifyExamplesParse(t *testing.T) {
	pw := writeSecret(t, "example-password\n")
	fill := strings.NewReplacer(`"$FP"`, strings.Repeat("AB", 32), "~/.mailpass", pw)
	n := 0
	for _, line := range strings.Split(verifyExamples, "\n") {
		_, cmd, ok := strings.Cut(line, "setupwiz verify ")
		if strings.HasPrefix(line, "#") || !ok {
			continue
		}
		n++
		if _, err := parseVerify(t, "example-password\n", shellWords(fill.Replace(cmd))...); err != nil {
			t.Errorf("%s: %v", line, err)
		}
	}
	if n < 3 {
		t.Errorf("only %d examples", n)
	}
}
