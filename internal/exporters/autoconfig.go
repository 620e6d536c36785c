package exporters

import (
	"fmt"
	"io"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// ThunderbirdAutoconfig writes a config-v1.1.xml for the address's domain
// (Thunderbird autoconfig format v1.1), usable in <install dir>/isp/ or on an
// autoconfig server. Usernames that are the full address or its local part
// become the %EMAILADDRESS% / %EMAILLOCALPART% placeholders.
func ThunderbirdAutoconfig() Exporter {
	return funcExporter{TargetThunderbirdAutoconfig, writeAutoconfig}
}

func writeAutoconfig(w io.Writer, p profile.Profile, o Options) error {
	if err := checkProfile(TargetThunderbirdAutoconfig, p); err != nil {
		return err
	}
	if err := checkXMLFields(TargetThunderbirdAutoconfig, p); err != nil {
		return err
	}
	local, domain, err := profile.SplitEmail(p.Email)
	if err != nil {
		return &FieldError{TargetThunderbirdAutoconfig, "email", err.Error()}
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	for _, l := range autoconfigHeader(p, o, domain) {
		b.WriteString("<!-- " + xmlComment(l) + " -->\n")
	}
	fmt.Fprintf(&b, "<clientConfig version=\"1.1\">\n  <emailProvider id=\"%s\">\n", xmlText(domain))
	fmt.Fprintf(&b, "    <domain>%s</domain>\n", xmlText(domain))
	fmt.Fprintf(&b, "    <displayName>%s</displayName>\n    <displayShortName>%s</displayShortName>\n", xmlText(domain), xmlText(domain))
	b.WriteString(autoconfigIncoming(p, local))
	b.WriteString(autoconfigOutgoing(p, local))
	b.WriteString("  </emailProvider>\n</clientConfig>\n")
	_, err = io.WriteString(w, b.String())
	return err
}

// autoconfigHeader says where the file goes and which of the profile's POP
// choices Thunderbird's wizard overrides when it reads this format.
func autoconfigHeader(p profile.Profile, o Options, domain string) []string {
	lines := append(headerLines(p, o, "Thunderbird autoconfig"),
		"Install as <Thunderbird install dir>/isp/"+domain+".xml (e.g. /usr/lib/thunderbird/isp/)",
		"or serve it as https://autoconfig."+domain+"/mail/config-v1.1.xml (Content-Type text/xml).")
	pop := p.POP
	if pop.LeaveOnServer && pop.KeepDays <= 0 {
		lines = append(lines, fmt.Sprintf("Thunderbird always deletes server copies by age for accounts from this file: %d days stands for never.", autoconfigNeverDays))
	}
	if pop.LeaveOnServer && !pop.DeleteWhenDeleted {
		lines = append(lines, "Thunderbird turns on \"delete from the server when deleted here\" and this file cannot turn it off:",
			"untick \"Until I delete them\" in the account's Server Settings after setup, or use the thunderbird (prefs) export.")
	}
	if pop.CheckIntervalMinutes > 0 && pop.CheckIntervalMinutes != 10 {
		lines = append(lines, fmt.Sprintf("Thunderbird ignores checkInterval (it checks every 10 minutes): set %d minutes in Server Settings.", pop.CheckIntervalMinutes))
	}
	return lines
}

func autoconfigIncoming(p profile.Profile, local string) string {
	in, pop := p.Incoming, p.POP
	var b strings.Builder
	b.WriteString("    <incomingServer type=\"pop3\">\n")
	b.WriteString(autoconfigServer(in, p.Email, local))
	b.WriteString("      <pop3>\n")
	fmt.Fprintf(&b, "        <leaveMessagesOnServer>%t</leaveMessagesOnServer>\n", pop.LeaveOnServer)
	if pop.LeaveOnServer {
		fmt.Fprintf(&b, "        <daysToLeaveMessagesOnServer>%d</daysToLeaveMessagesOnServer>\n", autoconfigKeepDays(pop))
	}
	b.WriteString("        <downloadOnBiff>true</downloadOnBiff>\n")
	fmt.Fprintf(&b, "        <checkInterval minutes=\"%d\"/>\n", tbCheckMinutes(pop))
	b.WriteString("      </pop3>\n    </incomingServer>\n")
	return b.String()
}

func autoconfigOutgoing(p profile.Profile, local string) string {
	return "    <outgoingServer type=\"smtp\">\n" + autoconfigServer(p.Outgoing, p.Email, local) + "    </outgoingServer>\n"
}

func autoconfigServer(s profile.Server, email, local string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "      <hostname>%s</hostname>\n", xmlText(strings.ToLower(s.Host)))
	fmt.Fprintf(&b, "      <port>%d</port>\n", s.Port)
	fmt.Fprintf(&b, "      <socketType>%s</socketType>\n", autoconfigSocket(s.Security))
	fmt.Fprintf(&b, "      <username>%s</username>\n", xmlText(autoconfigUser(s.Username, email, local)))
	fmt.Fprintf(&b, "      <authentication>%s</authentication>\n", autoconfigAuth(s.Auth))
	return b.String()
}

func autoconfigSocket(sec profile.Security) string {
	switch sec {
	case profile.SecurityTLS:
		return "SSL"
	case profile.SecuritySTARTTLS:
		return "STARTTLS"
	}
	return "plain"
}

func autoconfigAuth(a profile.AuthMethod) string {
	switch tbAuthMethod(a) {
	case 4:
		return "password-encrypted"
	case 10:
		return "OAuth2"
	}
	return "password-cleartext"
}

// autoconfigUser turns the address forms into placeholders; a literal % would
// start a placeholder, so any other name is written as it is (Thunderbird only
// replaces the placeholders it knows).
func autoconfigUser(user, email, local string) string {
	switch {
	case strings.EqualFold(user, email):
		return "%EMAILADDRESS%"
	case user == local:
		return "%EMAILLOCALPART%"
	}
	return user
}

// autoconfigNeverDays stands for "never delete by age": Thunderbird sets up
// every account from this file with deletion by age on (after 14 days unless
// the file says otherwise), and the format has no way to turn it off.
const autoconfigNeverDays = 36500

func autoconfigKeepDays(o profile.POPOptions) int {
	if o.KeepDays > 0 {
		return o.KeepDays
	}
	return autoconfigNeverDays
}
