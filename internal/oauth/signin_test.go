package oauth_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/oauth"
)

func TestBrowserSignIn(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	var shown oauth.Prompt
	g, err := testConfig(a).SignInBrowser(context.Background(), oauth.SignInOptions{
		Show: func(p oauth.Prompt) { shown = p }, Browser: browse(t, a), LoginHint: "alice@example.test",
	})
	if err != nil {
		t.Fatal(err)
	}
	if g.RefreshToken == "" || g.AccessToken == "" || g.Expiry.IsZero() {
		t.Fatalf("grant is missing parts: refresh %t access %t expiry %v", g.RefreshToken != "", g.AccessToken != "", g.Expiry)
	}
	u, _ := url.Parse(shown.URL)
	q := u.Query()
	if !shown.Browser || q.Get("code_challenge_method") != "S256" || q.Get("login_hint") != "alice@example.test" {
		t.Errorf("prompt = %+v; want a browser started, S256 PKCE and the login hint", shown)
	}
	if r := q.Get("redirect_uri"); !strings.HasPrefix(r, "http://127.0.0.1:") {
		t.Errorf("redirect_uri = %q, want the IPv4 loopback literal (RFC 8252 §7.3)", r)
	}
}

func TestBrowserSignInDenied(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	a.Deny(true)
	_, err := testConfig(a).SignInBrowser(context.Background(), oauth.SignInOptions{Browser: browse(t, a)})
	if oauth.KindOf(err) != oauth.KindDenied || !strings.Contains(err.Error(), "access_denied") {
		t.Fatalf("err = %v, want KindDenied naming access_denied", err)
	}
}

// TestBrowserSignInIgnoresForgedRedirects: a request without the state the
// sign-in started with is refused and does not end the wait.
func TestBrowserSignInIgnoresForgedRedirects(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	forged := make(chan int, 1)
	open := func(u string) error {
		pu, _ := url.Parse(u)
		redirect := pu.Query().Get("redirect_uri")
		go func() {
			resp, err := http.Get(redirect + "?code=attacker&state=wrong")
			if err != nil {
				t.Errorf("forged redirect: %v", err)
				forged <- 0
				return
			}
			resp.Body.Close()
			forged <- resp.StatusCode
			if err := a.Browse(u); err != nil {
				t.Errorf("browser: %v", err)
			}
		}()
		return nil
	}
	g, err := testConfig(a).SignInBrowser(context.Background(), oauth.SignInOptions{Browser: open})
	if err != nil || g.RefreshToken == "" {
		t.Fatalf("sign-in after a forged redirect = %v", err)
	}
	if code := <-forged; code != http.StatusBadRequest {
		t.Errorf("forged redirect answered %d, want 400", code)
	}
}

func TestBrowserSignInCanceled(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := testConfig(a).SignInBrowser(ctx, oauth.SignInOptions{Show: func(oauth.Prompt) { cancel() }})
	if oauth.KindOf(err) != oauth.KindCanceled {
		t.Fatalf("err = %v, want KindCanceled", err)
	}
}

func TestNoClientID(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	c := testConfig(a)
	c.Client = oauth.Client{}
	_, err := c.SignInBrowser(context.Background(), oauth.SignInOptions{})
	if oauth.KindOf(err) != oauth.KindNoClient || !strings.Contains(err.Error(), "--oauth-client-id") {
		t.Fatalf("err = %v, want KindNoClient pointing at --oauth-client-id", err)
	}
}

func TestWrongClientID(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	c := testConfig(a)
	c.Client = oauth.Client{ID: mailtest.AuthDesktopID} // needs its secret
	_, err := c.SignInBrowser(context.Background(), oauth.SignInOptions{Browser: browse(t, a)})
	if oauth.KindOf(err) != oauth.KindClient {
		t.Fatalf("err = %v, want KindClient", err)
	}
}

func TestDeviceSignInWithSlowDown(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	a.SlowDown(1)
	var shown oauth.Prompt
	show := func(p oauth.Prompt) {
		shown = p
		if err := a.ApproveDevice(p.Code); err != nil {
			t.Error(err)
		}
	}
	g, err := testConfig(a).SignInDevice(context.Background(), oauth.SignInOptions{Show: show})
	if err != nil {
		t.Fatal(err)
	}
	if g.RefreshToken == "" || shown.Code == "" || !strings.HasSuffix(shown.URL, "/activate") || shown.Expires.IsZero() {
		t.Errorf("grant/prompt incomplete: %+v", shown)
	}
	if st := a.Stats(); st.SlowDowns != 1 || st.DevicePolls < 2 {
		t.Errorf("stats = %+v, want one slow_down and a poll after it", st)
	}
}

func TestDeviceSignInDenied(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	a.Deny(true)
	show := func(p oauth.Prompt) { a.ApproveDevice(p.Code) }
	_, err := testConfig(a).SignInDevice(context.Background(), oauth.SignInOptions{Show: show})
	if oauth.KindOf(err) != oauth.KindDenied {
		t.Fatalf("err = %v, want KindDenied", err)
	}
}

func TestDeviceFlowNotForThisProvider(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	c := testConfig(a)
	c.Provider.DeviceFlow = false
	_, err := c.SignInDevice(context.Background(), oauth.SignInOptions{})
	if !errors.Is(err, oauth.ErrNoDeviceFlow) {
		t.Fatalf("err = %v, want ErrNoDeviceFlow", err)
	}
}
