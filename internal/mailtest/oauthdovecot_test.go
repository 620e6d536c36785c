package mailtest_test

import (
	"bufio"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// accessToken signs alice in at a the way a browser would, returning the access token.
func accessToken(t *testing.T, a *mailtest.AuthServer) string {
	t.Helper()
	tok, _ := a.Issue("alice@example.test")
	return tok
}

// pop3Auth logs in over POP3S with mech and the initial response ir, returning Dovecot's answer.
func pop3Auth(t *testing.T, s *mailtest.Server, mech, ir string) string {
	t.Helper()
	conn, err := tls.Dial("tcp", s.Addr(s.POP3S), &tls.Config{RootCAs: s.CAPool, ServerName: "localhost"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	r := bufio.NewReader(conn)
	r.ReadString('\n')
	fmt.Fprintf(conn, "AUTH %s %s\r\n", mech, base64.StdEncoding.EncodeToString([]byte(ir)))
	line, _ := r.ReadString('\n')
	if strings.HasPrefix(line, "+ ") { // a SASL error challenge (RFC 7628 §3.2.2): end it
		fmt.Fprintf(conn, "AQ==\r\n")
		line, _ = r.ReadString('\n')
	}
	return strings.TrimSpace(line)
}

func xoauth2(user, tok string) string { return "user=" + user + "\x01auth=Bearer " + tok + "\x01\x01" }

func oauthbearer(user, tok string) string {
	return "n,a=" + user + ",\x01auth=Bearer " + tok + "\x01\x01"
}

func TestOAuthDovecotChecksTokens(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	s := mailtest.StartOAuth(t, a)
	tok := accessToken(t, a)
	if got := pop3Auth(t, s, "XOAUTH2", xoauth2("alice@example.test", tok)); !strings.HasPrefix(got, "+OK") {
		t.Errorf("XOAUTH2 with a fresh token: %q", got)
	}
	if got := pop3Auth(t, s, "OAUTHBEARER", oauthbearer("alice@example.test", tok)); !strings.HasPrefix(got, "+OK") {
		t.Errorf("OAUTHBEARER with a fresh token: %q", got)
	}
	if got := pop3Auth(t, s, "XOAUTH2", xoauth2("bob@example.test", tok)); strings.HasPrefix(got, "+OK") {
		t.Errorf("alice's token logged bob in: %q", got)
	}
	if got := pop3Auth(t, s, "PLAIN", "\x00alice@example.test\x00alice-pass"); !strings.HasPrefix(got, "+OK") {
		t.Errorf("password login next to the oauth2 passdb: %q", got)
	}
	a.Advance(time.Hour + time.Minute)
	if got := pop3Auth(t, s, "XOAUTH2", xoauth2("alice@example.test", tok)); strings.HasPrefix(got, "+OK") {
		t.Errorf("an hour-old token was accepted: %q", got)
	}
	if st := a.Stats(); st.Introspections < 4 || st.ActiveIntrospections < 2 {
		t.Errorf("introspections %+v: Dovecot did not ask the authorization server", st)
	}
}

func TestOAuthDovecotRefusesRevokedTokens(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	s := mailtest.StartOAuth(t, a)
	tok := accessToken(t, a)
	a.RevokeUser("alice@example.test")
	if got := pop3Auth(t, s, "XOAUTH2", xoauth2("alice@example.test", tok)); strings.HasPrefix(got, "+OK") {
		t.Errorf("a revoked token was accepted: %q", got)
	}
}

func TestOAuthDovecotSubmission(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	s := mailtest.StartOAuth(t, a)
	tok := accessToken(t, a)
	c, err := smtp.DialTLS(s.Addr(s.Submissions), &tls.Config{RootCAs: s.CAPool, ServerName: "localhost"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Auth(sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: "alice@example.test", Token: tok})); err != nil {
		t.Fatalf("submission OAUTHBEARER: %v", err)
	}
	a.RevokeUser("alice@example.test")
	c2, err := smtp.DialTLS(s.Addr(s.Submissions), &tls.Config{RootCAs: s.CAPool, ServerName: "localhost"})
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if err := c2.Auth(sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: "alice@example.test", Token: tok})); err == nil {
		t.Fatal("submission accepted a revoked token")
	}
}
