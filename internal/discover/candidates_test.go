package discover_test

import (
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/profile"
)

func TestConfigCandidatesExpandPlaceholdersAndDropUnusableServers(t *testing.T) {
	cfg, err := discover.ParseConfig(strings.NewReader(readTestdata(t, "example.xml")))
	if err != nil {
		t.Fatal(err)
	}
	pop, smtp, notes := discover.ConfigResultForTest(cfg, "Jane.Doe@Example.TEST")
	want := []profile.Server{
		{Host: "pop.example.test", Port: 995, Security: profile.SecurityTLS, Username: "Jane.Doe", Auth: profile.AuthAuto},
		{Host: "pop.example.test", Port: 110, Security: profile.SecuritySTARTTLS, Username: "Jane.Doe@Example.TEST", Auth: profile.AuthAuto},
	}
	if len(pop) != len(want) {
		t.Fatalf("pop3 candidates = %+v, want the two usable pop3 servers (not imap, not the bad host, not NTLM-only)", pop)
	}
	for i, w := range want {
		if pop[i].Server != w {
			t.Errorf("pop3[%d] = %+v, want %+v", i, pop[i].Server, w)
		}
		if pop[i].Source != discover.SourceISPDB || !pop[i].Trusted || pop[i].URL != "https://db.test/x" {
			t.Errorf("pop3[%d] provenance = %s trusted=%v url=%q", i, pop[i].Source, pop[i].Trusted, pop[i].URL)
		}
	}
	if pop[0].POP == nil || *pop[0].POP.CheckIntervalMinutes != 15 {
		t.Errorf("pop3 options were not carried to the candidate: %+v", pop[0].POP)
	}
	if !containsSubstring(pop[0].Notes, "OAuth2") {
		t.Errorf("notes %v should say OAuth2 is also accepted", pop[0].Notes)
	}
	if len(smtp) != 2 || smtp[0].Server.Port != 465 || smtp[1].Server.Auth != profile.AuthXOAuth2 {
		t.Errorf("smtp = %+v, want 465 (password) then 587 (OAuth2 only); the bogus socket type is dropped", smtp)
	}
	if !containsSubstring(notes, "Switch POP3 on") || !containsSubstring(notes, "https://example.test/settings/pop") {
		t.Errorf("notes = %v, want the enable instruction with its URL", notes)
	}
}

func TestConfigWithoutPOP3SaysSo(t *testing.T) {
	doc := `<clientConfig><emailProvider id="i"><incomingServer type="imap"><hostname>imap.i.test</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
	<outgoingServer type="smtp"><hostname>smtp.i.test</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer></emailProvider></clientConfig>`
	cfg, err := discover.ParseConfig(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	pop, smtp, notes := discover.ConfigResultForTest(cfg, "a@i.test")
	if len(pop) != 0 || len(smtp) != 1 || smtp[0].Server.Username != "a@i.test" {
		t.Errorf("pop=%v smtp=%v: a missing <username> means the full address", pop, smtp)
	}
	if !containsSubstring(notes, "no POP3 server") {
		t.Errorf("notes = %v", notes)
	}
}

func containsSubstring(ss []string, sub string) bool {
	for _, s := range ss {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
