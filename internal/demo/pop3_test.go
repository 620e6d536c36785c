package demo_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/demo"
)

func plainIR(user, pass string) string {
	return base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + pass))
}

func TestPOP3SCapabilitiesAndLogin(t *testing.T) {
	s := start(t, demo.Options{})
	p := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	caps := p.multi("CAPA")
	for _, want := range []string{"UIDL", "TOP", "RESP-CODES", "AUTH-RESP-CODE", "USER", "SASL PLAIN LOGIN"} {
		if !contains(caps, want) {
			t.Errorf("CAPA on POP3S lacks %q: %q", want, caps)
		}
	}
	if contains(caps, "STLS") {
		t.Errorf("CAPA on an implicit-TLS port offers STLS: %q", caps)
	}
	p.login("DEMO@setupwiz.test", "demo")
	if caps := p.multi("CAPA"); contains(caps, "USER") || contains(caps, "SASL PLAIN LOGIN") {
		t.Errorf("CAPA after login still offers login methods: %q", caps)
	}
}

func TestSTLSPortRefusesCleartextLogin(t *testing.T) {
	s := start(t, demo.Options{})
	p := dialPOP3(t, addr(s, s.POP3), nil)
	caps := p.multi("CAPA")
	if !contains(caps, "STLS") || contains(caps, "USER") || contains(caps, "SASL PLAIN LOGIN") {
		t.Errorf("CAPA before STLS = %q, want STLS and no password methods", caps)
	}
	for cmd, want := range map[string]string{
		"USER demo@setupwiz.test":                "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
		"PASS demo":                              "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
		"AUTH PLAIN " + plainIR(s.Email, "demo"): "-ERR [AUTH] Plaintext authentication disabled.",
		"AUTH LOGIN":                             "-ERR [AUTH] Plaintext authentication disabled.",
		"STAT":                                   "-ERR Unknown command.",
	} {
		if got := p.cmd("%s", cmd); got != want {
			t.Errorf("%s before STLS = %q, want %q", strings.Fields(cmd)[0], got, want)
		}
	}
	p.stls(clientTLS(s))
	if caps := p.multi("CAPA"); contains(caps, "STLS") || !contains(caps, "SASL PLAIN LOGIN") {
		t.Errorf("CAPA after STLS = %q, want SASL PLAIN LOGIN and no STLS", caps)
	}
	if r := p.cmd("STLS"); r != "-ERR TLS is already active." {
		t.Errorf("second STLS = %q", r)
	}
	if r := p.cmd("AUTH PLAIN %s", plainIR(s.Email, "demo")); r != "+OK Logged in." {
		t.Errorf("AUTH PLAIN after STLS = %q", r)
	}
}

func TestWrongPasswordGetsAuthCodeThenDisconnect(t *testing.T) {
	s := start(t, demo.Options{})
	p := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	const want = "-ERR [AUTH] Authentication failed."
	if r := p.cmd("USER %s", s.Email); r != "+OK" {
		t.Fatalf("USER = %q", r)
	}
	if r := p.cmd("PASS wrong"); r != want {
		t.Errorf("PASS wrong = %q, want %q", r, want)
	}
	if r := p.cmd("AUTH PLAIN %s", plainIR("nobody@setupwiz.test", "demo")); r != want {
		t.Errorf("AUTH PLAIN unknown user = %q, want %q", r, want)
	}
	if r := p.cmd("AUTH PLAIN %s", plainIR(s.Email, "Demo")); r != want {
		t.Errorf("AUTH PLAIN wrong case password = %q, want %q", r, want)
	}
	if !p.closed() {
		t.Error("connection still open after three failed logins")
	}
}

func TestAuthLoginChallenges(t *testing.T) {
	s := start(t, demo.Options{})
	p := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	b64 := base64.StdEncoding.EncodeToString
	steps := []struct{ send, want string }{
		{"AUTH LOGIN", "+ " + b64([]byte("Username:"))},
		{b64([]byte(s.Email)), "+ " + b64([]byte("Password:"))},
		{b64([]byte("demo")), "+OK Logged in."},
	}
	for _, st := range steps {
		if got := p.cmd("%s", st.send); got != st.want {
			t.Fatalf("after %q: %q, want %q", st.send, got, st.want)
		}
	}
}

func TestAuthEdgeReplies(t *testing.T) {
	s := start(t, demo.Options{})
	p := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	if got := p.multi("AUTH"); strings.Join(got, " ") != "PLAIN LOGIN" {
		t.Errorf("AUTH list = %q", got)
	}
	cases := []struct{ send, want string }{
		{"AUTH CRAM-MD5", "-ERR [AUTH] Unsupported authentication mechanism."},
		{"AUTH PLAIN ###", "-ERR [AUTH] Invalid base64 data in initial response"},
		{"AUTH PLAIN", "+ "},
		{"*", "-ERR Authentication aborted by client."},
		{"PASS demo", "-ERR No username given."},
		{"AUTH PLAIN " + plainIR(s.Email, "demo"), "+OK Logged in."},
	}
	for _, c := range cases {
		if got := p.cmd("%s", c.send); got != c.want {
			t.Errorf("%q: %q, want %q", c.send, got, c.want)
		}
	}
}

func TestMailboxCommands(t *testing.T) {
	s := start(t, demo.Options{})
	p := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	p.login(s.Email, s.Password)
	uidls := p.multi("UIDL")
	wantUIDL := []string{"1 1764064800.M1P1Q1.welcome", "2 1764068400.M2P1Q1.settings",
		"3 1764072000.M3P1Q1.dots", "4 1764075600.M4P1Q1.greetings"}
	if strings.Join(uidls, "|") != strings.Join(wantUIDL, "|") {
		t.Errorf("UIDL = %q, want %q", uidls, wantUIDL)
	}
	list := p.multi("LIST")
	total := 0
	for i, l := range list {
		var n, size int
		if _, err := fmt.Sscanf(l, "%d %d", &n, &size); err != nil || n != i+1 || size < 200 {
			t.Errorf("LIST line %q", l)
		}
		total += size
	}
	if got, want := p.cmd("STAT"), fmt.Sprintf("+OK %d %d", len(list), total); got != want {
		t.Errorf("STAT = %q, want %q", got, want)
	}
	if got, want := p.cmd("UIDL 2"), "+OK "+wantUIDL[1]; got != want {
		t.Errorf("UIDL 2 = %q, want %q", got, want)
	}
	if got, want := p.cmd("LIST 3"), "+OK "+list[2]; got != want {
		t.Errorf("LIST 3 = %q, want %q", got, want)
	}
}

func TestRetrUndoesDotStuffingAndSizesMatch(t *testing.T) {
	s := start(t, demo.Options{})
	p := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	p.login(s.Email, s.Password)
	var size int
	fmt.Sscanf(p.cmd("LIST 3"), "+OK 3 %d", &size)
	lines := p.multi("RETR 3")
	body := strings.Join(lines, "\r\n") + "\r\n"
	if len(body) != size {
		t.Errorf("RETR 3 gave %d octets, LIST said %d", len(body), size)
	}
	for _, want := range []string{".fetchmailrc and .muttrc are hidden files in your home folder.", ".", ".."} {
		if !contains(lines, want) {
			t.Errorf("RETR 3 lacks the line %q after unstuffing", want)
		}
	}
}

func TestTopDeleRset(t *testing.T) {
	s := start(t, demo.Options{})
	p := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	p.login(s.Email, s.Password)
	top := p.multi("TOP 1 0")
	if len(top) == 0 || top[len(top)-1] != "" || !contains(top, "Subject: Welcome to the setupwiz demo") {
		t.Errorf("TOP 1 0 = %q, want the header and the blank line only", top)
	}
	if top2 := p.multi("TOP 1 3"); len(top2) != len(top)+3 || top2[len(top2)-1] != "this message lives in a demo mailbox inside the setupwiz program itself." {
		t.Errorf("TOP 1 3 = %q", top2)
	}
	steps := []struct{ send, want string }{
		{"DELE 1", "+OK Marked to be deleted."},
		{"RETR 1", "-ERR Message 1 is marked deleted."},
		{"DELE 9", "-ERR There's no message 9."},
		{"RETR x", `-ERR Invalid message number: "x"`},
		{"TOP 2 -1", `-ERR Invalid number of lines: "-1"`},
		{"RSET", "+OK"},
		{"NOOP", "+OK"},
		{"USER again", "-ERR Unknown command."},
	}
	for _, st := range steps {
		if got := p.cmd("%s", st.send); got != st.want {
			t.Errorf("%q: %q, want %q", st.send, got, st.want)
		}
	}
	if got := p.multi("UIDL"); len(got) != 4 {
		t.Errorf("after RSET UIDL lists %d messages, want 4", len(got))
	}
	if r := p.cmd("QUIT"); r != "+OK Logging out." || !p.closed() {
		t.Errorf("QUIT = %q or the connection stayed open", r)
	}
}

func TestDeleIsPerSession(t *testing.T) {
	s := start(t, demo.Options{})
	p := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	p.login(s.Email, s.Password)
	p.cmd("DELE 1")
	if got := p.cmd("STAT"); !strings.HasPrefix(got, "+OK 3 ") {
		t.Errorf("STAT after DELE = %q, want 3 messages", got)
	}
	p.cmd("QUIT")
	q := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	q.login(s.Email, s.Password)
	if got := q.cmd("STAT"); !strings.HasPrefix(got, "+OK 4 ") {
		t.Errorf("STAT in the next session = %q, want all 4 messages back", got)
	}
}

func TestLineLengthIsBounded(t *testing.T) {
	s := start(t, demo.Options{MaxLineLength: 64})
	p := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	if r := p.cmd("NOOP %s", strings.Repeat("x", 50)); r != "+OK" {
		t.Fatalf("a line within the bound: %q", r)
	}
	if r := p.cmd("USER %s", strings.Repeat("x", 100)); r != "-ERR Input line too long, disconnecting." {
		t.Errorf("over-long line = %q", r)
	}
	if !p.closed() {
		t.Error("connection still open after an over-long line")
	}
}

func TestIdleClientIsDisconnected(t *testing.T) {
	s := start(t, demo.Options{CommandTimeout: 50 * time.Millisecond})
	p := dialPOP3(t, addr(s, s.POP3), nil)
	if r := p.line(); r != "-ERR Disconnected for inactivity." {
		t.Errorf("idle client got %q", r)
	}
	if !p.closed() {
		t.Error("connection still open after the command deadline")
	}
}
