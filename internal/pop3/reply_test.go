package pop3

import (
	"slices"
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
		if r.ok != c.ok || r.cont != c.cont || r.code != c.code || r.text != c.text {
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
		if strings.ContainsAny(r.code, " []") || len(r.code) > maxRespCode {
			t.Fatalf("bad code %q", r.code)
		}
		if r.ok && r.cont {
			t.Fatal("both OK and continuation")
		}
	})
}

func TestParseCapa(t *testing.T) {
	c := parseCapa([]string{"TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "USER", "STLS",
		"SASL PLAIN login CRAM-MD5", "LOGIN-DELAY 900", "EXPIRE NEVER", "IMPLEMENTATION Dovecot", ""})
	if !c.Top || !c.UIDL || !c.RespCodes || !c.Pipelining || !c.AuthRespCode || !c.User || !c.STLS {
		t.Errorf("flags: %+v", c)
	}
	if !slices.Equal(c.SASL, []string{"PLAIN", "LOGIN", "CRAM-MD5"}) || c.LoginDelay != 900 || c.Expire != "NEVER" || c.Impl != "Dovecot" {
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
	if st, err := parseStat("3 62471"); err != nil || st != (Stat{3, 62471}) {
		t.Errorf("%+v %v", st, err)
	}
	for _, bad := range []string{"", "3", "x 1", "-1 5", "3 -5"} {
		if _, err := parseStat(bad); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}
