package verify

import (
	"bufio"
	"context"
	"crypto/tls"
	"net"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/setupwiz/setupwiz/internal/profile"
)

const (
	smtpGreeting   = "220 fake.example ESMTP ready\r\n"
	smtpEHLO       = "250-fake.example\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"
	smtpEHLOStart  = "250-fake.example\r\n250-STARTTLS\r\n250 8BITMIME\r\n"
	faultPassword  = "s3cret-Passw0rd"
	faultUser      = "user@example.test"
	endlessAnswers = "334 eA==\r\n"
)

// smtpScript answers SMTP commands from a table keyed by verb. A reply
// ending in "<close>" closes the connection after the text before it;
// STARTTLS with a tls config answers 220 and upgrades; endlessAuth answers
// every line after AUTH with a challenge until "*".
type smtpScript struct {
	greeting    string
	replies     map[string]string
	tls         *tls.Config
	endlessAuth bool
}

func (p smtpScript) serve(c net.Conn) {
	if _, err := c.Write([]byte(p.greeting)); err != nil {
		return
	}
	br := bufio.NewReader(c)
	inAuth := false
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		reply := p.reply(line, &inAuth)
		body, closing := strings.CutSuffix(reply, "<close>")
		if _, err := c.Write([]byte(body)); err != nil || closing {
			return
		}
		if strings.EqualFold(line, "STARTTLS") && p.tls != nil && strings.HasPrefix(body, "220") {
			tc := tls.Server(c, p.tls)
			c, br = tc, bufio.NewReader(tc)
		}
	}
}

func (p smtpScript) reply(line string, inAuth *bool) string {
	verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
	switch {
	case *inAuth && line == "*":
		*inAuth = false
		return "501 5.5.2 Authentication aborted by client.\r\n"
	case *inAuth || (p.endlessAuth && verb == "AUTH"):
		*inAuth = true
		return endlessAnswers
	case verb == "QUIT":
		return "221 2.0.0 Bye\r\n"
	}
	if r, ok := p.replies[verb]; ok {
		return r
	}
	return "502 5.5.1 Unknown command\r\n"
}

// authScript is a server that offers AUTH PLAIN LOGIN and answers AUTH with reply.
func authScript(reply string) func(net.Conn) {
	return smtpScript{greeting: smtpGreeting, replies: map[string]string{"EHLO": smtpEHLO, "AUTH": reply}}.serve
}

// smtpFaultOpts checks a fake SMTP server on 127.0.0.1:port with short deadlines.
func smtpFaultOpts(port int, sec profile.Security) *Options {
	return &Options{
		Email:          faultUser,
		Outgoing:       profile.Server{Host: "127.0.0.1", Port: port, Security: sec, Username: faultUser},
		Password:       profile.NewPassword(faultPassword),
		AllowPlaintext: true,
		StepTimeout:    time.Second,
		Timeout:        5 * time.Second,
		Transcript:     true,
	}
}

func TestSMTPFaults(t *testing.T) {
	pki := newTestPKI(t)
	cases := []struct {
		name  string
		tls   *tls.Config
		sec   profile.Security
		serve func(net.Conn)
		kind  Kind
		step  StepName
		text  string // expected server text prefix, if any
	}{
		{"Gmail app password", nil, profile.SecurityNone,
			authScript("534-5.7.9 Application-specific password required. Learn more at\r\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor\r\n"),
			KindAppPassword, StepAuth, "534 5.7.9 Application-specific password required."},
		{"web login required", nil, profile.SecurityNone,
			authScript("534 5.7.14 Please log in via your web browser and then try again.\r\n"), KindAppPassword, StepAuth, "534 5.7.14"},
		{"Microsoft basic auth off", nil, profile.SecurityNone,
			authScript("535 5.7.139 Authentication unsuccessful, basic authentication is disabled.\r\n"), KindAppPassword, StepAuth, "535 5.7.139"},
		{"bad credentials", nil, profile.SecurityNone,
			authScript("535 5.7.8 Authentication credentials invalid\r\n"), KindAuthFailed, StepAuth, "535 5.7.8"},
		{"encryption required", nil, profile.SecurityNone,
			authScript("538 5.7.11 Encryption required for requested authentication mechanism\r\n"), KindPlaintextRefused, StepAuth, "538 5.7.11"},
		{"plaintext disabled", nil, profile.SecurityNone,
			authScript("523 5.7.10 Plaintext authentication disabled.\r\n"), KindPlaintextRefused, StepAuth, "523 5.7.10"},
		{"temporary auth failure", nil, profile.SecurityNone,
			authScript("454 4.7.0 Temporary authentication failure\r\n"), KindServerBusy, StepAuth, "454 4.7.0"},
		{"mechanism unsupported", nil, profile.SecurityNone,
			authScript("504 5.5.4 Unrecognized authentication type\r\n"), KindAuthUnsupported, StepAuth, "504 5.5.4"},
		{"endless 334", nil, profile.SecurityNone,
			smtpScript{greeting: smtpGreeting, endlessAuth: true, replies: map[string]string{"EHLO": "250-fake\r\n250 AUTH LOGIN\r\n"}}.serve,
			KindProtocol, StepAuth, ""},
		{"greeting 421", nil, profile.SecurityNone,
			smtpScript{greeting: "421 4.3.2 Too many connections, try later\r\n"}.serve, KindServerBusy, StepGreeting, "421 4.3.2"},
		{"greeting 554", nil, profile.SecurityNone,
			smtpScript{greeting: "554 5.7.1 Your IP is listed\r\n"}.serve, KindRefused, StepGreeting, "554 5.7.1"},
		{"POP3 server on the SMTP port", nil, profile.SecurityNone,
			smtpScript{greeting: "+OK POP3 ready\r\n"}.serve, KindProtocol, StepGreeting, ""},
		{"STARTTLS advertised then 454", nil, profile.SecuritySTARTTLS,
			smtpScript{greeting: smtpGreeting, replies: map[string]string{"EHLO": smtpEHLOStart, "STARTTLS": "454 4.7.0 TLS not available due to temporary reason\r\n"}}.serve,
			KindSTARTTLSUnavailable, StepSTARTTLS, "454 4.7.0"},
		{"STARTTLS not offered", nil, profile.SecuritySTARTTLS,
			smtpScript{greeting: smtpGreeting, replies: map[string]string{"EHLO": smtpEHLO}}.serve,
			KindSTARTTLSUnavailable, StepSTARTTLS, ""},
		{"STARTTLS injection", nil, profile.SecuritySTARTTLS,
			smtpScript{greeting: smtpGreeting, tls: pki.validConfig(t), replies: map[string]string{"EHLO": smtpEHLOStart, "STARTTLS": "220 go ahead\r\n250 injected\r\n"}}.serve,
			KindTLSHandshake, StepSTARTTLS, ""},
		{"silence", nil, profile.SecurityNone, silent, KindTimeout, StepGreeting, ""},
		{"one byte at a time", nil, profile.SecurityNone, drip, KindTimeout, StepGreeting, ""},
		{"10 MB line", nil, profile.SecurityNone, hugeLine, KindProtocol, StepGreeting, ""},
		{"10 MB EHLO line", nil, profile.SecurityNone,
			smtpScript{greeting: smtpGreeting, replies: map[string]string{"EHLO": "250-" + strings.Repeat("x", 10<<20) + "\r\n"}}.serve,
			KindProtocol, StepCapa, ""},
		{"closes mid-reply", nil, profile.SecurityNone,
			smtpScript{greeting: smtpGreeting, replies: map[string]string{"EHLO": "250-fake\r\n250-AU<close>"}}.serve, KindNetwork, StepCapa, ""},
		{"TLS where plaintext expected", pki.validConfig(t), profile.SecuritySTARTTLS, silent, KindTimeout, StepGreeting, ""},
		{"plaintext where TLS expected", nil, profile.SecurityTLS, authScript("235 ok\r\n"), KindTLSHandshake, StepTLS, ""},
		{"no AUTH offered", nil, profile.SecurityNone,
			smtpScript{greeting: smtpGreeting, replies: map[string]string{"EHLO": "250 fake\r\n"}}.serve, KindAuthUnsupported, StepAuth, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkNoLeak(t)
			port := startFake(t, c.tls, c.serve)
			o := smtpFaultOpts(port, c.sec)
			o.Roots = pki.roots
			res := checkSMTP(context.Background(), o)
			if res.OK || res.Error == nil || res.Error.Kind != c.kind || res.Error.Step != c.step {
				t.Fatalf("got %v (step %v), want %s at %s\n%s", res.Error, errStep(res.Error), c.kind, c.step, smtpTranscript(res.Transcript))
			}
			if res.Error.Hint == "" {
				t.Errorf("no hint for %v", res.Error)
			}
			if c.name == "STARTTLS injection" && !strings.Contains(res.Error.Hint, "plaintext after agreeing to STARTTLS") {
				t.Errorf("hint %q does not explain the injection", res.Error.Hint)
			}
			if !strings.HasPrefix(res.Error.ServerText, c.text) {
				t.Errorf("server text %q, want prefix %q", res.Error.ServerText, c.text)
			}
			smtpNoSecret(t, smtpTranscript(res.Transcript)+res.Error.Error(), faultPassword)
		})
	}
}

func errStep(e *Error) StepName {
	if e == nil {
		return ""
	}
	return e.Step
}

// TestSMTPNoAuthWithoutTLSUpgrade: when STARTTLS fails, no AUTH line follows.
func TestSMTPNoAuthWithoutTLSUpgrade(t *testing.T) {
	for _, starttls := range []string{"454 4.7.0 TLS not available\r\n", "<absent>"} {
		ehlo := smtpEHLOStart
		if starttls == "<absent>" {
			ehlo = smtpEHLO
		}
		port := startFake(t, nil, smtpScript{greeting: smtpGreeting,
			replies: map[string]string{"EHLO": ehlo, "STARTTLS": starttls}}.serve)
		res := checkSMTP(context.Background(), smtpFaultOpts(port, profile.SecuritySTARTTLS))
		if text := smtpTranscript(res.Transcript); res.OK || strings.Contains(text, "C AUTH") {
			t.Fatalf("continued after a failed STARTTLS:\n%s", text)
		}
	}
}

// TestSMTPEndlessChallengesAborted: after maxSASLSteps challenges we send "*".
func TestSMTPEndlessChallengesAborted(t *testing.T) {
	checkNoLeak(t)
	port := startFake(t, nil, smtpScript{greeting: smtpGreeting, endlessAuth: true,
		replies: map[string]string{"EHLO": "250-fake\r\n250 AUTH LOGIN\r\n"}}.serve)
	res := checkSMTP(context.Background(), smtpFaultOpts(port, profile.SecurityNone))
	text := smtpTranscript(res.Transcript)
	if res.Error == nil || res.Error.Kind != KindProtocol || !strings.Contains(text, "C *\n") {
		t.Fatalf("want protocol error after an abort with *, got %v\n%s", res.Error, text)
	}
	if n := strings.Count(text, "S 334 "); n > maxSASLSteps+1 {
		t.Errorf("%d challenges answered, want at most %d", n, maxSASLSteps+1)
	}
}

// TestSMTPNoCancelAfterFinalReply: after a 535 nothing but QUIT follows
// on that connection (go-smtp v0.25.1 would send "*", which Postfix answers
// by hanging up and Exim logs as a syntax error); the refusal is auth_failed.
func TestSMTPNoCancelAfterFinalReply(t *testing.T) {
	checkNoLeak(t)
	port := startFake(t, nil, smtpScript{greeting: smtpGreeting,
		replies: map[string]string{"EHLO": smtpEHLO, "AUTH": "535 5.7.8 Error: authentication failed\r\n"}}.serve)
	o := smtpFaultOpts(port, profile.SecurityNone)
	o.UsernameVariants = false
	res := checkSMTP(context.Background(), o)
	text := smtpTranscript(res.Transcript)
	if res.Error == nil || res.Error.Kind != KindAuthFailed {
		t.Fatalf("want auth_failed, got %v\n%s", res.Error, text)
	}
	if strings.Contains(text, "C *\n") || !strings.HasSuffix(text, "C QUIT\n") {
		t.Errorf("after the 535 the client sent more than QUIT:\n%s", text)
	}
}

// TestSMTPNextMechanismAfter504: a mechanism the server lists but then
// refuses (504) is skipped for the next one.
func TestSMTPNextMechanismAfter504(t *testing.T) {
	port := startFake(t, nil, func(c net.Conn) {
		smtpScript{greeting: smtpGreeting, replies: map[string]string{"EHLO": smtpEHLO}}.serveAuth(c)
	})
	res := checkSMTP(context.Background(), smtpFaultOpts(port, profile.SecurityNone))
	if !res.OK || res.AuthMech != "LOGIN" {
		t.Fatalf("OK=%v mech=%q err=%v\n%s", res.OK, res.AuthMech, res.Error, smtpTranscript(res.Transcript))
	}
}

// serveAuth refuses AUTH PLAIN with 504 and accepts AUTH LOGIN.
func (p smtpScript) serveAuth(c net.Conn) {
	p.replies["AUTH"] = ""
	_, _ = c.Write([]byte(p.greeting))
	br := bufio.NewReader(c)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		var reply string
		switch f := strings.Fields(line); {
		case len(f) > 1 && f[0] == "AUTH" && f[1] == "PLAIN":
			reply = "504 5.5.4 Mechanism not available\r\n"
		case len(f) > 1 && f[0] == "AUTH" && f[1] == "LOGIN":
			reply = "334 UGFzc3dvcmQ6\r\n"
		case len(f) == 1 && f[0] != "QUIT" && f[0] != "EHLO":
			reply = "235 2.7.0 Logged in\r\n"
		default:
			reply = p.reply(strings.TrimSpace(line), new(bool))
		}
		if _, err := c.Write([]byte(reply)); err != nil {
			return
		}
	}
}

// TestSMTPInvalidUTF8Greeting: bytes that are not UTF-8 (and terminal
// escapes) in the greeting are kept printable and do not stop the check.
func TestSMTPInvalidUTF8Greeting(t *testing.T) {
	port := startFake(t, nil, smtpScript{greeting: "220 fake \xff\xfe\x1b[31m ready\r\n",
		replies: map[string]string{"EHLO": smtpEHLO, "AUTH": "235 2.7.0 ok\r\n"}}.serve)
	res := checkSMTP(context.Background(), smtpFaultOpts(port, profile.SecurityNone))
	if !res.OK {
		t.Fatalf("not OK: %v", res.Error)
	}
	text := res.Greeting + smtpTranscript(res.Transcript)
	if !utf8.ValidString(text) || strings.ContainsRune(text, 0x1b) {
		t.Fatalf("unsafe text: %q", text)
	}
}
