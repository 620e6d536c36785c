package oauth_test

import (
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
)

var builtin = []oauth.HostProvider{{
	Provider: profile.OAuthProvider{ID: "microsoft", Name: "Microsoft", AuthURL: "https://login.example/authorize",
		TokenURL: "https://login.example/token", Scopes: []string{"pop"}},
	Hosts: []string{"outlook.office365.com", "smtp.office365.com"},
}}

const clientFile = `
[microsoft]
client_id = "ms-from-file"

[corp]
name = "Corp SSO"
hosts = ["mail.corp.example"]
auth_url = "https://sso.corp.example/auth"
token_url = "https://sso.corp.example/token"
device_url = "https://sso.corp.example/device"
device_flow = true
scopes = ["mail"]
client_id = "corp-client"
client_secret = "corp-secret"
`

func TestRegistryFromFile(t *testing.T) {
	r, err := oauth.NewRegistry(builtin, strings.NewReader(clientFile))
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := r.ForHost("SMTP.Office365.com."); !ok || p.ID != "microsoft" {
		t.Errorf("ForHost(office365) = %+v, %t", p, ok)
	}
	p, ok := r.ForHost("mail.corp.example")
	if !ok || p.Name != "Corp SSO" || !p.DeviceFlow || p.TokenURL != "https://sso.corp.example/token" {
		t.Errorf("ForHost(corp) = %+v, %t", p, ok)
	}
	if c := r.Client("corp", oauth.Client{}, nil); c != (oauth.Client{ID: "corp-client", Secret: "corp-secret"}) {
		t.Errorf("Client(corp) = %+v", c)
	}
	if _, ok := r.ForHost("mail.other.example"); ok {
		t.Error("an unknown host found a provider")
	}
}

func TestClientPrecedence(t *testing.T) {
	r, _ := oauth.NewRegistry(builtin, strings.NewReader(clientFile))
	env := map[string]string{"SETUPWIZ_OAUTH_CLIENT_ID": "generic", "SETUPWIZ_OAUTH_MICROSOFT_CLIENT_ID": "ms-env"}
	getenv := func(k string) string { return env[k] }
	for _, tc := range []struct {
		name string
		flag oauth.Client
		env  func(string) string
		want string
	}{
		{"flag wins", oauth.Client{ID: "ms-flag"}, getenv, "ms-flag"},
		{"provider env next", oauth.Client{}, getenv, "ms-env"},
		{"file last", oauth.Client{}, nil, "ms-from-file"},
	} {
		if got := r.Client("microsoft", tc.flag, tc.env).ID; got != tc.want {
			t.Errorf("%s: client ID %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := r.Client("google", oauth.Client{}, getenv).ID; got != "generic" {
		t.Errorf("generic env: %q", got)
	}
}

func TestRegistryRejectsCleartextEndpoints(t *testing.T) {
	bad := "[corp]\ntoken_url = \"http://sso.corp.example/token\"\nauth_url = \"https://sso.corp.example/a\"\nscopes = [\"m\"]\n"
	if _, err := oauth.NewRegistry(nil, strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "https") {
		t.Fatalf("err = %v, want a refusal of plain http", err)
	}
}
