package discover_test

import (
	"slices"
	"testing"

	"github.com/setupwiz/setupwiz/internal/discover"
)

func TestOAuthPresets(t *testing.T) {
	ps, err := discover.DefaultPresets()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]discover.OAuthPreset{}
	for _, o := range ps.OAuthProviders() {
		got[o.Provider.ID] = o
	}
	ms, g := got["microsoft"], got["google"]
	if !ms.Provider.DeviceFlow || ms.Provider.DeviceURL == "" || ms.Provider.RedirectHost != "localhost" ||
		!slices.Contains(ms.Provider.Scopes, "offline_access") {
		t.Errorf("microsoft = %+v: want device flow, localhost redirect, offline_access", ms.Provider)
	}
	for _, h := range []string{"outlook.office365.com", "smtp-mail.outlook.com", "smtp.office365.com"} {
		if !slices.Contains(ms.Hosts, h) {
			t.Errorf("microsoft hosts %v lack %s", ms.Hosts, h)
		}
	}
	if g.Provider.DeviceFlow || g.Provider.AuthParams["access_type"] != "offline" || !slices.Contains(g.Hosts, "pop.gmail.com") {
		t.Errorf("google = %+v: want no device flow (Google refuses the mail scope there) and offline access", g)
	}
	if !slices.Contains(ms.Domains, "hotmail.com") || len(g.Domains) != 0 {
		t.Errorf("password-free domains: microsoft %v, google %v; want Outlook.com's only (Gmail takes app passwords)", ms.Domains, g.Domains)
	}
	if len(got) != 2 {
		t.Errorf("OAuth providers %v, want microsoft and google", got)
	}
}
