package discover_test

import (
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/mailtest"
)

func TestMain(m *testing.M) { mailtest.Main(m) }

// blackhole is a port that accepts TCP connections (the kernel completes the
// handshake) but never says anything: a server that drops everything after SYN.
func blackhole(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().(*net.TCPAddr).Port
}

// guessOptions points guessing at the real Dovecot. The address's domain is
// "localhost" because the harness certificate names only localhost and the
// loopback IPs: the bare-domain guess can verify, the pop./smtp./mail. names
// do not exist (or, if the system maps *.localhost to loopback, fail the
// certificate check) — the probes are real protocol exchanges either way.
func guessOptions(t *testing.T, srv *mailtest.Server, ports map[int]int) discover.Options {
	e := newTestEnv(t)
	o := e.options(t)
	roots := srv.CAPool.Clone()
	roots.AddCert(e.Web.Certificate()) // autoconfig and ISPDB stay reachable (and answer 404)
	o.Roots, o.Guess, o.GuessPorts = roots, true, ports
	return o
}

func TestGuessFindsTheRealServerAmongDeadNamesAndSilentPorts(t *testing.T) {
	srv := mailtest.Shared(t)
	bh := blackhole(t)
	o := guessOptions(t, srv, map[int]int{995: srv.POP3S, 110: bh, 465: srv.Submissions, 587: bh, 25: bh})
	res := run(t, "alice@localhost.", o)
	t.Logf("guess: %+v", state(res, discover.SourceGuess))
	if res.Winner != discover.SourceGuess {
		t.Fatalf("winner %q; sources %+v", res.Winner, res.Sources)
	}
	wantPOP := "localhost:" + itoa(srv.POP3S) + "/tls"
	wantSMTP := "localhost:" + itoa(srv.Submissions) + "/tls"
	if hosts(res.POP3) != wantPOP || hosts(res.SMTP) != wantSMTP {
		t.Errorf("POP3 %s SMTP %s, want %s and %s", hosts(res.POP3), hosts(res.SMTP), wantPOP, wantSMTP)
	}
	if c := res.POP3[0]; c.Trusted || c.Source != discover.SourceGuess || c.Server.Username != "alice@localhost." {
		t.Errorf("guessed candidate %+v", c)
	}
	if r := state(res, discover.SourceGuess); r.State != discover.StateFound || !strings.Contains(r.Detail, "probes answered") {
		t.Errorf("guess report %+v", r)
	}
	for _, src := range []discover.Source{discover.SourceAutoconfig, discover.SourceISPDB, discover.SourceSRV, discover.SourceMX} {
		if r := state(res, src); r.State != discover.StateNone {
			t.Errorf("%s = %+v, want none", src, r)
		}
	}
}

func TestGuessWaitsOutBlackholedBetterCandidates(t *testing.T) {
	srv := mailtest.Shared(t)
	bh := blackhole(t)
	o := guessOptions(t, srv, map[int]int{995: bh, 110: srv.POP3STLS, 465: bh, 587: srv.SubmissionSTARTTLS, 25: bh})
	o.ProbeTimeout = 500 * time.Millisecond // each silent probe gives up after this
	res := run(t, "alice@localhost.", o)
	if got, want := hosts(res.POP3), "localhost:"+itoa(srv.POP3STLS)+"/starttls"; got != want {
		t.Errorf("POP3 %s, want %s (after the implicit-TLS guesses went silent)", got, want)
	}
	if len(res.SMTP) == 0 || hosts(res.SMTP[:1]) != "localhost:"+itoa(srv.SubmissionSTARTTLS)+"/starttls" {
		t.Errorf("SMTP %s, want STARTTLS on the submission port first", hosts(res.SMTP))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
