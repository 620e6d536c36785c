package discover_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// Thunderbird, for comparison: every silent guess probe costs it 10–12 s
// (mailnews.auto_config.guess.timeout), and an ISPDB hit still waits for the
// provider fetches and Exchange autodiscover (up to 5 s each).

func benchDiscover(b *testing.B, email string, o discover.Options, want discover.Source) {
	b.Helper()
	b.ResetTimer()
	for b.Loop() {
		res, err := discover.Discover(context.Background(), email, o)
		if err != nil || res.Winner != want {
			b.Fatalf("winner %q err %v; sources %+v", res.Winner, err, res.Sources)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/answer")
}

// hangingEnv makes every network source hang: DNS never answers, HTTP never
// answers, every guess probe is silent.
func hangingEnv(b *testing.B, domain string) (*testEnv, discover.Options) {
	e := newTestEnv(b)
	e.DNS.Hang(domain)
	for _, p := range []string{acPath(domain), wkPath(domain), dbPath(domain)} {
		e.Web.Hang(p)
	}
	o := e.options(b)
	o.Progress, o.Guess, o.Prober = nil, true, blockingProber
	return e, o
}

// BenchmarkPresetWhileOthersHang: the answer for a preset provider while
// every other source would hang. The preset short-circuits, so nothing starts.
func BenchmarkPresetWhileOthersHang(b *testing.B) {
	_, o := hangingEnv(b, "spectrum.net")
	o.Presets = loadPresets(b)
	benchDiscover(b, "jane@spectrum.net", o, discover.SourcePreset)
}

// BenchmarkAutoconfigWhileOthersHang: the provider's autoconfig answers over
// HTTPS behind a link with a 10 ms round trip; the ISPDB, DNS and every guess
// hang. Reported in RTTs: a fresh HTTPS fetch is TCP (1) + TLS 1.3 (1) +
// request (1) = 3 RTT; anything more would be waiting on a hanging source.
func BenchmarkAutoconfigWhileOthersHang(b *testing.B) {
	const oneWay = 5 * time.Millisecond
	e, o := hangingEnv(b, "example.test")
	e.Web.Unhang(acPath("example.test"))
	e.Web.Set(acPath("example.test"), providerXML("example.test", "pop.example.test", "smtp.example.test"))
	proxy := mailtest.NewLatencyProxy(b, strings.TrimPrefix(e.Web.URL, "https://"), oneWay)
	o.AutoconfigHTTPS = func(d string) []string {
		return []string{"https://" + proxy + acPath(d), e.Web.URL + wkPath(d)}
	}
	benchDiscover(b, "jane@example.test", o, discover.SourceAutoconfig)
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(2*oneWay), "RTT/answer")
}

// BenchmarkGuessAllBlackholed: nothing is published anywhere and every
// guessed port swallows the connection. Each probe gives up after 1 s; the
// whole run must end before the 2 s deadline, with nothing found.
func BenchmarkGuessAllBlackholed(b *testing.B) {
	bh := blackhole(b)
	e := newTestEnv(b)
	o := e.options(b)
	o.Progress, o.Guess = nil, true
	o.GuessPorts = map[int]int{995: bh, 110: bh, 465: bh, 587: bh, 25: bh}
	o.ProbeTimeout, o.Timeout = time.Second, 2*time.Second
	b.ResetTimer()
	for b.Loop() {
		res, err := discover.Discover(context.Background(), "alice@localhost.", o)
		if err != nil || len(res.POP3)+len(res.SMTP) != 0 {
			b.Fatalf("found %v %v err %v", res.POP3, res.SMTP, err)
		}
		if r := state(res, discover.SourceGuess); r.State != discover.StateNone {
			b.Fatalf("guess = %+v: want it finished (none) before the deadline", r)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/run")
}
