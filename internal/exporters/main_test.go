package exporters

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestMain(m *testing.M) { mailtest.Main(m) }

func fixedNow() time.Time { return time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC) }

// sampleProfile is an ordinary account: implicit TLS both ways, leave on server.
func sampleProfile() profile.Profile {
	p := profile.New("jane@example.test", "Jane Doe")
	p.Incoming.Host, p.Outgoing.Host = "pop.example.test", "smtp.example.test"
	return p
}

// starttlsProfile uses STLS/587, deletes after download and checks every 15 minutes.
func starttlsProfile() profile.Profile {
	p := profile.New("o'brien@example.test", `Seán "Ó" O'Brien`)
	p.Incoming = profile.Server{Host: "Mail.Example.Test", Port: 110, Security: profile.SecuritySTARTTLS, Username: "obrien", Auth: profile.AuthCRAMMD5}
	p.Outgoing = profile.Server{Host: "mail.example.test", Port: 587, Security: profile.SecuritySTARTTLS, Username: "obrien", Auth: profile.AuthPlain}
	p.POP = profile.POPOptions{LeaveOnServer: false, CheckIntervalMinutes: 15}
	return p
}

func opts() Options { return Options{Now: fixedNow} }

func export(t *testing.T, e Exporter, p profile.Profile, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := e.Export(&b, p, o); err != nil {
		t.Fatalf("%s export: %v", e.Name(), err)
	}
	return b.Bytes()
}

// writeFile writes data into dir/name with mode and returns the path.
func writeFile(t testing.TB, dir, name string, data []byte, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

// run executes a command with env added to a minimal environment; it returns stdout and stderr.
func run(t *testing.T, env []string, stdin []byte, name string, args ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	err := cmd.Run()
	return out.String(), errb.String(), err
}

// withoutRootWarning drops fetchmail's warning about running as root.
func withoutRootWarning(stderr string) string {
	var keep []string
	for _, l := range strings.Split(stderr, "\n") {
		if l != "" && !strings.Contains(l, "Running as root is discouraged") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func checkEq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func itoa(n int) string { return strconv.Itoa(n) }
