package discover_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/discover"
)

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseConfigReadsEverythingDiscoveryUses(t *testing.T) {
	cfg, err := discover.ParseConfig(strings.NewReader(readTestdata(t, "example.xml")))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ProviderID != "mail.example.test" || cfg.DisplayName != "Example Mail" || cfg.DisplayShortName != "Example" {
		t.Errorf("provider = %q/%q/%q", cfg.ProviderID, cfg.DisplayName, cfg.DisplayShortName)
	}
	if strings.Join(cfg.Domains, ",") != "example.test,example-alias.test" {
		t.Errorf("domains = %v", cfg.Domains)
	}
	if len(cfg.Incoming) != 5 || len(cfg.Outgoing) != 3 {
		t.Fatalf("got %d incoming, %d outgoing servers, want 5 and 3", len(cfg.Incoming), len(cfg.Outgoing))
	}
	pop := cfg.Incoming[1]
	if pop.Type != "pop3" || pop.Hostname != "pop.%EMAILDOMAIN%" || pop.Port != 995 || pop.SocketType != "SSL" ||
		pop.Username != "%EMAILLOCALPART%" || strings.Join(pop.Auth, ",") != "OAuth2,password-cleartext" {
		t.Errorf("first pop3 server = %+v", pop)
	}
	h := pop.POP3
	if h == nil || h.LeaveOnServer == nil || !*h.LeaveOnServer || h.KeepDays == nil || *h.KeepDays != 30 ||
		h.DownloadOnBiff == nil || *h.DownloadOnBiff || h.CheckIntervalMinutes == nil || *h.CheckIntervalMinutes != 15 {
		t.Errorf("pop3 options = %+v", h)
	}
	if cfg.Enable == nil || cfg.Enable.VisitURL != "https://example.test/settings/pop" ||
		cfg.Enable.Instructions[0] != "Switch POP3 on in the webmail settings first." {
		t.Errorf("enable = %+v (the English instruction must come first)", cfg.Enable)
	}
	if len(cfg.Documentation) != 1 || cfg.Documentation[0] != "https://example.test/help/pop" {
		t.Errorf("documentation = %v", cfg.Documentation)
	}
}

func TestParseConfigRejectsHostileAndBrokenInput(t *testing.T) {
	valid := `<clientConfig version="1.1"><emailProvider id="x"><domain>x.test</domain></emailProvider></clientConfig>`
	cases := []struct {
		name, doc, want string
	}{
		{"doctype with entities", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>` + valid, "DOCTYPE"},
		{"external entity", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><clientConfig><emailProvider><domain>&xxe;</domain></emailProvider></clientConfig>`, "DOCTYPE"},
		{"undefined entity", `<clientConfig><emailProvider><displayName>a &amP; b</displayName></emailProvider></clientConfig>`, "entity"},
		{"oversized", `<clientConfig><emailProvider>` + strings.Repeat("<domain>x.test</domain>", discover.MaxConfigSize/20) + `</emailProvider></clientConfig>`, "larger than"},
		{"empty", ``, "no root element"},
		{"truncated", `<clientConfig version="1.1"><emailProvider id="x">`, "unexpected EOF"},
		{"html page", `<html><body>Not found</body></html>`, "want <clientConfig>"},
		{"no provider", `<clientConfig version="1.1"></clientConfig>`, "no <emailProvider>"},
		{"bad encoding", `<?xml version="1.0" encoding="EBCDIC"?>` + valid, "encoding"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := discover.ParseConfig(strings.NewReader(c.doc))
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, discover.ErrConfig) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v, want ErrConfig mentioning %q", err, c.want)
			}
		})
	}
}

func TestParseConfigAcceptsLatin1(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><clientConfig><emailProvider id=\"x\"><displayName>Gr\xfc\xdfe</displayName></emailProvider></clientConfig>"
	cfg, err := discover.ParseConfig(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DisplayName != "Grüße" {
		t.Errorf("display name = %q, want Grüße", cfg.DisplayName)
	}
}

func FuzzParseConfig(f *testing.F) {
	f.Add(readTestdata(f, "example.xml"))
	f.Add(`<clientConfig><emailProvider id="a"><incomingServer type="pop3"><hostname>%EMAILDOMAIN%</hostname><port>-1</port></incomingServer></emailProvider></clientConfig>`)
	f.Add(`<!DOCTYPE a><clientConfig/>`)
	f.Add(`<?xml version="1.0" encoding="latin1"?><clientConfig><emailProvider/></clientConfig>`)
	f.Fuzz(func(t *testing.T, doc string) {
		cfg, err := discover.ParseConfig(strings.NewReader(doc))
		if err != nil {
			if !errors.Is(err, discover.ErrConfig) {
				t.Fatalf("error does not wrap ErrConfig: %v", err)
			}
			return
		}
		if strings.Contains(doc, "<!DOCTYPE") && strings.Index(doc, "<!DOCTYPE") < strings.Index(doc, "<clientConfig") {
			t.Fatalf("accepted a DOCTYPE before the root")
		}
		// Whatever parsed must convert without panicking and yield only valid servers.
		for _, c := range discover.ConfigCandidatesForTest(cfg, "user@example.test") {
			if c.Server.Port < 1 || c.Server.Port > 65535 || c.Server.Host == "" {
				t.Fatalf("invalid candidate from parsed config: %+v", c.Server)
			}
		}
	})
}
