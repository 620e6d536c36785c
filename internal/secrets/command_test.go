package secrets_test

import (
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

func TestCommandMode(t *testing.T) {
	s := secrets.New(secrets.Config{Timeout: 20 * time.Second})
	tests := []struct {
		name, cmd, want, errHas string
	}{
		{"first line only", `printf 'first pw\nsecond\n'`, "first pw", ""},
		{"CRLF", `printf 'pw\r\nx'`, "pw", ""},
		{"no newline", `printf 'only'`, "only", ""},
		{"shell syntax allowed", `echo "a b" | tr ' ' '_'`, "a_b", ""},
		{"empty", `true`, "", "printed no password"},
		{"huge", `head -c 100000 /dev/zero | tr '\0' a`, "", "more than"},
		{"long line", `head -c 5000 /dev/zero | tr '\0' a`, "", "longer than"},
		{"fails", `echo 'gpg: decryption failed' >&2; exit 2`, "", "decryption failed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pw, err := s.Get(profile.SecretRef{Kind: profile.SecretCommand, Ref: tc.cmd}, "jane")
			if tc.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errHas) {
					t.Errorf("err = %v, want one containing %q", err, tc.errHas)
				}
				return
			}
			if err != nil || pw.Reveal() != tc.want {
				t.Errorf("Get = %q, %v; want %q", pw.Reveal(), err, tc.want)
			}
		})
	}
}

// TestCommandDeadlineKillsTheGroup: a command that never finishes is stopped,
// including the children of sh that hold its stdout open.
func TestCommandDeadlineKillsTheGroup(t *testing.T) {
	s := secrets.New(secrets.Config{Timeout: 300 * time.Millisecond})
	_, err := s.Get(profile.SecretRef{Kind: profile.SecretCommand, Ref: "sleep 600; echo late"}, "jane")
	if err == nil || !strings.Contains(err.Error(), "did not finish") {
		t.Errorf("err = %v, want a deadline error", err)
	}
}

func TestCommandCannotStore(t *testing.T) {
	s := secrets.New(secrets.Config{})
	err := s.Set(profile.SecretRef{Kind: profile.SecretCommand, Ref: "cat f"}, "jane", profile.NewPassword("x"))
	if err == nil || !strings.Contains(err.Error(), "NOT saved") {
		t.Errorf("Set(command) = %v, want 'NOT saved'", err)
	}
}

func TestCommandNeedsRef(t *testing.T) {
	s := secrets.New(secrets.Config{})
	if _, err := s.Get(profile.SecretRef{Kind: profile.SecretCommand}, "jane"); err == nil {
		t.Error("Get(command) without a command succeeded")
	}
}
