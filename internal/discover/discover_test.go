package discover_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/profile"
)

func TestProviderAutoconfigWinsOverISPDB(t *testing.T) {
	e := newTestEnv(t)
	e.Web.Set(acPath("example.test"), providerXML("example.test", "pop.from-autoconfig.test", "smtp.from-autoconfig.test"))
	e.Web.Set(dbPath("example.test"), providerXML("example.test", "pop.from-ispdb.test", "smtp.from-ispdb.test"))
	// The ISPDB answers first; the provider's own answer must still win.
	e.Web.WaitFor(acPath("example.test"), e.Web.Served(dbPath("example.test")))
	res := run(t, "jane@example.test", e.options(t))
	if res.Winner != discover.SourceAutoconfig {
		t.Fatalf("winner = %s, want autoconfig; sources %+v", res.Winner, res.Sources)
	}
	if len(res.POP3) == 0 || res.POP3[0].Server.Host != "pop.from-autoconfig.test" || res.SMTP[0].Server.Host != "smtp.from-autoconfig.test" {
		t.Fatalf("POP3 %s / SMTP %s: autoconfig's servers must come first", hosts(res.POP3), hosts(res.SMTP))
	}
	c := res.POP3[0]
	if !c.Trusted || c.Source != discover.SourceAutoconfig || !strings.HasSuffix(c.URL, acPath("example.test")) || c.Server.Username != "jane@example.test" {
		t.Errorf("candidate = %+v", c)
	}
	if st := state(res, discover.SourceISPDB).State; st != discover.StateFound && st != discover.StateCanceled {
		t.Errorf("ispdb state = %s", st)
	}
}

func TestISPDBWinsOverSRVMXAndGuess(t *testing.T) {
	e := newTestEnv(t)
	e.Web.Set(dbPath("example.test"), providerXML("example.test", "pop.from-ispdb.test", "smtp.from-ispdb.test"))
	e.DNS.Add(t,
		"_pop3s._tcp.example.test. 60 IN SRV 0 1 995 pop.from-srv.test.",
		"_submissions._tcp.example.test. 60 IN SRV 0 1 465 smtp.from-srv.test.",
		"example.test. 60 IN MX 10 aspmx.l.google.com.",
		"pop.example.test. 60 IN A 127.0.0.1",
		"smtp.example.test. 60 IN A 127.0.0.1",
	)
	o := e.options(t)
	o.Guess, o.Prober = true, okProber
	res := run(t, "jane@example.test", o)
	if res.Winner != discover.SourceISPDB || res.POP3[0].Server.Host != "pop.from-ispdb.test" || res.SMTP[0].Server.Host != "smtp.from-ispdb.test" {
		t.Fatalf("winner %s, POP3 %s, SMTP %s: want the ISPDB's servers first", res.Winner, hosts(res.POP3), hosts(res.SMTP))
	}
	if st := state(res, discover.SourceAutoconfig); st.State != discover.StateNone {
		t.Errorf("autoconfig = %+v, want none (404)", st)
	}
	for _, c := range res.POP3[1:] {
		if c.Source == discover.SourceISPDB || c.Trusted {
			t.Errorf("alternative %+v should come from a lower, untrusted source", c)
		}
	}
}

func TestSRVPrioritiesWeightsAndNotOffered(t *testing.T) {
	e := newTestEnv(t)
	e.DNS.Add(t,
		"_pop3s._tcp.example.test. 60 IN SRV 20 0 995 backup.example.test.",
		"_pop3s._tcp.example.test. 60 IN SRV 10 40 995 b.example.test.",
		"_pop3s._tcp.example.test. 60 IN SRV 10 60 995 a.example.test.",
		"_pop3._tcp.example.test. 60 IN SRV 0 0 110 plain.example.test.",
		"_submissions._tcp.example.test. 60 IN SRV 0 1 465 smtp.example.test.",
		"_submission._tcp.example.test. 60 IN SRV 0 0 0 .",
	)
	res := run(t, "jane@example.test", e.options(t))
	if res.Winner != discover.SourceSRV {
		t.Fatalf("winner = %s; sources %+v", res.Winner, res.Sources)
	}
	// Rand always draws 0: within priority 10 the first record in canonical order (a) wins.
	want := "a.example.test:995/tls b.example.test:995/tls backup.example.test:995/tls plain.example.test:110/starttls"
	if got := hosts(res.POP3); got != want {
		t.Errorf("POP3 = %s\nwant   %s", got, want)
	}
	if got := hosts(res.SMTP); got != "smtp.example.test:465/tls" {
		t.Errorf("SMTP = %s (the '.' _submission record means not offered)", got)
	}
	if res.POP3[0].Trusted || !containsSubstring(res.POP3[0].Notes, "SRV") {
		t.Errorf("SRV candidate %+v must be untrusted and say where it came from", res.POP3[0])
	}
}

func TestSRVDotTargetMeansPOPNotOffered(t *testing.T) {
	e := newTestEnv(t)
	e.DNS.Add(t,
		"_pop3s._tcp.nopop.test. 60 IN SRV 0 0 0 .",
		"_pop3._tcp.nopop.test. 60 IN SRV 0 0 0 .",
		"_submissions._tcp.nopop.test. 60 IN SRV 0 1 465 smtp.nopop.test.",
	)
	res := run(t, "jane@nopop.test", e.options(t))
	if !res.POPNotOffered || len(res.POP3) != 0 || hosts(res.SMTP) != "smtp.nopop.test:465/tls" || res.Complete() {
		t.Errorf("POPNotOffered=%v POP3=%s SMTP=%s Complete=%v", res.POPNotOffered, hosts(res.POP3), hosts(res.SMTP), res.Complete())
	}
}

func TestMXOfWellKnownProviderGivesItsSettings(t *testing.T) {
	e := newTestEnv(t)
	e.DNS.Add(t, "custom.test. 60 IN MX 20 alt1.aspmx.l.google.com.", "custom.test. 60 IN MX 10 aspmx.l.google.com.")
	o := e.options(t)
	o.Presets = loadPresets(t)
	res := run(t, "jane@custom.test", o)
	if res.Winner != discover.SourceMX || res.Provider != "Gmail" {
		t.Fatalf("winner %s provider %q; sources %+v", res.Winner, res.Provider, res.Sources)
	}
	c := res.POP3[0]
	if c.Server.Host != "pop.gmail.com" || c.Server.Username != "jane@custom.test" || c.Trusted {
		t.Errorf("candidate %+v: want pop.gmail.com with the user's address, untrusted (found via DNS)", c)
	}
	if !containsSubstring(res.Notes, "handled by Gmail (MX aspmx.l.google.com)") || !containsSubstring(res.Notes, "app password") {
		t.Errorf("notes = %v", res.Notes)
	}
}

func TestMXDomainLookedUpInISPDB(t *testing.T) {
	e := newTestEnv(t)
	e.DNS.Add(t, "shop.test. 60 IN MX 10 mx1.hoster.test.")
	e.Web.Set(dbPath("hoster.test"), strings.ReplaceAll(providerXML("hoster.test", "pop.hoster.test", "smtp.hoster.test"), "%EMAILADDRESS%", "%EMAILLOCALPART%"))
	res := run(t, "jane@shop.test", e.options(t))
	if res.Winner != discover.SourceMX || hosts(res.POP3) != "pop.hoster.test:995/tls" {
		t.Fatalf("winner %s POP3 %s; sources %+v", res.Winner, hosts(res.POP3), res.Sources)
	}
	if c := res.POP3[0]; c.Server.Username != "jane" || c.Trusted || !strings.Contains(c.URL, dbPath("hoster.test")) {
		t.Errorf("candidate %+v", c)
	}
}

func TestBlackholedSourcesDoNotDelayAReadyAnswer(t *testing.T) {
	e := newTestEnv(t)
	e.Web.Set(acPath("example.test"), providerXML("example.test", "pop.example.test", "smtp.example.test"))
	e.Web.Hang(wkPath("example.test"))
	e.Web.Hang(dbPath("example.test"))
	e.DNS.Hang("example.test")
	o := e.options(t)
	o.Guess, o.Prober = true, blockingProber
	res := run(t, "jane@example.test", o)
	if res.Winner != discover.SourceAutoconfig || !res.Complete() {
		t.Fatalf("winner %s, complete %v", res.Winner, res.Complete())
	}
	for _, src := range []discover.Source{discover.SourceISPDB, discover.SourceSRV, discover.SourceMX, discover.SourceGuess} {
		r := state(res, src)
		if r.State != discover.StateCanceled || !strings.Contains(r.Detail, "higher-priority source answered") {
			t.Errorf("%s = %+v, want canceled because autoconfig answered (not at the deadline)", src, r)
		}
	}
	assertProgress(t, e.progress(), res)
}

// assertProgress checks the live reports: pending first, then the final state.
func assertProgress(t *testing.T, reports []discover.SourceReport, res discover.Result) {
	t.Helper()
	last := map[discover.Source]discover.SourceReport{}
	for _, r := range reports {
		if _, seen := last[r.Source]; !seen && r.State != discover.StatePending && r.State != discover.StateSkipped {
			t.Errorf("first report for %s is %s, want pending", r.Source, r.State)
		}
		last[r.Source] = r
	}
	for _, final := range res.Sources {
		if last[final.Source].State != final.State {
			t.Errorf("last live report for %s = %s, result says %s", final.Source, last[final.Source].State, final.State)
		}
	}
}

func TestDeadlineStopsEverythingAndUsesWhatFinished(t *testing.T) {
	e := newTestEnv(t)
	e.Web.Hang(acPath("example.test"))
	e.Web.Hang(wkPath("example.test"))
	e.Web.Set(dbPath("example.test"), providerXML("example.test", "pop.from-ispdb.test", "smtp.from-ispdb.test"))
	e.DNS.Hang("example.test")
	o := e.options(t)
	o.Timeout = 300 * time.Millisecond
	res := run(t, "jane@example.test", o)
	if res.Winner != discover.SourceISPDB || hosts(res.POP3) != "pop.from-ispdb.test:995/tls" {
		t.Fatalf("winner %s POP3 %s: at the deadline the finished ISPDB answer is used; sources %+v", res.Winner, hosts(res.POP3), res.Sources)
	}
	if r := state(res, discover.SourceAutoconfig); r.State != discover.StateCanceled || !strings.Contains(r.Detail, "deadline") {
		t.Errorf("autoconfig = %+v, want canceled at the deadline", r)
	}
}

func TestNothingAnswersBeforeTheDeadline(t *testing.T) {
	e := newTestEnv(t)
	e.Web.Hang(acPath("example.test"))
	e.Web.Hang(wkPath("example.test"))
	e.Web.Hang(dbPath("example.test"))
	e.DNS.Hang("example.test")
	o := e.options(t)
	o.Timeout, o.Guess, o.Prober = 200*time.Millisecond, true, blockingProber
	res := run(t, "jane@example.test", o)
	if res.Complete() || len(res.POP3)+len(res.SMTP) != 0 || res.Winner != "" {
		t.Errorf("result %+v, want nothing", res)
	}
	for _, r := range res.Sources[1:] {
		if r.State != discover.StateCanceled {
			t.Errorf("%s = %+v, want canceled", r.Source, r)
		}
	}
}

func TestOfflinePresetsAnswerWithoutTouchingTheNetwork(t *testing.T) {
	e := newTestEnv(t)
	e.DNS.Hang("spectrum.net")
	o := e.options(t)
	o.Presets, o.Guess, o.Prober = loadPresets(t), true, blockingProber
	res := run(t, "jane@spectrum.net", o)
	if res.Winner != discover.SourcePreset || res.Provider != "Spectrum" {
		t.Fatalf("winner %s provider %q", res.Winner, res.Provider)
	}
	if got := hosts(res.POP3); got != "pop.spectrum.net:995/tls mobile.charter.net:995/tls" {
		t.Errorf("POP3 = %s", got)
	}
	if got := hosts(res.SMTP); got != "mail.spectrum.net:465/tls mobile.charter.net:587/tls mail.spectrum.net:587/starttls" {
		t.Errorf("SMTP = %s", got)
	}
	for _, c := range append(res.POP3, res.SMTP...) {
		if !c.Trusted || c.Server.Username != "jane@spectrum.net" || c.Source != discover.SourcePreset {
			t.Errorf("candidate %+v", c)
		}
	}
	for _, r := range res.Sources[1:] {
		if r.State != discover.StateSkipped {
			t.Errorf("%s = %s, want skipped: the preset answered before anything started", r.Source, r.State)
		}
	}
	if hits := e.Web.Hits(); len(hits) != 0 {
		t.Errorf("the network was used: %v", hits)
	}
}

func TestICloudHasNoPOP(t *testing.T) {
	o := discover.Options{Resolver: failingResolver{}, Guess: true, Prober: blockingProber}
	res := run(t, "jane@icloud.com", o)
	if !res.POPNotOffered || len(res.POP3) != 0 || hosts(res.SMTP) != "smtp.mail.me.com:587/starttls" || res.Complete() {
		t.Errorf("POPNotOffered %v POP3 %s SMTP %s", res.POPNotOffered, hosts(res.POP3), hosts(res.SMTP))
	}
	if !containsSubstring(res.Notes, "does not offer POP3") {
		t.Errorf("notes = %v", res.Notes)
	}
}

func TestPresetSeedsPOPOptions(t *testing.T) {
	res := run(t, "jane@web.de", discover.Options{Resolver: failingResolver{}})
	if len(res.POP3) == 0 || res.POP3[0].Server.Username != "jane" {
		t.Fatalf("POP3 = %+v", res.POP3)
	}
	got := res.POP3[0].POP.Apply(profile.DefaultPOPOptions())
	if got.CheckIntervalMinutes != 15 {
		t.Errorf("web.de check interval = %d, want 15", got.CheckIntervalMinutes)
	}
}

func TestPlainHTTPOnlyOnRequestAndUntrusted(t *testing.T) {
	e := newTestEnv(t)
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.Write([]byte(providerXML("example.test", "pop.plain.test", "smtp.plain.test")))
	}))
	defer plain.Close()
	o := e.options(t)
	o.AutoconfigHTTP = func(d string) []string { return []string{plain.URL + "/mail/config-v1.1.xml"} }
	res := run(t, "jane@example.test", o)
	if len(res.POP3) != 0 {
		t.Fatalf("plain HTTP was used without AllowHTTP: %s", hosts(res.POP3))
	}
	o.AllowHTTP = true
	res = run(t, "jane@example.test", o)
	if res.Winner != discover.SourceAutoconfig || len(res.POP3) == 0 {
		t.Fatalf("winner %s POP3 %s", res.Winner, hosts(res.POP3))
	}
	if c := res.POP3[0]; c.Trusted || !containsSubstring(c.Notes, "plain HTTP") {
		t.Errorf("candidate over http = %+v, want untrusted with a note", c)
	}
}

func TestEmailAddressSentOnlyWhenAsked(t *testing.T) {
	for _, send := range []bool{false, true} {
		e := newTestEnv(t)
		e.DNS.Add(t, "example.test. 60 IN MX 10 mx.hoster.test.")
		o := e.options(t)
		o.SendAddress = send
		run(t, "jane@example.test", o)
		hits := e.Web.Hits()
		if hitsContain(hits, "emailaddress=jane%40example.test") != send {
			t.Errorf("SendAddress=%v: requests %v", send, hits)
		}
		if hitsContain(hits, acPath("hoster.test")+"?emailaddress=jane%40example.test") != send {
			t.Errorf("SendAddress=%v: the MX domain's autoconfig request was %v", send, hits)
		}
		for _, h := range hits {
			if strings.HasPrefix(h, "/v1.1/") && strings.Contains(h, "emailaddress") {
				t.Errorf("the address went to the ISPDB: %s", h)
			}
		}
	}
}

func TestCertificateErrorIsReportedNotHidden(t *testing.T) {
	e := newTestEnv(t)
	e.Web.Set(acPath("example.test"), providerXML("example.test", "pop.example.test", "smtp.example.test"))
	o := e.options(t)
	o.Roots = nil // system roots: the test server's certificate is not trusted
	res := run(t, "jane@example.test", o)
	r := state(res, discover.SourceAutoconfig)
	if r.State != discover.StateError || !strings.Contains(r.Detail, "certificate") {
		t.Errorf("autoconfig = %+v, want an error naming the certificate", r)
	}
	if len(res.POP3) != 0 {
		t.Errorf("used an untrusted HTTPS answer: %s", hosts(res.POP3))
	}
}

func TestRedirectFromHTTPSToHTTPIsRefused(t *testing.T) {
	e := newTestEnv(t)
	e.Web.Set(acPath("example.test"), "")
	o := e.options(t)
	o.AutoconfigHTTPS = func(string) []string { return []string{e.Web.URL + "/redirect"} }
	mux := http.NewServeMux()
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://127.0.0.1:1/mail/config-v1.1.xml", http.StatusFound)
	})
	e.Web.Config.Handler = mux
	res := run(t, "jane@example.test", o)
	if r := state(res, discover.SourceAutoconfig); r.State != discover.StateError || !strings.Contains(r.Detail, "redirect") {
		t.Errorf("autoconfig = %+v, want the https→http redirect refused", r)
	}
}

func TestInvalidAddressIsAnError(t *testing.T) {
	if _, err := discover.Discover(context.Background(), "not-an-address", discover.Options{}); err == nil {
		t.Error("accepted an address without @")
	}
}
