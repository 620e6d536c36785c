package verify

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// popOpts builds Options for a POP3 check of user on the shared Dovecot.
func popOpts(srv *mailtest.Server, u mailtest.User, port int, sec profile.Security) *Options {
	return &Options{
		Email:      u.Email,
		Incoming:   profile.Server{Host: srv.Host, Port: port, Security: sec, Username: u.Login},
		Password:   profile.NewPassword(u.Password),
		Roots:      srv.CAPool,
		Transcript: true,
	}
}

// runPOP3Check runs checkPOP3 and fails the test on a panic-free nil result.
func runPOP3Check(t *testing.T, o *Options) *ServiceResult {
	t.Helper()
	res := checkPOP3(context.Background(), o)
	if res == nil {
		t.Fatal("checkPOP3 returned nil")
	}
	return res
}

// wantOK fails the test with the error and transcript when res is not OK.
func wantOK(t *testing.T, res *ServiceResult) {
	t.Helper()
	if !res.OK {
		t.Fatalf("check failed: %v (hint: %s)\n%s", res.Error, hintOf(res.Error), transcriptText(res))
	}
}

// wantKind fails the test unless res failed with kind.
func wantKind(t *testing.T, res *ServiceResult, kind Kind) {
	t.Helper()
	if res.OK || res.Error == nil {
		t.Fatalf("check succeeded, want %s\n%s", kind, transcriptText(res))
	}
	if res.Error.Kind != kind {
		t.Fatalf("kind = %s, want %s: %v\n%s", res.Error.Kind, kind, res.Error, transcriptText(res))
	}
	if res.Error.Service != ServicePOP3 || res.Error.Step == "" {
		t.Errorf("error lacks service/step: %+v", res.Error)
	}
}

func hintOf(e *Error) string {
	if e == nil {
		return ""
	}
	return e.Hint
}

func transcriptText(res *ServiceResult) string {
	var b strings.Builder
	for _, l := range res.Transcript {
		b.WriteString(l.Dir + ": " + l.Text + "\n")
	}
	return b.String()
}

// secretForms lists the ways a password could leak into a transcript.
func secretForms(user, password string) []string {
	b64 := base64.StdEncoding.EncodeToString
	return []string{
		password,
		b64([]byte(password)),
		b64([]byte("\x00" + user + "\x00" + password)),
		strings.TrimRight(b64([]byte(password)), "="),
	}
}

// assertNoSecret fails if any form of password appears in the transcript or the error.
func assertNoSecret(t *testing.T, res *ServiceResult, user, password string) {
	t.Helper()
	text := transcriptText(res)
	if res.Error != nil {
		text += res.Error.Error() + res.Error.Hint + res.Error.ServerText
	}
	for _, s := range secretForms(user, password) {
		if len(s) >= 4 && strings.Contains(text, s) {
			t.Fatalf("transcript or error contains the secret (form %q)", s)
		}
	}
}
