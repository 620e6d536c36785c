package verify

import (
	"testing"

	"github.com/xdg-go/scram"

	"github.com/setupwiz/setupwiz/internal/profile"
)

func TestSCRAMVectors(t *testing.T) {
	cases := []struct {
		name                                   string
		h                                      scram.HashGeneratorFcn
		nonce, serverFirst, clientFinal, final string
	}{
		{"RFC 5802 SCRAM-SHA-1", scram.SHA1, "fyko+d2lbbFgONRv9qkxdawL",
			"r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
			"c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
			"v=rmF9pqV8S7suAoZWja4dJRkFsKQ="},
		{"RFC 7677 SCRAM-SHA-256", scram.SHA256, "rOprNGfwEbeRWgbNEkqO",
			"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
			"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
			"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl := testSCRAM(t, c.h, "user", "pencil", c.nonce)
			if _, ir, _ := cl.Start(); string(ir) != "n,,n=user,r="+c.nonce {
				t.Fatalf("client-first %q", ir)
			}
			got, err := cl.Next([]byte(c.serverFirst))
			if err != nil || string(got) != c.clientFinal {
				t.Fatalf("client-final %q, %v", got, err)
			}
			if _, err := cl.Next([]byte(c.final)); err != nil {
				t.Fatalf("server-final rejected: %v", err)
			}
		})
	}
}

// testSCRAM is a SCRAM client whose nonce is fixed, for the RFC vectors.
func testSCRAM(t *testing.T, h scram.HashGeneratorFcn, user, password, nonce string) *scramClient {
	t.Helper()
	c, err := h.NewClient(user, password, "")
	if err != nil {
		t.Fatal(err)
	}
	return newSCRAMConversation("X", c.WithNonceGenerator(func() string { return nonce }))
}

func TestSCRAMRejectsBadServer(t *testing.T) {
	bad := []string{
		"r=otherNonce,s=QSXCR+Q6sek8bf92,i=4096", // nonce not extended
		"r=abcX,s=!!!,i=4096",                    // salt not base64
		"r=abcX,s=QSXCR+Q6sek8bf92,i=0",
		"r=abcX,s=QSXCR+Q6sek8bf92,i=999999999", // would make us burn CPU
		"r=abc,s=QSXCR+Q6sek8bf92,i=4096",       // nonce not extended at all
	}
	for _, sf := range bad {
		cl := testSCRAM(t, scram.SHA256, "u", "p", "abc")
		cl.Start()
		if _, err := cl.Next([]byte(sf)); err == nil {
			t.Errorf("accepted server-first %q", sf)
		}
	}
	cl := testSCRAM(t, scram.SHA256, "u", "p", "abc")
	cl.Start()
	if _, err := cl.Next([]byte("r=abcX,s=QSXCR+Q6sek8bf92,i=16")); err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Next([]byte("v=AAAA")); err == nil {
		t.Error("accepted a wrong server signature")
	}
}

func TestCRAMMD5Vector(t *testing.T) {
	// RFC 2195 section 2.
	cl := &cramMD5Client{username: "tim", password: "tanstaaftanstaaf"}
	got, _ := cl.Next([]byte("<1896.697170952@postoffice.reston.mci.net>"))
	if string(got) != "tim b913a602c7eda7a495b4e6e7334d3890" {
		t.Errorf("got %q", got)
	}
}

func TestNewSASLEveryMechanism(t *testing.T) {
	o := &Options{Password: profile.NewPassword("pw"), OAuthToken: profile.NewPassword("tok")}
	for _, m := range []string{"PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256", "XOAUTH2", "OAUTHBEARER", "plain"} {
		cl, err := newSASL(m, "u@example.test", o)
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if name, _, err := cl.Start(); err != nil || !equalFold(name, m) {
			t.Errorf("%s: Start = %q, %v", m, name, err)
		}
	}
	if _, err := newSASL("GSSAPI", "u", o); err == nil {
		t.Error("GSSAPI accepted")
	}
}

func equalFold(a, b string) bool { return upperAll([]string{a})[0] == upperAll([]string{b})[0] }

func TestChooseMechs(t *testing.T) {
	dovecot := []string{"PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"}
	pw := &Options{Password: profile.NewPassword("x")}
	plainOK := &Options{Password: profile.NewPassword("x"), AllowPlaintext: true}
	oauth := &Options{OAuthToken: profile.NewPassword("t")}
	cases := []struct {
		name    string
		offered []string
		tls     bool
		o       *Options
		want    profile.AuthMethod
		first   string
		kind    Kind
	}{
		{"auto over TLS", dovecot, true, pw, profile.AuthAuto, "PLAIN", ""},
		{"auto, only SCRAM", []string{"scram-sha-256"}, true, pw, profile.AuthAuto, "SCRAM-SHA-256", ""},
		{"no TLS without consent", dovecot, false, pw, profile.AuthAuto, "", KindPlaintextRefused},
		{"no TLS even for CRAM", []string{"CRAM-MD5"}, false, pw, profile.AuthCRAMMD5, "", KindPlaintextRefused},
		{"no TLS with consent prefers challenge-response", dovecot, false, plainOK, profile.AuthAuto, "SCRAM-SHA-256", ""},
		{"asked for one not offered", []string{"PLAIN"}, true, pw, profile.AuthCRAMMD5, "", KindAuthUnsupported},
		{"nothing in common", []string{"GSSAPI", "NTLM"}, true, pw, profile.AuthAuto, "", KindAuthUnsupported},
		{"oauth token", []string{"PLAIN", "XOAUTH2"}, true, oauth, profile.AuthAuto, "XOAUTH2", ""},
		{"oauth method without token", []string{"XOAUTH2"}, true, pw, profile.AuthXOAuth2, "", KindAuthUnsupported},
		{"USER/PASS is not SASL", dovecot, true, pw, profile.AuthUserPass, "", ""},
	}
	for _, c := range cases {
		got, e := chooseMechs(c.offered, c.tls, c.o, c.want)
		switch {
		case c.kind != "" && (e == nil || e.Kind != c.kind):
			t.Errorf("%s: got %v %v, want %s", c.name, got, e, c.kind)
		case c.kind == "" && e != nil:
			t.Errorf("%s: %v", c.name, e)
		case c.first != "" && (len(got) == 0 || got[0] != c.first):
			t.Errorf("%s: got %v, want %s first", c.name, got, c.first)
		case e != nil && e.Hint == "":
			t.Errorf("%s: no hint", c.name)
		}
	}
}

func TestUsernameVariants(t *testing.T) {
	cases := []struct {
		email, configured string
		enabled           bool
		want              []string
	}{
		{"erin@example.test", "erin@example.test", true, []string{"erin@example.test", "erin"}},
		{"alice@example.test", "alice", true, []string{"alice", "alice@example.test"}},
		{"alice@example.test", "", true, []string{"alice@example.test", "alice"}},
		{"alice@example.test", "alice", false, []string{"alice"}},
		{"alice@example.test", "ALICE@example.test", true, []string{"ALICE@example.test", "ALICE"}},
		{"alice@example.test", "a@b", true, []string{"a@b"}}, // not an address we can split: nothing to add
		{"not-an-address", "bob", true, []string{"bob"}},
	}
	for _, c := range cases {
		got := usernameVariants(c.email, c.configured, c.enabled)
		if !equalStrings(got, c.want) {
			t.Errorf("usernameVariants(%q, %q, %v) = %q, want %q", c.email, c.configured, c.enabled, got, c.want)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
