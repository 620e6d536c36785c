package verify

import (
	"net"
	"strings"
	"testing"
)

// TestEveryKindHasItsOwnSentence: each kind is told in its own words, and
// each is a whole sentence.
func TestEveryKindHasItsOwnSentence(t *testing.T) {
	seen := map[string]Kind{}
	for _, k := range Kinds {
		s := Explain(&Error{Kind: k, Step: StepAuth}, Circumstances{}).Sentence
		if prev, dup := seen[s]; dup {
			t.Errorf("%s and %s share the sentence %q", prev, k, s)
		}
		seen[s] = k
		if s == "" || !strings.HasSuffix(s, ".") || strings.ToUpper(s[:1]) != s[:1] {
			t.Errorf("%s: %q is not a sentence", k, s)
		}
	}
}

// TestListedHostNotFound: a name from the provider table that does not
// resolve is a lookup problem, not a typo; a name the user typed keeps the
// check's own hint.
func TestListedHostNotFound(t *testing.T) {
	e := &Error{Kind: KindDNS, Step: StepResolve, Hint: `the name "pop.gmail.com" does not exist; check it for typos`,
		Err: &net.DNSError{Err: "no such host", Name: "pop.gmail.com", IsNotFound: true}}
	listed := Explain(e, Circumstances{HostListed: true})
	if !strings.Contains(listed.Sentence, "could not be looked up") || strings.Contains(listed.Hint, "typo") {
		t.Errorf("listed host: %+v", listed)
	}
	typed := Explain(e, Circumstances{})
	if typed.Hint != e.Hint || strings.Contains(typed.Sentence, "looked up") {
		t.Errorf("typed host: %+v", typed)
	}
}

// TestCertificateTodo: a certificate failure says what is wrong with it and
// both ways to trust it.
func TestCertificateTodo(t *testing.T) {
	x := Explain(&Error{Kind: KindTLSCertificate, Step: StepTLS, Cert: &CertInfo{Problem: "unknown_authority"}}, Circumstances{})
	if len(x.Todo) != 3 || !strings.Contains(x.Todo[0], "not signed by an authority") ||
		!strings.Contains(x.Todo[1], "certificate authority") || !strings.Contains(x.Todo[2], "pinning") {
		t.Errorf("todo: %q", x.Todo)
	}
}
