package verify

import (
	"bufio"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// apopOnly answers like the RFC 1939 example server: it accepts exactly
// the digest that section 7 gives for its timestamp and the secret
// "tanstaaf", and nothing else.
func apopOnly(c net.Conn) {
	script := pop3Script{greeting: "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n",
		replies: map[string]string{"CAPA": "-ERR no CAPA\r\n", "STAT": "+OK 2 320\r\n", "UIDL": "+OK\r\n1 a\r\n2 b\r\n.\r\n"}}
	exact := "APOP mrose c4c9334bac560ecc979e58001b3e22fb"
	serveLines(c, script.greeting, func(line string) string {
		switch {
		case line == exact:
			return "+OK mrose's maildrop has 2 messages (320 octets)\r\n"
		case strings.HasPrefix(line, "APOP "):
			return "-ERR [AUTH] permission denied\r\n"
		}
		inAuth := false
		return script.reply(line, &inAuth)
	})
}

// TestPOP3APOPDigestRFC1939: the APOP digest is the one RFC 1939 computes,
// so a server that checks it lets us in; a wrong secret is auth_failed.
func TestPOP3APOPDigestRFC1939(t *testing.T) {
	checkNoLeak(t)
	port := startFake(t, nil, apopOnly)
	o := faultOpts(port, profile.SecurityNone)
	o.Incoming.Username, o.Incoming.Auth, o.Password = "mrose", profile.AuthAPOP, profile.NewPassword("tanstaaf")
	res := runPOP3Check(t, o)
	wantOK(t, res)
	if res.AuthMech != "APOP" || res.Mailbox == nil || res.Mailbox.Messages != 2 {
		t.Errorf("mechanism %q mailbox %+v", res.AuthMech, res.Mailbox)
	}
	o.Password = profile.NewPassword("tanstaafl")
	wantKind(t, runPOP3Check(t, o), KindAuthFailed)
}

// TestPOP3LoginDelay: [LOGIN-DELAY] (RFC 2449) is a temporary refusal with
// the advice to wait.
func TestPOP3LoginDelay(t *testing.T) {
	checkNoLeak(t)
	port := startFake(t, nil, loginScript(map[string]string{"PASS": "-ERR [LOGIN-DELAY] wait 15 minutes between logins\r\n"}))
	res := runPOP3Check(t, faultOpts(port, profile.SecurityNone))
	wantKind(t, res, KindServerBusy)
	if res.Error.Hint != busyHint("LOGIN-DELAY") || res.Error.ServerText == "" {
		t.Errorf("hint %q, server text %q", res.Error.Hint, res.Error.ServerText)
	}
}

// serveLines writes greeting, then answers each line the client sends.
func serveLines(c net.Conn, greeting string, answer func(line string) string) {
	if _, err := c.Write([]byte(greeting)); err != nil {
		return
	}
	br := bufio.NewReader(c)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		if _, err := c.Write([]byte(answer(strings.TrimRight(line, "\r\n")))); err != nil {
			return
		}
	}
}

// TestPlaintextRefusedWithoutUpgrade: a port without STLS gets the general
// advice, not a STARTTLS setting that cannot work.
func TestPlaintextRefusedWithoutUpgrade(t *testing.T) {
	checkNoLeak(t)
	port := startFake(t, nil, loginScript(nil))
	o := faultOpts(port, profile.SecurityNone)
	o.AllowPlaintext = false
	res := runPOP3Check(t, o)
	wantKind(t, res, KindPlaintextRefused)
	if strings.Contains(res.Error.Hint, "starttls") || !strings.Contains(res.Error.Hint, "--allow-plaintext") {
		t.Errorf("hint %q", res.Error.Hint)
	}
}

// TestPOP3TarpitReported: a refusal that the server delays is still
// auth_failed, each username form gets a connection of its own, and the
// hint says how long the server made us wait.
func TestPOP3TarpitReported(t *testing.T) {
	checkNoLeak(t)
	var mu sync.Mutex
	conns := 0
	port := startFake(t, nil, func(c net.Conn) {
		mu.Lock()
		conns++
		mu.Unlock()
		serveLines(c, okGreeting, func(line string) string {
			switch {
			case line == "CAPA":
				return "+OK\r\nUSER\r\n.\r\n"
			case strings.HasPrefix(line, "PASS"):
				time.Sleep(1100 * time.Millisecond)
				return "-ERR Authentication failed.\r\n"
			}
			return "+OK\r\n"
		})
	})
	o := faultOpts(port, profile.SecurityNone)
	o.StepTimeout, o.Timeout, o.UsernameVariants = 0, time.Minute, true
	res := runPOP3Check(t, o)
	wantKind(t, res, KindAuthFailed)
	if !strings.Contains(res.Error.Hint, "the server waited 1.") || !strings.Contains(res.Error.Hint, "slows down failed logins") {
		t.Errorf("hint %q", res.Error.Hint)
	}
	if mu.Lock(); conns != 2 || len(res.UsernameTried) != 2 {
		t.Errorf("%d connections for %q, want one per username form", conns, res.UsernameTried)
	}
	mu.Unlock()
}
