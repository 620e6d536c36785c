package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// The verification benchmarks run the real setupwiz binary as a whole
// process (start to result) against the real Dovecot, directly on loopback
// and through mailtest's latency proxy. Round-trip floors (facts/protocols.md):
// POP3S 6, SMTP 465 5, SMTP 587 7; side by side, the longer chain counts.
// The proxy accepts the TCP connection locally and does not delay the
// handshake, so one RTT of each floor (the TCP connect) cannot appear in
// these measurements; "floor-rtt" below is the floor without it.

// benchAccount is one account layout to verify: which servers, which
// SMTP security, and the round-trip floor of the longer chain.
type benchAccount struct {
	name     string
	servers  func(b *testing.B) benchServers
	smtpSec  string
	floorRTT float64 // the longer chain, TCP connect included
}

// benchServers are the POP3S and submission ports of one account, the CA
// file that vouches for both, and its user.
type benchServers struct {
	pop, smtp string // host:port
	caFile    string
	user      mailtest.User
}

var benchAccounts = []benchAccount{
	{"pop3s+465", dovecotAccount(func(s *mailtest.Server) int { return s.Submissions }), "tls", 6},
	{"pop3s+587", dovecotAccount(func(s *mailtest.Server) int { return s.SubmissionSTARTTLS }), "starttls", 7},
	{"courier-pop3s+postfix-587", courierPostfixAccount, "starttls", 7},
}

// dovecotAccount is alice on the shared Dovecot, POP3S and the given submission port.
func dovecotAccount(smtpPort func(*mailtest.Server) int) func(b *testing.B) benchServers {
	return func(b *testing.B) benchServers {
		s := mailtest.Shared(b)
		return benchServers{pop: net.JoinHostPort(s.Host, strconv.Itoa(s.POP3S)),
			smtp: net.JoinHostPort(s.Host, strconv.Itoa(smtpPort(s))), caFile: s.CAFile, user: s.User("alice")}
	}
}

// courierPostfixAccount is alice on Courier (POP3S) and Postfix (587,
// STARTTLS), a common pairing; one CA file holds both servers' CAs.
func courierPostfixAccount(b *testing.B) benchServers {
	c, p := mailtest.SharedCourier(b), mailtest.SharedPostfix(b)
	ca := filepath.Join(b.TempDir(), "cas.pem")
	var pems []byte
	for _, f := range []string{c.CAFile, p.CAFile} {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pems = append(pems, data...)
	}
	if err := os.WriteFile(ca, pems, 0o644); err != nil {
		b.Fatal(err)
	}
	return benchServers{pop: c.Addr(c.POP3S), smtp: p.Addr(p.Submission), caFile: ca, user: c.User("alice")}
}

// benchEnv holds what each run needs: ports (possibly proxied) and files.
type benchEnv struct {
	benchServers
	bin, dir, pwFile string
}

func newBenchEnv(b *testing.B, acct benchAccount, oneWay time.Duration, proxied bool) *benchEnv {
	e := &benchEnv{benchServers: acct.servers(b), bin: setupwizBinary(b), dir: b.TempDir()}
	if proxied {
		e.pop = mailtest.NewLatencyProxy(b, e.pop, oneWay)
		e.smtp = mailtest.NewLatencyProxy(b, e.smtp, oneWay)
	}
	e.pwFile = filepath.Join(e.dir, "password")
	if err := os.WriteFile(e.pwFile, []byte(e.user.Password+"\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	return e
}

// verifyArgs are the arguments of one `setupwiz verify --json` run.
func (e *benchEnv) verifyArgs(acct benchAccount, only string) []string {
	ph, pp, _ := net.SplitHostPort(e.pop)
	sh, sp, _ := net.SplitHostPort(e.smtp)
	args := []string{"verify", "--json", "--email", e.user.Email, "--username", e.user.Login, "--ca-file", e.caFile,
		"--password-file", e.pwFile, "--pop-host", ph, "--pop-port", pp,
		"--smtp-host", sh, "--smtp-port", sp, "--smtp-security", acct.smtpSec}
	if only != "" {
		args = append(args, "--only", only)
	}
	return args
}

// runTimed executes a command, fails the benchmark unless it exits 0, and
// returns how long it took.
func runTimed(b *testing.B, env []string, name string, args ...string) time.Duration {
	d, _ := runOutput(b, env, name, args...)
	return d
}

func runOutput(b *testing.B, env []string, name string, args ...string) (time.Duration, []byte) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		b.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	return d, stdout.Bytes()
}

// checkDuration is the check's own duration from the JSON document
// (process start-up excluded).
func checkDuration(b *testing.B, doc []byte) time.Duration {
	var d struct {
		DurationMS float64 `json:"duration_ms"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		b.Fatalf("JSON document: %v", err)
	}
	return time.Duration(d.DurationMS * float64(time.Millisecond))
}

// BenchmarkVerifyLoopback: process start to result, no added latency
// (target: under 50 ms). "check-ms" is the part inside verify.Check; the
// rest is process start, flag parsing, reading the password and loading
// the system's trusted certificates.
func BenchmarkVerifyLoopback(b *testing.B) {
	for _, acct := range benchAccounts {
		b.Run(acct.name, func(b *testing.B) {
			e := newBenchEnv(b, acct, 0, false)
			args := e.verifyArgs(acct, "")
			runTimed(b, nil, e.bin, args...) // warm caches and Dovecot's login processes
			b.ResetTimer()
			var inCheck time.Duration
			fastest := time.Hour
			for b.Loop() {
				d, doc := runOutput(b, nil, e.bin, args...)
				inCheck += checkDuration(b, doc)
				fastest = min(fastest, d)
			}
			perOp := float64(b.Elapsed()) / float64(b.N)
			b.ReportMetric(perOp/1e6, "ms")
			b.ReportMetric(float64(fastest)/1e6, "min-ms")
			b.ReportMetric(float64(inCheck)/float64(b.N)/1e6, "check-ms")
		})
	}
}

// BenchmarkVerifyRTT verifies through the latency proxy at 0 and 50 ms RTT
// and reports the time in round trips next to the floor (target: at most
// 1.2 × the floor).
func BenchmarkVerifyRTT(b *testing.B) {
	for _, acct := range benchAccounts {
		for _, rtt := range []time.Duration{0, 50 * time.Millisecond} {
			b.Run(fmt.Sprintf("%s/rtt=%s", acct.name, rtt), func(b *testing.B) {
				e := newBenchEnv(b, acct, rtt/2, true)
				args := e.verifyArgs(acct, "")
				runTimed(b, nil, e.bin, args...)
				b.ResetTimer()
				var inCheck time.Duration
				fastest := time.Hour
				for b.Loop() {
					d, doc := runOutput(b, nil, e.bin, args...)
					inCheck += checkDuration(b, doc)
					fastest = min(fastest, d)
				}
				reportRTT(b, rtt, acct.floorRTT, inCheck, fastest)
			})
		}
	}
}

// reportRTT adds the whole-process duration in RTTs ("rtt", and the fastest
// run as "min-rtt", the best estimate on a busy machine), the check's own
// duration in RTTs ("check-rtt", from the JSON document: no process
// start-up), the floor without the TCP connect, and the ratio to it.
func reportRTT(b *testing.B, rtt time.Duration, floor float64, inCheck, fastest time.Duration) {
	if rtt == 0 {
		return
	}
	b.ReportMetric(float64(fastest)/float64(rtt), "min-rtt")
	perOp := float64(b.Elapsed()) / float64(b.N)
	measured := perOp / float64(rtt)
	b.ReportMetric(measured, "rtt")
	b.ReportMetric(float64(inCheck)/float64(b.N)/float64(rtt), "check-rtt")
	b.ReportMetric(floor-1, "floor-rtt")
	b.ReportMetric(measured/(floor-1), "x-floor")
}

// BenchmarkVerifyVsPeers compares setupwiz (timed) with real clients doing
// the same check one after the other (measured untimed): `fetchmail -c` for
// the POP3 login and a Python smtplib login for SMTP (PLAIN preferred, as
// setupwiz does). Target: setupwiz ≤ 0.6 × (fetchmail + smtp).
func BenchmarkVerifyVsPeers(b *testing.B) {
	mailtest.NeedTool(b, "fetchmail", "python3")
	py := pythonExecutable(b)
	for _, acct := range benchAccounts {
		rtt := 50 * time.Millisecond
		b.Run(fmt.Sprintf("%s/rtt=%s", acct.name, rtt), func(b *testing.B) {
			e := newBenchEnv(b, acct, rtt/2, true)
			args := e.verifyArgs(acct, "")
			fm, fmEnv := e.fetchmailRC(b), []string{"FETCHMAILHOME=" + e.dir, "HOME=" + e.dir}
			smtpArgs := e.smtplibArgs(b, acct)
			var fetch, smtp time.Duration
			for b.Loop() {
				runTimed(b, nil, e.bin, args...)
				b.StopTimer()
				fetch += runTimed(b, fmEnv, "fetchmail", "-c", "--nosyslog", "-f", fm, "--pidfile", filepath.Join(e.dir, "fetchmail.pid"))
				smtp += runTimed(b, nil, py, smtpArgs...)
				b.StartTimer()
			}
			n := float64(b.N)
			ours, theirs := float64(b.Elapsed())/n, float64(fetch+smtp)/n
			b.ReportMetric(float64(fetch)/n/1e6, "fetchmail-ms")
			b.ReportMetric(float64(smtp)/n/1e6, "smtplib-ms")
			b.ReportMetric(ours/theirs, "x-peers")
		})
	}
}

// fetchmailRC writes a 0600 rc file that checks alice's POP3S mailbox.
func (e *benchEnv) fetchmailRC(b *testing.B) string {
	host, port, _ := net.SplitHostPort(e.pop)
	u := e.user
	rc := fmt.Sprintf("set no syslog\npoll %s service %s protocol pop3 auth password\n"+
		"  user %q password %q\n  ssl sslcertck sslcertfile %q sslcommonname localhost sslproto \"TLS1.2+\"\n  keep\n",
		host, port, u.Login, u.Password, e.caFile)
	path := filepath.Join(e.dir, "fetchmailrc")
	if err := os.WriteFile(path, []byte(rc), 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

// smtplibScript logs in to SMTP with Python's smtplib, reading the
// password from a file (never argv), and says QUIT.
const smtplibScript = `import smtplib, ssl, sys
host, port, mode, user, cafile, pwfile = sys.argv[1:]
pw = open(pwfile).read().rstrip("\n")
ctx = ssl.create_default_context(cafile=cafile)
if mode == "tls":
    s = smtplib.SMTP_SSL(host, int(port), context=ctx, timeout=20)
else:
    s = smtplib.SMTP(host, int(port), timeout=20)
    s.starttls(context=ctx)
s.preferred_auths = ["PLAIN", "LOGIN", "CRAM-MD5"]
s.login(user, pw)
s.quit()
`

func (e *benchEnv) smtplibArgs(b *testing.B, acct benchAccount) []string {
	path := filepath.Join(e.dir, "smtpcheck.py")
	if err := os.WriteFile(path, []byte(smtplibScript), 0o600); err != nil {
		b.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(e.smtp)
	return []string{path, host, port, acct.smtpSec, e.user.Login, e.caFile, e.pwFile}
}

// pythonExecutable resolves the real interpreter behind python3 (a version
// manager's shim would add its own start-up time to the peers' side).
func pythonExecutable(b *testing.B) string {
	out, err := exec.Command("python3", "-c", "import sys; print(sys.executable)").Output()
	if err != nil {
		b.Fatalf("python3: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// BenchmarkVerifyVsFetchmail compares, on loopback, the whole `setupwiz
// verify` process (POP3S + submission on 587 with STARTTLS, side by side)
// with `fetchmail -c` checking the same POP3S mailbox, the two run
// alternately so that both meet the same machine load. Target: at most
// 1.3 × fetchmail ("x-fetchmail"; "median-x" is the median of the
// per-pair ratios, steadier on a busy machine).
func BenchmarkVerifyVsFetchmail(b *testing.B) {
	mailtest.NeedTool(b, "fetchmail")
	// Submission on Dovecot's own port (STARTTLS all the same): the strict
	// port's forwarder is a harness hop that fetchmail's POP3S path lacks.
	acct := benchAccount{"pop3s+587", dovecotAccount(func(s *mailtest.Server) int { return s.SubmissionLenient }), "starttls", 7}
	e := newBenchEnv(b, acct, 0, false)
	args := e.verifyArgs(acct, "")
	fm, fmEnv := e.fetchmailRC(b), []string{"FETCHMAILHOME=" + e.dir, "HOME=" + e.dir}
	fetch := func() time.Duration {
		return runTimed(b, fmEnv, "fetchmail", "-c", "--nosyslog", "-f", fm, "--pidfile", filepath.Join(e.dir, "fetchmail.pid"))
	}
	ours := func() time.Duration { return runTimed(b, nil, e.bin, args...) }
	ours()
	fetch() // warm caches and the servers' login processes
	var sumOurs, sumFetch time.Duration
	var ratios []float64
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		var o, f time.Duration
		if i%2 == 0 {
			o, f = ours(), fetch()
		} else {
			f, o = fetch(), ours()
		}
		sumOurs, sumFetch = sumOurs+o, sumFetch+f
		ratios = append(ratios, float64(o)/float64(f))
		b.StartTimer()
	}
	n := float64(len(ratios))
	slices.Sort(ratios)
	b.ReportMetric(float64(sumOurs)/n/1e6, "setupwiz-ms")
	b.ReportMetric(float64(sumFetch)/n/1e6, "fetchmail-ms")
	b.ReportMetric(float64(sumOurs)/float64(sumFetch), "x-fetchmail")
	b.ReportMetric(ratios[len(ratios)/2], "median-x")
}
