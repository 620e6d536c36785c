package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

// entryPassOnPath puts a stand-in for pass(1) first on PATH that keeps each
// entry in a file of its own under dir, so `show` returns what `insert` got.
func entryPassOnPath(t *testing.T, dir string) {
	t.Helper()
	passOnPath(t, dir, `#!/bin/sh
for e; do :; done
f="$PASSWORD_STORE_DIR/$(printf %s "$e" | tr / _)"
case "$1" in
show) [ -f "$f" ] || { echo "Error: $e is not in the password store." >&2; exit 1; }; cat "$f" ;;
insert) cat > "$f" ;;
esac
`)
}

// oauthAccount saves an OAuth profile for alice on the test servers and
// stores a sign-in (a refresh token only: the first token call renews it).
type oauthAccount struct {
	a        *mailtest.AuthServer
	e        *env
	out, err *bytes.Buffer
	p        profile.Profile
	vault    oauth.Vault
}

func newOAuthAccount(t *testing.T, a *mailtest.AuthServer, s *mailtest.Server) *oauthAccount {
	t.Helper()
	store := t.TempDir()
	entryPassOnPath(t, store)
	var out, errb bytes.Buffer
	vars := map[string]string{"HOME": t.TempDir(), "PASSWORD_STORE_DIR": store}
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	p := profile.New("alice@example.test", "Alice")
	p.Incoming = profile.Server{Host: "localhost", Port: 995, Security: profile.SecurityTLS, Username: "alice@example.test", Auth: profile.AuthOAuthBearer}
	p.Outgoing = profile.Server{Host: "localhost", Port: 465, Security: profile.SecurityTLS, Username: "alice@example.test", Auth: profile.AuthOAuthBearer}
	if s != nil {
		p.Incoming.Port, p.Outgoing.Port, p.TLS.CAFile = s.POP3S, s.Submissions, s.CAFile
	}
	p.OAuth = &profile.OAuth{Provider: a.Provider(), ClientID: mailtest.AuthClientID, Token: oauth.TokenRef(profile.SecretPass, p.Name)}
	if err := wizardStore(e).Save(p); err != nil {
		t.Fatal(err)
	}
	_, rt := a.Issue("alice@example.test")
	v := oauth.StoreVault(secrets.New(secrets.Config{PassDir: store}), p.OAuth.Token, p.Name)
	if err := v.Save(oauth.Grant{RefreshToken: rt}); err != nil {
		t.Fatal(err)
	}
	return &oauthAccount{a: a, e: e, out: &out, err: &errb, p: p, vault: v}
}

// token runs `setupwiz token NAME` and returns the exit code and stdout.
func (o *oauthAccount) token(t *testing.T) (int, string) {
	t.Helper()
	o.out.Reset()
	o.err.Reset()
	code := run(context.Background(), []string{"token", o.p.Name}, o.e)
	return code, strings.TrimSpace(o.out.String())
}

// ageAnHour makes the stored access token an hour old, on both clocks.
func (o *oauthAccount) ageAnHour(t *testing.T) {
	t.Helper()
	g, err := o.vault.Load()
	if err != nil {
		t.Fatal(err)
	}
	g.Expiry = time.Now().Add(-time.Minute)
	if err := o.vault.Save(g); err != nil {
		t.Fatal(err)
	}
	o.a.Advance(time.Hour + time.Minute)
}

func TestTokenRenewsAndStoresTheRotatedSignIn(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	o := newOAuthAccount(t, a, nil)
	before, _ := o.vault.Load()
	code, tok := o.token(t)
	if code != 0 || !strings.HasPrefix(tok, "at-") {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, tok, o.err)
	}
	after, _ := o.vault.Load()
	if after.AccessToken != tok || after.RefreshToken == before.RefreshToken {
		t.Error("the renewed sign-in (rotated refresh token, access token) was not stored")
	}
	if code, again := o.token(t); code != 0 || again != tok || a.Stats().Refreshes != 1 {
		t.Errorf("second call: exit %d, same token %t, refreshes %d; want the stored token, no refresh", code, again == tok, a.Stats().Refreshes)
	}
	o.ageAnHour(t)
	if code, later := o.token(t); code != 0 || later == tok || a.Stats().Refreshes != 2 {
		t.Errorf("an hour later: exit %d, new token %t, refreshes %d", code, later != tok, a.Stats().Refreshes)
	}
	if code := run(context.Background(), []string{"token", "--refresh", o.p.Name}, o.e); code != 0 || a.Stats().Refreshes != 3 {
		t.Errorf("--refresh: exit %d, refreshes %d; want a renewal although the token is good", code, a.Stats().Refreshes)
	}
	if o.err.Len() != 0 {
		t.Errorf("stderr: %s", o.err)
	}
}

func TestTokenAfterRevocationSaysSignInAgain(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	o := newOAuthAccount(t, a, nil)
	a.RevokeUser("alice@example.test")
	code, tok := o.token(t)
	if code != 1 || tok != "" {
		t.Fatalf("exit %d, stdout %q; want 1 and nothing on stdout", code, tok)
	}
	for _, w := range []string{"sign in again", "setupwiz repair " + o.p.Name, "invalid_grant"} {
		if !strings.Contains(o.err.String(), w) {
			t.Errorf("stderr %q lacks %q", o.err, w)
		}
	}
}

func TestTokenUsage(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	o := newOAuthAccount(t, a, nil)
	pw := profile.New("bob@example.test", "Bob")
	pw.Incoming.Host, pw.Outgoing.Host = "localhost", "localhost"
	if err := wizardStore(o.e).Save(pw); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"token"}, "one profile NAME"},
		{[]string{"token", "nobody@example.test"}, "no such profile"},
		{[]string{"token", pw.Name}, "password, not OAuth2"},
	} {
		o.err.Reset()
		if code := run(context.Background(), tc.args, o.e); code != 2 || !strings.Contains(o.err.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, o.err, tc.want)
		}
	}
}

// TestTokenRenewalsAtOnceRenewOnceAndLeaveNoLock: two mail programs ask
// for a token at the same moment; one renews, the other waits for it and
// prints the same token. Afterwards nothing but the profile is left in the
// profiles folder: the lock is gone with its holder.
func TestTokenRenewalsAtOnceRenewOnceAndLeaveNoLock(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	o := newOAuthAccount(t, a, nil)
	var wg sync.WaitGroup
	codes, toks := make([]int, 2), make([]string, 2)
	for i := range 2 {
		var out bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: io.Discard, getenv: o.e.getenv}
		wg.Go(func() {
			codes[i] = run(context.Background(), []string{"token", o.p.Name}, e)
			toks[i] = strings.TrimSpace(out.String())
		})
	}
	wg.Wait()
	if codes[0] != 0 || codes[1] != 0 || toks[0] != toks[1] || a.Stats().Refreshes != 1 {
		t.Errorf("exits %v, same token %t, refreshes %d; want both 0, one token, one renewal", codes, toks[0] == toks[1], a.Stats().Refreshes)
	}
	store := wizardStore(o.e)
	entries, err := os.ReadDir(filepath.Dir(store.Path(o.p.Name)))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(store.Path(o.p.Name)) {
			t.Errorf("left in the profiles folder after renewing: %s", e.Name())
		}
	}
}
