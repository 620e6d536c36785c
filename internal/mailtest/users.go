package mailtest

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"
)

// User is one mailbox on the test server.
type User struct {
	Login       string // what to send in USER / AUTH
	Email       string
	Password    string
	CRAMCapable bool // the password is stored so CRAM-MD5 and SCRAM work
}

// Password schemes used in the users file.
const (
	schemePlain    = "PLAIN"
	schemePlainB64 = "PLAIN.b64" // for passwords a passwd-file line cannot hold as is (':')
	schemeCrypt    = "SHA512-CRYPT"
)

// account is a User plus how its password is stored.
type account struct {
	User
	short  string // "alice", "bob", …
	scheme string
	hash   string // the stored form for schemeCrypt
}

// BobPassword contains quotes of both kinds, spaces, a backslash, a
// backtick, shell and config-file metacharacters and non-ASCII: every
// exporter must escape it correctly for its format.
const BobPassword = `He said "hi" & 'bye' \ ` + "`x`" + ` $HOME #; Grüße ✓`

// davePasswordHash is `doveadm pw -s SHA512-CRYPT` of "dave-pass", fixed so
// that start-up does not run doveadm.
const davePasswordHash = "$6$/qHjils1y3v4cBQ1$Ix8Nm/Aw7HP3qM1PybtUUA80NmTVgqUc8QonFHRJeoiZXmc.HZUYpMA3XjL8DqeLuz4jtl1bvEnOURkRCQ76H."

func fixedAccounts() []account {
	return []account{
		{User: User{"alice@example.test", "alice@example.test", "alice-pass", true}, short: "alice", scheme: schemePlain},
		{User: User{"bob@example.test", "bob@example.test", BobPassword, true}, short: "bob", scheme: schemePlain},
		{User: User{"carol@example.test", "carol@example.test", "carol:pass:word", true}, short: "carol", scheme: schemePlainB64},
		{User: User{"dave@example.test", "dave@example.test", "dave-pass", false}, short: "dave", scheme: schemeCrypt, hash: davePasswordHash},
		{User: User{"erin", "erin@example.test", "erin-pass", true}, short: "erin", scheme: schemePlain},
	}
}

// Users returns the fixed users with their current passwords.
func (s *Server) Users() []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]User, len(s.accounts))
	for i, a := range s.accounts {
		out[i] = a.User
	}
	return out
}

// User returns a user by short name ("alice", "bob", "carol", "dave", "erin")
// or login. It panics on an unknown name: that is a bug in the test.
func (s *Server) User(name string) User {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.accounts[s.indexOf(name)].User
}

// indexOf finds an account by short name or login; s.mu must be held.
func (s *Server) indexOf(name string) int {
	for i, a := range s.accounts {
		if a.short == name || strings.EqualFold(a.Login, name) {
			return i
		}
	}
	panic(fmt.Sprintf("mailtest: no user %q (have alice, bob, carol, dave, erin)", name))
}

// SetPassword changes a user's password in the users file. Dovecot re-reads
// the file when it changed, so no restart is needed, but it checks at most
// once per second: SetPassword returns only after the next second has begun,
// so the next login sees the new password. A hashed user (dave) stays hashed.
func (s *Server) SetPassword(t testing.TB, login, password string) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	a := &s.accounts[s.indexOf(login)]
	if err := a.setPassword(password, s.tools); err != nil {
		t.Fatalf("mailtest: set password of %s: %v", a.Login, err)
	}
	if err := s.writeUsers(); err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	waitNextSecond()
}

// waitNextSecond sleeps into the next wall-clock second. Dovecot's
// passwd-file driver skips its change check when it already checked during
// the current second (of its ioloop clock), so a lookup right after a
// rewrite could still use the old file.
func waitNextSecond() {
	now := time.Now()
	time.Sleep(now.Truncate(time.Second).Add(time.Second + 5*time.Millisecond).Sub(now))
}

func (a *account) setPassword(password string, tools toolPaths) error {
	a.Password = password
	switch {
	case a.scheme == schemeCrypt:
		hash, err := cryptPassword(tools.doveadm, password)
		a.hash = hash
		return err
	case strings.ContainsAny(password, ":\r\n\x00"):
		a.scheme = schemePlainB64
	default:
		a.scheme = schemePlain
	}
	return nil
}

// passwdLine renders the account as a Dovecot passwd-file line:
// user:{SCHEME}password:uid:gid:gecos:home:shell:extra.
func (a account) passwdLine(home string) string {
	return fmt.Sprintf("%s:{%s}%s::::%s::\n", strings.ToLower(a.Login), a.scheme, a.storedPassword(), home)
}

func (a account) storedPassword() string {
	switch a.scheme {
	case schemeCrypt:
		return a.hash
	case schemePlainB64:
		return base64.StdEncoding.EncodeToString([]byte(a.Password))
	default:
		return a.Password
	}
}
