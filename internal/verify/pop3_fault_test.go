package verify

import (
	"bufio"
	"crypto/tls"
	"io"
	"net"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// faultOpts checks a fake POP3 server on 127.0.0.1:port with short deadlines.
func faultOpts(port int, sec profile.Security) *Options {
	return &Options{
		Email:          "user@example.test",
		Incoming:       profile.Server{Host: "127.0.0.1", Port: port, Security: sec, Username: "user@example.test"},
		Password:       profile.NewPassword("s3cret-Passw0rd"),
		AllowPlaintext: true,
		StepTimeout:    time.Second,
		Timeout:        5 * time.Second,
		Transcript:     true,
	}
}

const okGreeting = "+OK fake ready\r\n"

var plainCaps = "+OK\r\nUSER\r\nUIDL\r\nSASL PLAIN\r\n.\r\n"

func TestPOP3Faults(t *testing.T) {
	pki := newTestPKI(t)
	cases := []struct {
		name  string
		tls   *tls.Config
		sec   profile.Security
		serve func(net.Conn)
		kind  Kind
		step  StepName
	}{
		{"silence", nil, profile.SecurityNone, silent, KindTimeout, StepGreeting},
		{"one byte at a time", nil, profile.SecurityNone, drip, KindTimeout, StepGreeting},
		{"10 MB line", nil, profile.SecurityNone, hugeLine, KindProtocol, StepGreeting},
		{"closes mid-reply", nil, profile.SecurityNone,
			pop3Script{greeting: okGreeting, replies: map[string]string{"CAPA": "+OK\r\nTOP\r\nUID<close>"}}.serve, KindNetwork, StepCapa},
		{"TLS where plaintext expected", pki.validConfig(t), profile.SecurityNone, silent, KindTimeout, StepGreeting},
		{"plaintext where TLS expected", nil, profile.SecurityTLS,
			pop3Script{greeting: okGreeting}.serve, KindTLSHandshake, StepTLS},
		{"STLS refused", nil, profile.SecuritySTARTTLS,
			pop3Script{greeting: okGreeting, replies: map[string]string{"CAPA": "+OK\r\nSTLS\r\n.\r\n",
				"STLS": "-ERR TLS not available right now\r\n"}}.serve, KindSTARTTLSUnavailable, StepSTARTTLS},
		{"STLS command injection", nil, profile.SecuritySTARTTLS,
			pop3Script{greeting: okGreeting, replies: map[string]string{"STLS": "+OK go\r\n+OK injected\r\n"}}.serve,
			KindProtocol, StepSTARTTLS},
		{"endless AUTH challenges", nil, profile.SecurityNone,
			pop3Script{greeting: okGreeting, endlessAuth: true, replies: map[string]string{"CAPA": "+OK\r\nSASL CRAM-MD5\r\n.\r\n"}}.serve,
			KindProtocol, StepAuth},
		{"too many CAPA lines", nil, profile.SecurityNone,
			pop3Script{greeting: okGreeting, replies: map[string]string{"CAPA": "+OK\r\n" + strings.Repeat("X-CAP\r\n", 300) + ".\r\n"}}.serve,
			KindProtocol, StepCapa},
		{"SMTP server on the POP3 port", nil, profile.SecurityNone,
			pop3Script{greeting: "220 mail.example.test ESMTP\r\n"}.serve, KindProtocol, StepGreeting},
		{"greeting refuses service", nil, profile.SecurityNone,
			pop3Script{greeting: "-ERR [SYS/TEMP] too many connections\r\n"}.serve, KindServerBusy, StepGreeting},
		{"mailbox in use", nil, profile.SecurityNone,
			loginScript(map[string]string{"PASS": "-ERR [IN-USE] Mailbox is locked by another POP3 session\r\n"}), KindServerBusy, StepAuth},
		{"app password required", nil, profile.SecurityNone,
			loginScript(map[string]string{"PASS": "-ERR [AUTH] Application-specific password required\r\n"}), KindAppPassword, StepAuth},
		{"web login required", nil, profile.SecurityNone,
			loginScript(map[string]string{"PASS": "-ERR [AUTH] Web login required: https://support.example/78754\r\n"}), KindAppPassword, StepAuth},
		{"permanent system error at login", nil, profile.SecurityNone,
			loginScript(map[string]string{"PASS": "-ERR [SYS/PERM] account disabled\r\n"}), KindMailbox, StepAuth},
		{"logged in then SYS/TEMP", nil, profile.SecurityNone,
			loginScript(map[string]string{"PASS": "+OK Logged in.\r\n-ERR [SYS/TEMP] Internal error occurred.\r\n", "STAT": "<close>"}),
			KindServerBusy, StepMailbox},
		{"STAT fails", nil, profile.SecurityNone,
			loginScript(map[string]string{"STAT": "-ERR cannot open maildir\r\n"}), KindMailbox, StepMailbox},
		{"STAT garbage", nil, profile.SecurityNone,
			loginScript(map[string]string{"STAT": "+OK lots\r\n"}), KindProtocol, StepMailbox},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkNoLeak(t)
			port := startFake(t, c.tls, c.serve)
			res := runPOP3Check(t, faultOpts(port, c.sec))
			wantKind(t, res, c.kind)
			if res.Error.Step != c.step {
				t.Errorf("step %s, want %s", res.Error.Step, c.step)
			}
			if res.Error.Hint == "" {
				t.Errorf("no hint for %v", res.Error)
			}
			assertNoSecret(t, res, "user@example.test", "s3cret-Passw0rd")
		})
	}
}

// loginScript is a server that takes USER/PASS, with some replies overridden.
func loginScript(over map[string]string) func(net.Conn) {
	r := map[string]string{"CAPA": "+OK\r\nUSER\r\nUIDL\r\n.\r\n", "USER": "+OK\r\n", "PASS": "+OK Logged in.\r\n",
		"STAT": "+OK 2 300\r\n", "UIDL": "+OK 1 abc\r\n"}
	for k, v := range over {
		r[k] = v
	}
	return pop3Script{greeting: okGreeting, replies: r}.serve
}

func silent(c net.Conn) { _, _ = io.Copy(io.Discard, c) }

func drip(c net.Conn) {
	for _, b := range []byte("+OK this greeting never ends because it arrives one byte at a time") {
		if _, err := c.Write([]byte{b}); err != nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	silent(c)
}

func hugeLine(c net.Conn) {
	chunk := []byte("+OK " + strings.Repeat("a", 64<<10))
	for range 160 { // 10 MB
		if _, err := c.Write(chunk); err != nil {
			return
		}
	}
}

func TestPOP3EndlessAuthIsAborted(t *testing.T) {
	checkNoLeak(t)
	port := startFake(t, nil, pop3Script{greeting: okGreeting, endlessAuth: true,
		replies: map[string]string{"CAPA": "+OK\r\nSASL CRAM-MD5\r\n.\r\n"}}.serve)
	res := runPOP3Check(t, faultOpts(port, profile.SecurityNone))
	wantKind(t, res, KindProtocol)
	if !strings.Contains(transcriptText(res), "\nC: *\n") {
		t.Errorf("no abort with *; transcript:\n%s", transcriptText(res))
	}
	challenges := strings.Count(transcriptText(res), "S: + [redacted]")
	if challenges != maxSASLSteps+1 {
		t.Errorf("%d challenges seen, want %d", challenges, maxSASLSteps+1)
	}
}

func TestPOP3InvalidUTF8Greeting(t *testing.T) {
	checkNoLeak(t)
	serve := pop3Script{greeting: "+OK \xff\xfe\x1b[2J h\xc3llo <1.2@x>\r\n", replies: map[string]string{
		"CAPA": "-ERR no\r\n", "USER": "+OK\r\n", "PASS": "+OK\r\n", "STAT": "+OK 0 0\r\n", "UIDL": "+OK\r\n.\r\n"}}.serve
	port := startFake(t, nil, serve)
	o := faultOpts(port, profile.SecurityNone)
	o.Incoming.Auth = profile.AuthUserPass
	res := runPOP3Check(t, o)
	wantOK(t, res)
	for _, s := range append([]string{res.Greeting}, strings.Split(transcriptText(res), "\n")...) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\x1b\x00\r") {
			t.Errorf("not printable: %q", s)
		}
	}
	if !strings.Contains(res.Greeting, `\xff\xfe\x1b[2J`) {
		t.Errorf("greeting %q does not show the bad bytes escaped", res.Greeting)
	}
	if res.Mailbox == nil || res.Mailbox.Messages != 0 || !res.Mailbox.UIDL {
		t.Errorf("mailbox %+v", res.Mailbox)
	}
}

func TestPOP3ExpiredCertificate(t *testing.T) {
	checkNoLeak(t)
	pki := newTestPKI(t)
	notAfter := time.Now().Add(-48 * time.Hour).Truncate(time.Second)
	cfg := pki.serverConfig(t, []string{"localhost"}, notAfter.Add(-24*time.Hour), notAfter)
	port := startFake(t, cfg, pop3Script{greeting: okGreeting}.serve)
	o := faultOpts(port, profile.SecurityTLS)
	o.Roots = pki.roots
	res := runPOP3Check(t, o)
	wantKind(t, res, KindTLSCertificate)
	c := res.Error.Cert
	if c.Problem != "expired" || !c.NotAfter.Equal(notAfter) || !strings.Contains(res.Error.Hint, notAfter.Format("2006-01-02")) {
		t.Errorf("cert %+v hint %q", c, res.Error.Hint)
	}
}

func TestPOP3NameMismatchFakeServer(t *testing.T) {
	checkNoLeak(t)
	pki := newTestPKI(t)
	cfg := pki.serverConfig(t, []string{"pop.other.example"}, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	port := startFake(t, cfg, pop3Script{greeting: okGreeting}.serve)
	o := faultOpts(port, profile.SecurityTLS)
	o.Roots, o.Incoming.Host = pki.roots, "pop.example.test"
	o.Dialer = mapDialer{net.JoinHostPort("127.0.0.1", itoa(port))}
	res := runPOP3Check(t, o)
	wantKind(t, res, KindTLSCertificate)
	if res.Error.Cert.Problem != "name_mismatch" || !strings.Contains(res.Error.Hint, "pop.other.example") {
		t.Errorf("cert %+v hint %q", res.Error.Cert, res.Error.Hint)
	}
}

// hangUpAfterFailure accepts only the user "user" and hangs up after any
// failed login, as some servers do.
func hangUpAfterFailure(c net.Conn) {
	br := bufio.NewReader(c)
	c.Write([]byte(okGreeting))
	user := ""
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(strings.TrimRight(line, "\r\n"), " ")
		reply := map[string]string{"CAPA": "+OK\r\nUSER\r\nUIDL\r\n.\r\n", "USER": "+OK\r\n", "STAT": "+OK 1 10\r\n",
			"UIDL": "+OK 1 a\r\n", "QUIT": "+OK\r\n"}[verb]
		switch {
		case verb == "USER":
			user = arg
		case verb == "PASS" && user == "user":
			reply = "+OK\r\n"
		case verb == "PASS":
			c.Write([]byte("-ERR [AUTH] Authentication failed.\r\n"))
			return
		}
		c.Write([]byte(reply))
	}
}

func TestPOP3VariantAfterHangUp(t *testing.T) {
	checkNoLeak(t)
	port := startFake(t, nil, hangUpAfterFailure)
	o := faultOpts(port, profile.SecurityNone)
	o.UsernameVariants = true
	res := runPOP3Check(t, o)
	wantOK(t, res)
	if !res.UsernameCorrected || res.Server.Username != "user" || len(res.UsernameTried) != 2 {
		t.Errorf("corrected %v user %q tried %q\n%s", res.UsernameCorrected, res.Server.Username, res.UsernameTried, transcriptText(res))
	}
	o.Incoming.Username = "nobody"
	res = runPOP3Check(t, o)
	wantKind(t, res, KindAuthFailed)
	if len(res.UsernameTried) != 2 || !strings.Contains(res.Error.Hint, "nobody@example.test") {
		t.Errorf("tried %q hint %q", res.UsernameTried, res.Error.Hint)
	}
}

// plaintextAfterSTLS agrees to STLS and then answers the TLS handshake in
// plaintext, as a broken server or a tampering middlebox would.
func plaintextAfterSTLS(c net.Conn) {
	br := bufio.NewReader(c)
	c.Write([]byte(okGreeting))
	if line, err := br.ReadString('\n'); err != nil || !strings.HasPrefix(line, "STLS") {
		return
	}
	c.Write([]byte("+OK Begin TLS negotiation now.\r\n"))
	if _, err := br.ReadByte(); err != nil {
		return
	}
	c.Write([]byte("-ERR Unknown command.\r\n"))
	silent(c)
}

// TestPOP3PlaintextAfterSTLS: the port already uses STLS, so the hint must
// not say "this port probably expects STLS"; it says what happened, as the
// SMTP check does for STARTTLS.
func TestPOP3PlaintextAfterSTLS(t *testing.T) {
	checkNoLeak(t)
	port := startFake(t, nil, plaintextAfterSTLS)
	res := runPOP3Check(t, faultOpts(port, profile.SecuritySTARTTLS))
	wantKind(t, res, KindTLSHandshake)
	if h := res.Error.Hint; strings.Contains(h, "probably expects") || !strings.Contains(h, "after agreeing to STLS") {
		t.Errorf("hint %q", h)
	}
}
