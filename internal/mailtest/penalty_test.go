package mailtest_test

import (
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// Dovecot's anvil would make each login after a failure wait 4, 8, 15 s; the
// harness switches that off. Failures still take about 0.5 s (a fixed timer).
// The 3 s bound only catches the penalty, it is not a speed test.
func TestWrongPasswordsAreNotPenalised(t *testing.T) {
	t.Parallel()
	s := mailtest.Start(t)
	alice := s.User("alice")
	wrong := alice
	wrong.Password = "not-" + alice.Password
	for i, u := range []mailtest.User{wrong, wrong, alice} {
		c := dialTLS(t, s, s.POP3S)
		c.line()
		begin := time.Now()
		got := c.login(u)
		took := time.Since(begin)
		t.Logf("login %d (%s password): %v", i+1, map[bool]string{true: "right", false: "wrong"}[u == alice], took)
		want := "-ERR [AUTH] Authentication failed."
		if u == alice {
			want = "+OK Logged in."
		}
		if got != want {
			t.Fatalf("login %d: got %q, want %q", i+1, got, want)
		}
		if took > 3*time.Second {
			t.Fatalf("login %d took %v: the anvil auth penalty is active", i+1, took)
		}
	}
}
