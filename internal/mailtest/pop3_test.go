package mailtest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

func TestPOP3SLoginShowsAlicesThreeMessages(t *testing.T) {
	s := mailtest.Shared(t)
	c := dialTLS(t, s, s.POP3S)
	expectPrefix(t, "greeting", c.line(), "+OK Dovecot ready.")
	expectPrefix(t, "PASS", c.login(s.User("alice")), "+OK Logged in.")
	expectPrefix(t, "STAT", c.cmd("STAT"), "+OK 3 ")
	expectPrefix(t, "QUIT", c.cmd("QUIT"), "+OK")
}

func TestEveryUserLogsInOverPOP3S(t *testing.T) {
	s := mailtest.Shared(t)
	users := s.Users()
	if len(users) != 5 {
		t.Fatalf("Users() returned %d users, want 5", len(users))
	}
	for _, u := range users {
		t.Run(u.Login, func(t *testing.T) {
			c := dialTLS(t, s, s.POP3S)
			c.line()
			expectPrefix(t, "PASS", c.login(u), "+OK Logged in.")
			expectPrefix(t, "QUIT", c.cmd("QUIT"), "+OK")
		})
	}
}

func TestAlicesUIDLsAreFixed(t *testing.T) {
	s := mailtest.Shared(t)
	c := dialTLS(t, s, s.POP3S)
	c.line()
	expectPrefix(t, "PASS", c.login(s.User("alice")), "+OK Logged in.")
	for i, want := range mailtest.AliceUIDLs() {
		got := c.cmd("UIDL %d", i+1)
		if got != fmt.Sprintf("+OK %d %s", i+1, want) {
			t.Errorf("UIDL %d = %q, want UIDL %s", i+1, got, want)
		}
	}
}

func TestRETRDotStuffsTheLeadingDotLine(t *testing.T) {
	s := mailtest.Shared(t)
	c := dialTLS(t, s, s.POP3S)
	c.line()
	expectPrefix(t, "PASS", c.login(s.User("alice")), "+OK Logged in.")
	expectPrefix(t, "RETR", c.cmd("RETR 2"), "+OK")
	var raw []string
	for l := c.line(); l != "."; l = c.line() {
		raw = append(raw, l)
	}
	if !contains(raw, "..leading dot") || !contains(raw, "...two dots") {
		t.Fatalf("message 2 on the wire lacks the dot-stuffed lines:\n%s", strings.Join(raw, "\n"))
	}
}

func TestPOP3STLSRefusesCleartextLoginUntilSTLS(t *testing.T) {
	s := mailtest.Shared(t)
	c := dialPlain(t, s, s.POP3STLS)
	c.line()
	alice := s.User("alice")
	const refused = "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."
	if got := c.cmd("USER %s", alice.Login); got != refused {
		t.Fatalf("USER before STLS = %q, want %q", got, refused)
	}
	expectPrefix(t, "STLS", c.cmd("STLS"), "+OK")
	c.startTLS(s)
	expectPrefix(t, "PASS after STLS", c.login(alice), "+OK Logged in.")
}

func TestPOP3LenientAcceptsCleartextLogin(t *testing.T) {
	s := mailtest.Shared(t)
	c := dialPlain(t, s, s.POP3Lenient)
	c.line()
	expectPrefix(t, "PASS without TLS", c.login(s.User("alice")), "+OK Logged in.")
}

func contains(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}
