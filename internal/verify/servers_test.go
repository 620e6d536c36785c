package verify

import (
	"context"
	"crypto/x509"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// realServer is one real mail server software on loopback, as the
// table-driven suites below meet it.
type realServer struct {
	name  string
	host  string
	roots *x509.CertPool
	pop3  []endpoint // POP3 ports; none for a submission-only server
	smtp  []endpoint // submission ports
	user  func(short string) mailtest.User
	log   func() string
	// afterTLS matches the server's log line that proves a login happened
	// only after STLS/STARTTLS on the plain port.
	afterTLS *regexp.Regexp
	// sink, when set, receives what the server relays (--send-test).
	sink *mailtest.Sink
	// logFrom is the log's length when the test began: what other tests
	// made the server log (security probes, say) is not this test's.
	logFrom int
}

// endpoint is one port and the security it speaks.
type endpoint struct {
	port int
	sec  profile.Security
}

func (e endpoint) String() string { return fmt.Sprintf("%d-%s", e.port, e.sec) }

// realServers starts (or reuses) Dovecot, Courier, Cyrus, Postfix and Exim.
// With CI=true a server that cannot start fails the test.
func realServers(t *testing.T) []realServer {
	t.Helper()
	d, c, p, x := mailtest.Shared(t), mailtest.SharedCourier(t), mailtest.SharedPostfix(t), mailtest.SharedExim(t)
	y := mailtest.SharedCyrus(t)
	servers := []realServer{
		{name: "Dovecot", host: d.Host, roots: d.CAPool,
			pop3: []endpoint{{d.POP3S, profile.SecurityTLS}, {d.POP3STLS, profile.SecuritySTARTTLS}},
			smtp: []endpoint{{d.Submissions, profile.SecurityTLS}, {d.SubmissionSTARTTLS, profile.SecuritySTARTTLS}},
			user: d.User, log: func() string { return d.LogTail(100000) },
			afterTLS: regexp.MustCompile(`Login: user=<alice@example.test>.*rip=127\.0\.0\.2.*, TLS`), sink: d.Sink},
		{name: "Courier", host: c.Host, roots: c.CAPool,
			pop3: []endpoint{{c.POP3S, profile.SecurityTLS}, {c.POP3STLS, profile.SecuritySTARTTLS}},
			user: c.User, log: c.Log,
			// On the STLS port Courier refuses every login before STLS
			// (POP3_TLS_REQUIRED=1, see mailtest's TestCourier): a login it logs came after TLS.
			afterTLS: regexp.MustCompile(`INFO: LOGIN, user=alice@example.test, `)},
		{name: "Cyrus", host: y.Host, roots: y.CAPool,
			pop3: []endpoint{{y.POP3S, profile.SecurityTLS}, {y.POP3STLS, profile.SecuritySTARTTLS}},
			user: y.User, log: y.Log,
			// Cyrus logs the mechanism and "+TLS" for a login over TLS.
			afterTLS: regexp.MustCompile(`login: localhost \[127\.0\.0\.1\] alice@example.test \S+\+TLS User logged in`)},
		{name: "Postfix", host: p.Host, roots: p.CAPool,
			smtp: []endpoint{{p.Submissions, profile.SecurityTLS}, {p.Submission, profile.SecuritySTARTTLS}},
			user: p.User, log: p.Log,
			afterTLS: regexp.MustCompile(`disconnect from localhost\[127\.0\.0\.1\] ehlo=2 starttls=1 auth=1`), sink: p.Sink},
		{name: "Exim", host: x.Host, roots: x.CAPool,
			smtp: []endpoint{{x.Submissions, profile.SecurityTLS}, {x.Submission, profile.SecuritySTARTTLS}},
			user: x.User, log: x.Log,
			// Exim logs the commands of a session without a message.
			afterTLS: regexp.MustCompile(`no MAIL in SMTP connection from .* C=EHLO,STARTTLS,EHLO,AUTH`)},
	}
	for i := range servers {
		servers[i].logFrom = len(servers[i].log())
	}
	return servers
}

// serverOpts checks one endpoint of srv as user, with --username given
// (no second form) unless variants.
func serverOpts(srv realServer, svc Service, ep endpoint, u mailtest.User) Options {
	o := Options{Email: u.Email, Password: profile.NewPassword(u.Password), Roots: srv.roots, Transcript: true}
	s := profile.Server{Host: srv.host, Port: ep.port, Security: ep.sec, Username: u.Login}
	if svc == ServicePOP3 {
		o.Incoming = s
	} else {
		o.Outgoing = s
	}
	return o
}

// forEachEndpoint runs f for every POP3 and SMTP endpoint of every server,
// each as a parallel subtest.
func forEachEndpoint(t *testing.T, f func(t *testing.T, srv realServer, svc Service, ep endpoint)) {
	for _, srv := range realServers(t) {
		for _, svc := range []Service{ServicePOP3, ServiceSMTP} {
			eps := srv.pop3
			if svc == ServiceSMTP {
				eps = srv.smtp
			}
			for _, ep := range eps {
				t.Run(fmt.Sprintf("%s/%s/%s", srv.name, svc, ep), func(t *testing.T) {
					t.Parallel()
					f(t, srv, svc, ep)
				})
			}
		}
	}
}

func serviceOf(r Result, svc Service) *ServiceResult {
	if svc == ServicePOP3 {
		return r.POP3
	}
	return r.SMTP
}

// noProtocolComplaints fails when a server logged that we broke the
// protocol (Postfix: non-SMTP command, "I can break rules"; Exim and others:
// syntax error).
func noProtocolComplaints(t *testing.T, srv realServer) {
	t.Helper()
	for _, line := range strings.Split(srv.log()[srv.logFrom:], "\n") {
		l := strings.ToLower(line)
		if strings.Contains(l, "syntax error") || strings.Contains(l, "non-smtp command") ||
			strings.Contains(l, "break rules") || strings.Contains(l, "unknown command") {
			t.Errorf("%s logged a protocol complaint: %s", srv.name, line)
		}
	}
}

// TestServersRightPassword: the right password passes on every server and
// port; on the plain ports the server's log shows the login came after TLS.
func TestServersRightPassword(t *testing.T) {
	forEachEndpoint(t, func(t *testing.T, srv realServer, svc Service, ep endpoint) {
		r := Check(context.Background(), serverOpts(srv, svc, ep, srv.user("alice")))
		res := serviceOf(r, svc)
		if !res.OK {
			t.Fatalf("%v (hint %s)\n%s", res.Error, hintOf(res.Error), transcriptText(res))
		}
		if svc == ServicePOP3 && (res.Mailbox == nil || res.Mailbox.Messages != 3 || !res.Mailbox.UIDL) {
			t.Errorf("mailbox %+v", res.Mailbox)
		}
		if ep.sec == profile.SecuritySTARTTLS && !eventually(func() bool { return srv.afterTLS.MatchString(srv.log()) }) {
			t.Errorf("%s's log shows no login after TLS (%s):\n%s", srv.name, srv.afterTLS, srv.log())
		}
		noProtocolComplaints(t, srv)
	})
}

// TestServersWrongPassword: a wrong password is auth_failed everywhere,
// however long the server delays the refusal (Courier: 5 s), with nothing
// after the refusal that a server would log as a protocol error.
func TestServersWrongPassword(t *testing.T) {
	forEachEndpoint(t, func(t *testing.T, srv realServer, svc Service, ep endpoint) {
		u := srv.user("bob")
		u.Password = "wrong-" + u.Password
		r := Check(context.Background(), serverOpts(srv, svc, ep, u))
		res := serviceOf(r, svc)
		if res.OK || res.Error.Kind != KindAuthFailed || len(res.UsernameTried) != 1 {
			t.Fatalf("want auth_failed after one try, got %v (tried %q)\n%s", res.Error, res.UsernameTried, transcriptText(res))
		}
		assertNoSecret(t, res, u.Login, u.Password)
		noProtocolComplaints(t, srv)
	})
}

// TestServersUsernameVariants: without --username the other form of the
// username is tried on a new connection, and the result names the one
// that worked.
func TestServersUsernameVariants(t *testing.T) {
	forEachEndpoint(t, func(t *testing.T, srv realServer, svc Service, ep endpoint) {
		for _, c := range []struct{ user, configured string }{{"alice", "alice"}, {"erin", "erin@example.test"}} {
			u := srv.user(c.user)
			o := serverOpts(srv, svc, ep, u)
			o.UsernameVariants = true
			if svc == ServicePOP3 {
				o.Incoming.Username = c.configured
			} else {
				o.Outgoing.Username = c.configured
			}
			res := serviceOf(Check(context.Background(), o), svc)
			if !res.OK || !res.UsernameCorrected || res.Server.Username != u.Login {
				t.Errorf("%s: OK=%v corrected=%v user=%q err=%v\n%s", c.configured, res.OK, res.UsernameCorrected,
					res.Server.Username, res.Error, transcriptText(res))
			}
		}
		noProtocolComplaints(t, srv)
	})
}

// TestServersSecurityMismatch: the other security setting on each port is
// diagnosed with what the port speaks.
func TestServersSecurityMismatch(t *testing.T) {
	forEachEndpoint(t, func(t *testing.T, srv realServer, svc Service, ep endpoint) {
		wrong := endpoint{ep.port, profile.SecurityTLS}
		if ep.sec == profile.SecurityTLS {
			wrong.sec = profile.SecuritySTARTTLS
		}
		res := serviceOf(Check(context.Background(), serverOpts(srv, svc, wrong, srv.user("alice"))), svc)
		if res.OK || res.DetectedSecurity != ep.sec.String() {
			t.Fatalf("detected %q, want %q: %v (hint %s)", res.DetectedSecurity, ep.sec, res.Error, hintOf(res.Error))
		}
		if !strings.Contains(res.Error.Hint, fmt.Sprintf("port %d speaks", ep.port)) {
			t.Errorf("hint %q", res.Error.Hint)
		}
	})
}

// TestServersSendTest: --send-test submits a message through every
// submission server; it reaches the server's relay target.
func TestServersSendTest(t *testing.T) {
	for _, srv := range realServers(t) {
		if srv.sink == nil {
			continue
		}
		for _, ep := range srv.smtp {
			t.Run(srv.name+"/"+ep.String(), func(t *testing.T) {
				o := serverOpts(srv, ServiceSMTP, ep, srv.user("alice"))
				o.SendTest = true
				r := Check(context.Background(), o)
				if !r.OK() || r.SendTest == nil || !r.SendTest.OK {
					t.Fatalf("send test: %+v %v", r.SendTest, r.SMTP.Error)
				}
				if !eventually(func() bool { return sinkHas(srv.sink, r.SendTest.MessageID) }) {
					t.Errorf("message %s did not reach %s's relay target", r.SendTest.MessageID, srv.name)
				}
			})
		}
	}
}

// eventually polls cond for up to 10 s: a server logs a session when it
// ends, and relays a message when its queue manager gets to it.
func eventually(cond func() bool) bool {
	for range 200 {
		if cond() {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

func sinkHas(s *mailtest.Sink, msgID string) bool {
	for _, m := range s.Messages() {
		if strings.Contains(string(m.Data), msgID) {
			return true
		}
	}
	return false
}
