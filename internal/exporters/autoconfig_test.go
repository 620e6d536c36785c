package exporters

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

type autoconfigDoc struct {
	Version  string `xml:"version,attr"`
	Provider struct {
		ID       string `xml:"id,attr"`
		Domain   string `xml:"domain"`
		Incoming struct {
			Type     string `xml:"type,attr"`
			Hostname string `xml:"hostname"`
			Port     int    `xml:"port"`
			Socket   string `xml:"socketType"`
			Username string `xml:"username"`
			Auth     string `xml:"authentication"`
			Leave    bool   `xml:"pop3>leaveMessagesOnServer"`
		} `xml:"incomingServer"`
		Outgoing struct {
			Type     string `xml:"type,attr"`
			Port     int    `xml:"port"`
			Socket   string `xml:"socketType"`
			Username string `xml:"username"`
		} `xml:"outgoingServer"`
	} `xml:"emailProvider"`
}

func TestAutoconfigIsWellFormedAndCarriesTheSettings(t *testing.T) {
	mailtest.NeedTool(t, "xmllint")
	p := starttlsProfile()
	p.Incoming.Username = `o'brien&<co>"--`
	data := export(t, ThunderbirdAutoconfig(), p, opts())
	path := writeFile(t, t.TempDir(), "config-v1.1.xml", data, 0o644)
	if _, stderr, err := run(t, nil, nil, "xmllint", "--noout", "--nonet", path); err != nil {
		t.Fatalf("xmllint: %v\n%s", err, stderr)
	}
	var doc autoconfigDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	in, out := doc.Provider.Incoming, doc.Provider.Outgoing
	checkEq(t, "version", doc.Version, "1.1")
	checkEq(t, "domain", doc.Provider.Domain, "example.test")
	checkEq(t, "incoming type", in.Type, "pop3")
	checkEq(t, "incoming host", in.Hostname, "mail.example.test")
	checkEq(t, "incoming socket", in.Socket, "STARTTLS")
	checkEq(t, "incoming user", in.Username, p.Incoming.Username)
	checkEq(t, "incoming auth", in.Auth, "password-encrypted")
	checkEq(t, "leave on server", in.Leave, false)
	checkEq(t, "outgoing", out.Type+" "+itoa(out.Port)+" "+out.Socket, "smtp 587 STARTTLS")
	checkEq(t, "outgoing user", out.Username, "obrien")
	if !strings.Contains(string(export(t, ThunderbirdAutoconfig(), sampleProfile(), opts())), "<username>%EMAILADDRESS%</username>") {
		t.Error("a full-address username is not written as the EMAILADDRESS placeholder")
	}
}
