package verify

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseReply(t *testing.T) {
	cases := []struct {
		line       string
		ok, cont   bool
		code, text string
		bad        bool
	}{
		{"+OK Dovecot ready.", true, false, "", "Dovecot ready.", false},
		{"+OK", true, false, "", "", false},
		{"-ERR [AUTH] Authentication failed.", false, false, "AUTH", "Authentication failed.", false},
		{"-ERR [SYS/TEMP] Internal error occurred.", false, false, "SYS/TEMP", "Internal error occurred.", false},
		{"-ERR [in-use] locked", false, false, "IN-USE", "locked", false},
		{"-ERR [not closed", false, false, "", "[not closed", false},
		{"-ERR [] empty", false, false, "", "[] empty", false},
		{"-err lower case", false, false, "", "lower case", false},
		{"+ dj1ybUY5cHFWOFM3c3VBb1pXamE0ZEpSa0ZzS1E9", false, true, "", "dj1ybUY5cHFWOFM3c3VBb1pXamE0ZEpSa0ZzS1E9", false},
		{"+", false, true, "", "", false},
		{"+OKAY", false, false, "", "", true},
		{"220 smtp.example ESMTP", false, false, "", "", true},
		{"", false, false, "", "", true},
	}
	for _, c := range cases {
		r, err := parseReply(c.line)
		if (err != nil) != c.bad {
			t.Errorf("%q: err %v", c.line, err)
			continue
		}
		if c.bad {
			continue
		}
		if r.OK != c.ok || r.Cont != c.cont || r.Code != c.code || r.Text != c.text {
			t.Errorf("%q: got %+v", c.line, r)
		}
	}
}

func FuzzParseReply(f *testing.F) {
	for _, s := range []string{"+OK x", "-ERR [AUTH] no", "+ abc", "-ERR [SYS/TEMP", "+OK [a]", "\xff[\x00]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		r, err := parseReply(line)
		if err != nil {
			if !utf8.ValidString(err.Error()) {
				t.Fatalf("error text not valid UTF-8: %q", err.Error())
			}
			return
		}
		if strings.ContainsAny(r.Code, " []") || len(r.Code) > maxRespCode {
			t.Fatalf("bad code %q", r.Code)
		}
		if r.OK && r.Cont {
			t.Fatal("both OK and continuation")
		}
		if st := r.serverText(); !utf8.ValidString(st) || strings.ContainsAny(st, "\x00\x1b\r\n") {
			t.Fatalf("server text not safe: %q", st)
		}
	})
}

func TestParseCapa(t *testing.T) {
	c := parseCapa([]string{"TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "USER", "STLS",
		"SASL PLAIN login CRAM-MD5", "LOGIN-DELAY 900", "EXPIRE NEVER", "IMPLEMENTATION Dovecot", ""})
	if !c.Known || !c.Top || !c.UIDL || !c.RespCodes || !c.Pipelining || !c.AuthRespCode || !c.User || !c.STLS {
		t.Errorf("flags: %+v", c)
	}
	if !equalStrings(c.SASL, []string{"PLAIN", "LOGIN", "CRAM-MD5"}) || c.LoginDelay != 900 || c.Expire != "NEVER" || c.Impl != "Dovecot" {
		t.Errorf("values: %+v", c)
	}
	if len(c.Raw) != 11 {
		t.Errorf("raw %q", c.Raw)
	}
	if d := parseCapa([]string{"LOGIN-DELAY -5", "LOGIN-DELAY x"}); d.LoginDelay != 0 {
		t.Errorf("bad LOGIN-DELAY parsed as %d", d.LoginDelay)
	}
}

func FuzzParseCapa(f *testing.F) {
	f.Add("TOP\nUIDL\nSASL PLAIN LOGIN\nLOGIN-DELAY 900\nSTLS")
	f.Add("SASL\nLOGIN-DELAY 99999999999999999999\n\xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Split(s, "\n")
		c := parseCapa(lines)
		if len(c.Raw) > len(lines) || c.LoginDelay < 0 {
			t.Fatalf("caps %+v from %d lines", c, len(lines))
		}
		for _, r := range c.Raw {
			if !utf8.ValidString(r) || strings.ContainsAny(r, "\x00\x1b") {
				t.Fatalf("raw capability not safe: %q", r)
			}
		}
	})
}

func TestAPOPStamp(t *testing.T) {
	if s := apopStamp("POP3 server ready <1896.697170952@dbc.mtview.ca.us>"); s != "<1896.697170952@dbc.mtview.ca.us>" {
		t.Errorf("stamp %q", s)
	}
	if s := apopStamp("Dovecot ready."); s != "" {
		t.Errorf("stamp %q", s)
	}
}

func TestParseStat(t *testing.T) {
	if st, ok := parseStat("3 62471"); !ok || st.Messages != 3 || st.Octets != 62471 {
		t.Errorf("%+v %v", st, ok)
	}
	for _, bad := range []string{"", "3", "x 1", "-1 5", "3 -5"} {
		if _, ok := parseStat(bad); ok {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestReplyKind(t *testing.T) {
	cases := []struct {
		line string
		step StepName
		want Kind
	}{
		{"-ERR [AUTH] Authentication failed.", StepAuth, KindAuthFailed},
		{"-ERR invalid password", StepAuth, KindAuthFailed},
		{"-ERR [AUTH] Application-specific password required", StepAuth, KindAppPassword},
		{"-ERR [AUTH] Please log in via your web browser", StepAuth, KindAppPassword},
		{"-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.", StepAuth, KindPlaintextRefused},
		{"-ERR [IN-USE] locked", StepAuth, KindServerBusy},
		{"-ERR [LOGIN-DELAY] wait", StepAuth, KindServerBusy},
		{"-ERR [SYS/TEMP] later", StepMailbox, KindServerBusy},
		{"-ERR [SYS/PERM] broken", StepAuth, KindMailbox},
		{"-ERR no maildir", StepMailbox, KindMailbox},
		{"-ERR not now", StepSTARTTLS, KindSTARTTLSUnavailable},
		{"-ERR go away", StepGreeting, KindServerBusy},
	}
	for _, c := range cases {
		r, _ := parseReply(c.line)
		if e := pop3Error(r, c.step); e.Kind != c.want || e.Hint == "" || e.ServerText != c.line {
			t.Errorf("%q at %s: %s (hint %q, text %q), want %s", c.line, c.step, e.Kind, e.Hint, e.ServerText, c.want)
		}
	}
}
