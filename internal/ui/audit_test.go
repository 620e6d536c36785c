package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// longDetails is a success whose key details do not fit a half of 80 columns.
func longDetails(o verify.Options) verify.Result {
	r := okResult(o)
	for _, sr := range []*verify.ServiceResult{r.POP3, r.SMTP} {
		for i := range sr.Steps {
			if sr.Steps[i].Name == verify.StepAuth {
				sr.Steps[i].Detail = "PLAIN as jane@example.com"
			}
		}
	}
	return r
}

func TestVerificationShowsKeyDetailsInFullAtEightyColumns(t *testing.T) {
	for _, size := range []struct {
		w        int
		repeated bool
	}{{80, true}, {120, false}} {
		cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{longDetails}})
		d := newDriver(t, cfg)
		d.w.Update(tea.WindowSizeMsg{Width: size.w, Height: 24})
		d.toVerified()
		view := d.view()
		full := "POP3 TLS 1.3, mail.example.com · PLAIN as jane@example.com"
		if strings.Contains(view, full) != size.repeated || strings.Contains(view, "     12 messages, 3.4 MB") != size.repeated || strings.Contains(view, "SMTP TLS 1.3, mail.example.com · PLAIN as jane@example.com") != size.repeated {
			t.Errorf("at %d columns the full key details shown = %v, want %v:\n%s", size.w, !size.repeated, size.repeated, view)
		}
		if !regexpLine(view, "POP3 pop.example.com:995 TLS", "SMTP smtp.example.com:465 TLS") {
			t.Errorf("at %d columns POP3 and SMTP are not side by side:\n%s", size.w, view)
		}
	}
}

// regexpLine reports whether one line of s holds both a and b.
func regexpLine(s, a, b string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, a) && strings.Contains(l, b) {
			return true
		}
	}
	return false
}

// wrongSecurity fails POP3 the way a STARTTLS setting on an implicit-TLS port
// does (or the reverse), with the verifier's detection; SMTP works.
func wrongSecurity(o verify.Options) verify.Result {
	r := okResult(o)
	detected := profile.SecuritySTARTTLS
	if o.Incoming.Security == profile.SecuritySTARTTLS {
		detected = profile.SecurityTLS
	}
	r.POP3.OK, r.POP3.Mailbox, r.POP3.DetectedSecurity = false, nil, detected.String()
	r.POP3.Steps = []verify.Step{{Name: verify.StepConnect, OK: true, Duration: time.Millisecond},
		{Name: verify.StepTLS, Detail: "tls_handshake", Duration: time.Millisecond}}
	r.POP3.Error = &verify.Error{Kind: verify.KindTLSHandshake, Service: verify.ServicePOP3, Step: verify.StepTLS,
		Hint: "port 995 speaks plaintext upgraded with STARTTLS, not implicit TLS (SSL/TLS): change the security to starttls (--pop-security starttls)"}
	return r
}

func TestWrongSecurityIsOneKeyAway(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{wrongSecurity, okResult}}
	d := newDriver(t, testConfig(v))
	d.toVerified()
	view := d.view()
	for _, want := range []string{"port 995 speaks STARTTLS, not TLS: press s to use STARTTLS.", "s use STARTTLS on POP3"} {
		if !strings.Contains(view, want) {
			t.Errorf("failure screen lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "--pop-security") {
		t.Errorf("the wizard points at a command-line flag:\n%s", view)
	}
	d.press("s")
	if len(v.calls) != 2 {
		t.Fatalf("s made %d checks, want 2", len(v.calls))
	}
	in, out := v.calls[1].Incoming, v.calls[1].Outgoing
	if in.Security != profile.SecuritySTARTTLS || in.Port != 995 || out.Security != profile.SecurityTLS {
		t.Fatalf("second check used POP3 %s %s and SMTP %s", in.Address(), in.Security, out.Security)
	}
	if !d.w.s.verified || d.w.s.prof.Incoming.Security != profile.SecuritySTARTTLS {
		t.Fatal("the working security is not what the profile keeps")
	}
}

func TestWrongSecurityOfferIsNotMadeForPlaintext(t *testing.T) {
	r := wrongSecurity(verify.Options{Incoming: profile.Server{Host: "h", Port: 995, Security: profile.SecurityTLS}})
	r.POP3.DetectedSecurity = "none"
	s := &session{result: r}
	if s.securitySwitches() != "" || s.securityFix(verify.ServicePOP3, "press s") != "" {
		t.Fatal("a port speaking only plaintext is offered as a one-key switch")
	}
	if len(failureActions(newKeyMap(), s)) == 0 || failureActions(newKeyMap(), s)[0].Help().Key == "s" {
		t.Fatal("the switch is listed for plaintext")
	}
}

func TestLinesWrongSecurityAction(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{wrongSecurity, okResult}}
	cfg := testConfig(v)
	cfg.Password = profile.NewPassword("pw")
	_, text, err := runLines(t, cfg, "jane@example.com", "", "", "y", "1", "", "", "", "", "none")
	if err != nil && err != ErrAborted {
		t.Fatalf("RunLines: %v\n%s", err, text)
	}
	for _, want := range []string{"What to do: port 995 speaks STARTTLS, not TLS: choose the action below to use STARTTLS.", "1) use STARTTLS on POP3"} {
		if !strings.Contains(text, want) {
			t.Errorf("line mode lacks %q:\n%s", want, text)
		}
	}
	if len(v.calls) < 2 || v.calls[1].Incoming.Security != profile.SecuritySTARTTLS {
		t.Fatalf("action 1 did not switch POP3 to STARTTLS: %d calls", len(v.calls))
	}
}

// hintedDiscovery puts provider POP hints on the second POP3 candidate only.
func hintedDiscovery() discover.Result {
	res := exampleDiscovery()
	days, every := 14, 30
	res.POP3[1].Server.Host = "pop3.example.com" // not the first candidate's host, whose hints would count too
	res.POP3[1].POP = &discover.POPHints{KeepDays: &days, CheckIntervalMinutes: &every}
	return res
}

func TestPOPHintsFollowTheCandidateInUse(t *testing.T) {
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{authFailed, okResult}})
	cfg.Discoverer = fakeDiscoverer{hintedDiscovery()}
	d := newDriver(t, cfg)
	d.toVerified()
	if got := d.w.s.prof.POP; got != profile.DefaultPOPOptions() {
		t.Fatalf("first candidate has no hints, options = %+v", got)
	}
	d.press("n") // POP3 failed: next candidate, which carries hints
	want := profile.POPOptions{LeaveOnServer: true, KeepDays: 14, CheckIntervalMinutes: 30}
	if got := d.w.s.prof.POP; d.w.s.prof.Incoming.Port != 110 || got != want {
		t.Fatalf("on port %d options = %+v, want %+v", d.w.s.prof.Incoming.Port, got, want)
	}
}

func TestPOPHintsNeverUndoTheUsersChoice(t *testing.T) {
	s := newSession(Config{})
	s.setDiscovery(hintedDiscovery(), nil)
	mine := profile.POPOptions{LeaveOnServer: true, KeepDays: 3, CheckIntervalMinutes: 60}
	s.setPOP(mine)
	s.nextAny(true, false)
	if s.prof.POP != mine {
		t.Fatalf("switching server replaced the user's options: %+v", s.prof.POP)
	}
}

func TestPOPHintsReachTheUsersOwnServer(t *testing.T) {
	res := hintedDiscovery()
	seed := profile.New("jane@example.com", "")
	seed.Incoming = res.POP3[1].Server // the same server the provider hints for
	s := newSession(Config{Seed: seed, SeedIncoming: true})
	s.setDiscovery(res, nil)
	if c, _ := s.pop.current(); c.Source != sourceYours || s.prof.POP.KeepDays != 14 {
		t.Fatalf("candidate %s, options %+v: the hints of the same server were dropped", c.Source, s.prof.POP)
	}
}

func TestDoneTellsWhatToDoWithAUserJS(t *testing.T) {
	s := newSession(Config{})
	s.out.Written = []profile.ExportRecord{{Target: "thunderbird", Path: "/tmp/out/thunderbird/user.js", Format: "user.js"}}
	got := s.nextStep("thunderbird")
	for _, want := range []string{"user.js is in no Thunderbird profile yet", "then delete it there",
		"thunderbird -profile /tmp/out/thunderbird -no-remote"} {
		if !strings.Contains(got, want) {
			t.Errorf("next step lacks %q: %s", want, got)
		}
	}
	s.prof.TLS.PinnedCert = "-----BEGIN CERTIFICATE-----"
	if got := s.nextStep("thunderbird"); !strings.Contains(got, "cert_override.txt") {
		t.Errorf("with a pinned certificate the exception beside user.js is not named: %s", got)
	}
	s.out.Written[0].Format, s.out.Written[0].Path = "prefs.js", "/home/j/.thunderbird/x.default/prefs.js"
	if got := s.nextStep("thunderbird"); strings.Contains(got, "Copy") || !strings.Contains(got, "start it") {
		t.Errorf("a merged prefs.js needs no copying: %s", got)
	}
}

func TestFingerprintBreaksAtAColon(t *testing.T) {
	fp := "ED:C9:5D:ED:25:F2:8F:5B:AF:D9:EE:4A:0A:BD:A7:08:B4:13:CF:80:3B:4A:63:C0:EF:47:98:B4:45:E2:40:02"
	want := "SHA-256 fingerprint:\n  ED:C9:5D:ED:25:F2:8F:5B:AF:D9:EE:4A:0A:BD:A7:08\n  B4:13:CF:80:3B:4A:63:C0:EF:47:98:B4:45:E2:40:02"
	if got := fingerprintLines(fp, 78); got != want {
		t.Errorf("at 78 columns:\n%s\nwant\n%s", got, want)
	}
	if got := fingerprintLines(fp, 118); got != "SHA-256 "+fp {
		t.Errorf("at 118 columns: %q", got)
	}
}

func TestReenteringThePasswordStartsFromAnEmptyField(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{authFailed, okResult}}
	d := newDriver(t, testConfig(v))
	d.toVerified()
	d.press("p")
	d.at(stepPassword)
	if !strings.Contains(d.view(), "did not accept the last password") {
		t.Errorf("the password screen does not say why it is back:\n%s", d.view())
	}
	d.typeText("n3w")
	d.press("enter")
	d.at(stepVerify)
	if len(v.calls) != 2 || v.calls[1].Password.Reveal() != "n3w" {
		t.Fatalf("the second check did not use the retyped password alone (%d calls)", len(v.calls))
	}
}

// bothRejected fails the login on both servers, each in its own words.
func bothRejected(o verify.Options) verify.Result {
	r := authFailed(o)
	r.SMTP.OK = false
	r.SMTP.Steps = append(okSteps(false)[:3], verify.Step{Name: verify.StepAuth, Detail: "auth_failed", Duration: time.Millisecond})
	r.SMTP.Error = &verify.Error{Kind: verify.KindAuthFailed, Service: verify.ServiceSMTP, Step: verify.StepAuth,
		ServerText: "535 5.7.8 Authentication failed", Hint: "check the password (it is case-sensitive)"}
	return r
}

func TestOneRejectedPasswordIsToldOnce(t *testing.T) {
	d := newDriver(t, testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{bothRejected}}))
	d.toVerified()
	view := d.view()
	for _, want := range []string{"POP3 and SMTP failed at login: The server rejected the username or password.",
		"POP3 said: -ERR [AUTH] Authentication failed.", "SMTP said: 535 5.7.8 Authentication failed"} {
		if !strings.Contains(view, want) {
			t.Errorf("failure screen lacks %q:\n%s", want, view)
		}
	}
	if n := strings.Count(view, "What to do"); n != 1 {
		t.Errorf("%d pieces of advice for one wrong password:\n%s", n, view)
	}
}

func TestDoneNamesTheBackupsOnce(t *testing.T) {
	recs := []profile.ExportRecord{{Target: "mutt", Path: "/o/muttrc"}, {Target: "fetchmail", Path: "/o/fetchmailrc"}}
	got, ok := backupSuffix(recs, []string{"/o/muttrc.setupwiz-20261125T120000Z.bak", "/o/fetchmailrc.setupwiz-20261125T120000Z.bak"})
	if !ok || got != ".setupwiz-20261125T120000Z.bak" {
		t.Fatalf("suffix = %q, %v", got, ok)
	}
	if _, ok := backupSuffix(recs, []string{"/o/muttrc.setupwiz-1.bak", "/o/fetchmailrc.setupwiz-2.bak"}); ok {
		t.Fatal("different endings were told as one")
	}
	if _, ok := backupSuffix(recs, []string{"/elsewhere/muttrc.bak"}); ok {
		t.Fatal("a backup of no written file was told by its ending")
	}
}

func TestDiffOfANewFileSaysSo(t *testing.T) {
	d := newDriver(t, testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}))
	d.toVerified()
	d.press("enter", "enter")
	d.at(stepExport)
	d.press("d")
	if !strings.Contains(d.view(), "No diff: this is a new file.") {
		t.Errorf("d on a new file shows nothing:\n%s", d.view())
	}
}

func TestPOPOptionsFromFlagsBeatProviderHints(t *testing.T) {
	seed := profile.New("jane@example.com", "")
	seed.POP = profile.POPOptions{LeaveOnServer: true, KeepDays: 3, CheckIntervalMinutes: 60}
	s := newSession(Config{Seed: seed, SeedPOP: true})
	res := hintedDiscovery()
	res.POP3[0].POP = res.POP3[1].POP
	s.setDiscovery(res, nil)
	if s.prof.POP != seed.POP {
		t.Fatalf("provider hints replaced the options given as flags: %+v", s.prof.POP)
	}
}

func TestKeyDetailsSkipAServiceWithNone(t *testing.T) {
	d := newDriver(t, testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{wrongSecurity}}))
	d.toVerified()
	for _, l := range strings.Split(d.view(), "\n") {
		if strings.TrimSpace(l) == "POP3" {
			t.Fatalf("an empty key-detail line for POP3:\n%s", d.view())
		}
	}
}
