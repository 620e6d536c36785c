package demo_test

import (
	"context"
	"testing"

	"github.com/setupwiz/setupwiz/internal/demo"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// BenchmarkStart is the cost `setupwiz demo` pays before the first frame:
// two ECDSA keys, two certificates, four (or eight) listeners.
func BenchmarkStart(b *testing.B) {
	for b.Loop() {
		s, err := demo.Start(context.Background(), demo.Options{})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkPOP3SLogin is one POP3 session: TLS, USER/PASS, STAT, QUIT.
func BenchmarkPOP3SLogin(b *testing.B) {
	s, err := demo.Start(context.Background(), demo.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		p := dialPOP3(b, addr(s, s.POP3S), clientTLS(s))
		p.login(s.Email, s.Password)
		if r := p.cmd("STAT"); r[0] != '+' {
			b.Fatal(r)
		}
		p.cmd("QUIT")
		p.tp.Close()
	}
}

// BenchmarkVerifyCheck is what the wizard's "Logging in" screen waits for:
// setupwiz's verifier on POP3S and submissions side by side.
func BenchmarkVerifyCheck(b *testing.B) {
	s, err := demo.Start(context.Background(), demo.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	p := s.Profile()
	o := verify.Options{Email: s.Email, Incoming: p.Incoming, Outgoing: p.Outgoing,
		Password: profile.NewPassword(s.Password), Roots: s.Roots}
	for b.Loop() {
		if r := verify.Check(context.Background(), o); !r.OK() {
			b.Fatalf("not verified: %+v %+v", r.POP3, r.SMTP)
		}
	}
}
