package discover_test

import (
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/profile"
)

func loadPresets(t testing.TB) *discover.Presets {
	t.Helper()
	ps, err := discover.DefaultPresets()
	if err != nil {
		t.Fatalf("embedded preset table: %v", err)
	}
	return ps
}

func TestEmbeddedPresetsAreCompleteAndDated(t *testing.T) {
	ps := loadPresets(t)
	if len(ps.Providers) < 20 {
		t.Errorf("only %d providers in the table", len(ps.Providers))
	}
	seen := map[string]string{}
	for _, p := range ps.Providers {
		if p.Checked != "2026-11-25" {
			t.Errorf("%s: checked %q", p.ID, p.Checked)
		}
		for _, d := range p.Domains {
			if other, dup := seen[d]; dup {
				t.Errorf("domain %s is listed by both %s and %s", d, other, p.ID)
			}
			seen[d] = p.ID
			if d != strings.ToLower(d) {
				t.Errorf("%s: domain %q is not lower case", p.ID, d)
			}
		}
	}
}

func TestPresetLookup(t *testing.T) {
	ps := loadPresets(t)
	cases := []struct{ domain, mx, want string }{
		{domain: "spectrum.net", want: "spectrum"},
		{domain: "Charter.NET", want: "spectrum"},
		{domain: "bresnan.net", want: "spectrum"},
		{domain: "nyc.rr.com", want: "roadrunner"},
		{domain: "twc.com", want: "roadrunner"},
		{domain: "gmail.com", want: "gmail"},
		{domain: "icloud.com", want: "icloud"},
		{domain: "verizon.net", want: "aol"},
		{domain: "example.org", want: ""},
		{mx: "aspmx.l.google.com.", want: "gmail"},
		{mx: "alt1.aspmx.l.googlemail.com", want: "gmail"},
		{mx: "eur.olc.protection.outlook.com", want: "outlook"},
		{mx: "contoso-com.mail.protection.outlook.com", want: "microsoft365"},
		{mx: "mta5.am0.yahoodns.net", want: "yahoo"},
		{mx: "mx-aol.mail.gm0.yahoodns.net", want: "aol"},
		{mx: "mx1.example.org", want: ""},
	}
	for _, c := range cases {
		var p *discover.Preset
		if c.mx != "" {
			p = ps.ForMX(c.mx)
		} else {
			p = ps.ForDomain(c.domain)
		}
		got := ""
		if p != nil {
			got = p.ID
		}
		if got != c.want {
			t.Errorf("lookup(%q%q) = %q, want %q", c.domain, c.mx, got, c.want)
		}
	}
}

func TestSpectrumPresetHasGuideAndISPDBCandidates(t *testing.T) {
	p := loadPresets(t).ForDomain("spectrum.net")
	hosts := func(ss []discover.PresetServer) (out []string) {
		for _, s := range ss {
			out = append(out, s.Host+":"+s.Security)
		}
		return out
	}
	if got := strings.Join(hosts(p.POP3), " "); got != "pop.spectrum.net:tls mobile.charter.net:tls" {
		t.Errorf("POP3 = %s", got)
	}
	if got := strings.Join(hosts(p.SMTP), " "); !strings.Contains(got, "mail.spectrum.net:tls") || !strings.Contains(got, "mobile.charter.net:tls") {
		t.Errorf("SMTP = %s: want the guide's 465 and the ISPDB's implicit TLS on 587", got)
	}
	for _, s := range p.SMTP {
		if s.Host == "mobile.charter.net" && s.Port != 587 {
			t.Errorf("mobile.charter.net SMTP port = %d, want 587 with implicit TLS", s.Port)
		}
	}
}

func TestParsePresetsValidates(t *testing.T) {
	bad := []struct{ name, doc, want string }{
		{"no sources", `[[provider]]
id="x"
name="X"
domains=["x.test"]
checked="2026-11-25"
[[provider.pop3]]
host="pop.x.test"
port=995
security="tls"
[[provider.smtp]]
host="smtp.x.test"
port=465
security="tls"`, "sources"},
		{"bad date", `[[provider]]
id="x"
name="X"
domains=["x.test"]
sources=["me"]
checked="yesterday"
pop_not_offered=true
[[provider.smtp]]
host="smtp.x.test"
port=465
security="tls"`, "YYYY-MM-DD"},
		{"bad security", `[[provider]]
id="x"
name="X"
domains=["x.test"]
sources=["me"]
checked="2026-11-25"
pop_not_offered=true
[[provider.smtp]]
host="smtp.x.test"
port=465
security="ssl3"`, "security"},
		{"no pop3", `[[provider]]
id="x"
name="X"
domains=["x.test"]
sources=["me"]
checked="2026-11-25"
[[provider.smtp]]
host="smtp.x.test"
port=465
security="tls"`, "pop3"},
	}
	for _, c := range bad {
		_, err := discover.ParsePresets(strings.NewReader(c.doc))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error = %v, want one mentioning %q", c.name, err, c.want)
		}
	}
}

func TestPOPHintsApply(t *testing.T) {
	fifteen, keep := 15, 30
	h := &discover.POPHints{CheckIntervalMinutes: &fifteen, KeepDays: &keep}
	got := h.Apply(profile.DefaultPOPOptions())
	if got.CheckIntervalMinutes != 15 || got.KeepDays != 30 || !got.LeaveOnServer {
		t.Errorf("Apply = %+v", got)
	}
	var none *discover.POPHints
	if none.Apply(profile.DefaultPOPOptions()) != profile.DefaultPOPOptions() {
		t.Error("nil hints changed the options")
	}
}

// A policy note tells the user what the provider requires; "may require"
// leaves them guessing, so hedged wording is rejected.
func TestPresetPolicyNotesAreDefinite(t *testing.T) {
	hedges := []string{" may ", " might ", "possibly", "probably", "being retired", "perhaps"}
	for _, p := range loadPresets(t).Providers {
		for _, n := range p.Notes {
			for _, h := range hedges {
				if strings.Contains(" "+strings.ToLower(n)+" ", h) {
					t.Errorf("%s: note %q hedges (%q): state the policy and what to do", p.ID, n, strings.TrimSpace(h))
				}
			}
		}
	}
}

func TestPresetsStateEachProvidersPOPPolicy(t *testing.T) {
	ps := loadPresets(t)
	want := map[string]string{
		"gmail.com":     "app password",
		"outlook.com":   "OAuth2",
		"yahoo.com":     "app password",
		"aol.com":       "app password",
		"gmx.net":       "allowed once",
		"web.de":        "allowed once",
		"yandex.ru":     "app password",
		"mail.ru":       "password for external applications",
		"att.net":       "secure mail key",
		"comcast.net":   "must be allowed",
		"fastmail.com":  "app password",
		"t-online.de":   "separate e-mail password",
		"zoho.com":      "must be enabled",
		"icloud.com":    "does not offer POP3",
		"spectrum.net":  "full email address",
		"rr.com":        "full email address",
		"hotmail.co.uk": "OAuth2",
	}
	for domain, phrase := range want {
		p := ps.ForDomain(domain)
		if p == nil {
			t.Errorf("%s: no preset", domain)
			continue
		}
		if !containsSubstring(p.Notes, phrase) {
			t.Errorf("%s (%s): notes %q do not say %q", domain, p.ID, p.Notes, phrase)
		}
	}
	if m := ps.ForMX("contoso-com.mail.protection.outlook.com"); m == nil || !containsSubstring(m.Notes, "OAuth2") {
		t.Errorf("Microsoft 365 preset must say that POP3 needs OAuth2")
	}
}
