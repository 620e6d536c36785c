package mailtest

import (
	"fmt"
	"path/filepath"
	"testing"
)

// StartOAuth runs a private Dovecot, as Start does, whose POP3 and
// submission also offer XOAUTH2 and OAUTHBEARER (RFC 7628) through an
// oauth2 passdb: every token is checked with a's introspection endpoint
// (RFC 7662), so a revoked or expired token is refused by a real mail
// server. Password logins keep working for the fixed users.
func StartOAuth(t testing.TB, a *AuthServer) *Server {
	t.Helper()
	NeedTool(t, "dovecot")
	s, err := newServerWith(func(s *Server) string { return oauthConfig(s.Dir, a.URL) })
	if err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	stopWith(t, s)
	return s
}

// oauthConfig writes the oauth2 passdb's settings file and returns the
// dovecot.conf lines that use it. Dovecot caches nothing by default
// (auth_cache_size = 0), so each login is introspected afresh.
func oauthConfig(dir, authURL string) string {
	ext := filepath.Join(dir, "oauth2.conf.ext")
	settings := fmt.Sprintf(`introspection_mode = post
introspection_url = %s/introspect
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
timeout_msecs = 5000
`, authURL)
	if err := writeFileAtomic(ext, []byte(settings), 0o644); err != nil {
		// An unknown setting stops Dovecot at start, with this in its log.
		return fmt.Sprintf("mailtest_could_not_write_oauth2_conf = %q\n", err.Error())
	}
	return fmt.Sprintf(`auth_mechanisms = $auth_mechanisms xoauth2 oauthbearer
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = %s
}
`, ext)
}
