package mailtest_test

import (
	"encoding/base64"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

func TestMain(m *testing.M) { mailtest.Main(m) }

func plainIR(login, password string) string {
	return base64.StdEncoding.EncodeToString([]byte("\x00" + login + "\x00" + password))
}

// login runs USER/PASS and returns the reply to PASS.
func (ss *session) login(u mailtest.User) string {
	ss.t.Helper()
	expectPrefix(ss.t, "USER", ss.cmd("USER %s", u.Login), "+OK")
	return ss.cmd("PASS %s", u.Password)
}
