package discover_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/discover"
)

func TestMXLookupDomainsAreParentThenRegistrable(t *testing.T) {
	cases := []struct {
		host, base string
		want       []string
	}{
		{"biz-test.mail.protection.outlook.com", "outlook.com", []string{"mail.protection.outlook.com", "outlook.com"}},
		{"mx1.hoster.co.uk", "hoster.co.uk", []string{"hoster.co.uk"}},
		{"a.b.hoster.co.uk", "hoster.co.uk", []string{"b.hoster.co.uk", "hoster.co.uk"}},
		{"hoster.example", "hoster.example", []string{"hoster.example"}},
	}
	for _, c := range cases {
		if got := discover.MXLookupDomainsForTest(c.host, c.base); !slices.Equal(got, c.want) {
			t.Errorf("MX %s (base %s): lookups %v, want %v", c.host, c.base, got, c.want)
		}
	}
}

// Thunderbird looks the MX host's parent domain up before its registrable
// domain, so a business service under a consumer brand is told apart.
func TestMXParentDomainWinsOverRegistrableDomain(t *testing.T) {
	e := newTestEnv(t)
	e.DNS.Add(t, "biz.test. 60 IN MX 10 biz-test.mail.protection.hoster.test.")
	parent := "mail.protection.hoster.test"
	e.Web.Set(dbPath(parent), providerXML(parent, "pop.business.test", "smtp.business.test"))
	e.Web.Set(acPath("hoster.test"), providerXML("hoster.test", "pop.consumer.test", "smtp.consumer.test"))
	// The registrable domain answers first; the parent's answer must still win.
	e.Web.WaitFor(dbPath(parent), e.Web.Served(acPath("hoster.test")))
	res := run(t, "jane@biz.test", e.options(t))
	if res.Winner != discover.SourceMX || hosts(res.POP3) != "pop.business.test:995/tls" {
		t.Fatalf("winner %s POP3 %s; sources %+v", res.Winner, hosts(res.POP3), res.Sources)
	}
	if c := res.POP3[0]; c.Trusted || !strings.HasSuffix(c.URL, dbPath(parent)) {
		t.Errorf("candidate %+v: want untrusted, from the parent domain's ISPDB entry", c)
	}
	hits := e.Web.Hits()
	if !hitsContain(hits, acPath(parent)) || hitsContain(hits, "/wk/"+parent) || hitsContain(hits, "/wk/hoster.test") {
		t.Errorf("requests %v: want autoconfig.<parent> and no .well-known URL for MX domains", hits)
	}
}

func TestMXFallsBackToRegistrableDomainAutoconfig(t *testing.T) {
	e := newTestEnv(t)
	e.DNS.Add(t, "shop.test. 60 IN MX 10 mx1.in.hoster.test.")
	e.Web.Set(acPath("hoster.test"), providerXML("hoster.test", "pop.hoster.test", "smtp.hoster.test"))
	o := e.options(t)
	o.SendAddress = true // the address goes in the request, never into the recorded URL
	res := run(t, "jane@shop.test", o)
	if res.Winner != discover.SourceMX || hosts(res.SMTP) != "smtp.hoster.test:465/tls" {
		t.Fatalf("winner %s SMTP %s; sources %+v", res.Winner, hosts(res.SMTP), res.Sources)
	}
	if c := res.SMTP[0]; !strings.HasSuffix(c.URL, acPath("hoster.test")) || !containsSubstring(c.Notes, "mx1.in.hoster.test") {
		t.Errorf("candidate %+v: want the autoconfig URL and a note naming the MX host", c)
	}
	if !hitsContain(e.Web.Hits(), dbPath("in.hoster.test")) {
		t.Errorf("requests %v: the parent domain in.hoster.test was not asked", e.Web.Hits())
	}
}

func TestMXInTheEmailDomainIsNotLookedUp(t *testing.T) {
	e := newTestEnv(t)
	e.DNS.Add(t, "example.test. 60 IN MX 10 mx.in.example.test.")
	res := run(t, "jane@example.test", e.options(t))
	if r := state(res, discover.SourceMX); r.State != discover.StateNone || !strings.Contains(r.Detail, "same domain") {
		t.Errorf("mx = %+v, want none: the MX is the user's own domain", r)
	}
	if hits := e.Web.Hits(); hitsContain(hits, "in.example.test") {
		t.Errorf("requests %v: looked up the user's own MX domain", hits)
	}
}

// RFC 1035 wants a name in an MX record; some domains put an address there.
// There is no provider to look up behind an address.
func TestMXWithAnIPAddressIsNotLookedUp(t *testing.T) {
	e := newTestEnv(t)
	e.DNS.Add(t, "odd.test. 60 IN MX 10 10.79.0.143.")
	res := run(t, "jane@odd.test", e.options(t))
	if r := state(res, discover.SourceMX); r.State != discover.StateNone || !strings.Contains(r.Detail, "IP address") {
		t.Errorf("mx = %+v, want none naming the IP address", r)
	}
	if hits := e.Web.Hits(); hitsContain(hits, "0.143") {
		t.Errorf("requests %v: looked an IP address up as a domain", hits)
	}
}
