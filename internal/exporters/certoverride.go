package exporters

import (
	"fmt"
	"slices"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// CertOverrideFile is where Thunderbird (like Firefox) keeps the
// certificates the user accepted by hand, in its profile directory.
const CertOverrideFile = "cert_override.txt"

// sha256OID names the fingerprint's hash in cert_override.txt.
const sha256OID = "OID.2.16.840.1.101.3.4.2.1"

// certOverrideHead is the comment Thunderbird itself writes at the top.
const certOverrideHead = "# PSM Certificate Override Settings file\n# This is a generated file!  Do not edit.\n"

// CertOverrides are the cert_override.txt lines that make Thunderbird
// accept the pinned certificate of each server of p, as if the user had
// confirmed a security exception for exactly that certificate:
// "host:port:<tab>OID<tab>SHA-256<tab>" (the current format: no override
// bits, no database key; the trailing colon is the empty origin attributes).
func CertOverrides(p profile.Profile) []string {
	var lines []string
	for _, srv := range []profile.Server{p.Incoming, p.Outgoing} {
		c := pinnedFor(p, srv.Host)
		if c == nil || srv.Security == profile.SecurityNone {
			continue
		}
		line := fmt.Sprintf("%s:%d:\t%s\t%s\t", strings.ToLower(srv.Host), srv.Port, sha256OID, hexColons(sha256Sum(c.Raw)))
		if !slices.Contains(lines, line) {
			lines = append(lines, line)
		}
	}
	return lines
}

// MergeCertOverrides adds lines to an existing cert_override.txt (nil when
// there is none), replacing earlier lines for the same host and port and
// keeping every other exception the user made.
func MergeCertOverrides(old []byte, lines []string) []byte {
	var b strings.Builder
	if len(old) == 0 {
		b.WriteString(certOverrideHead)
	}
	for _, l := range strings.SplitAfter(string(old), "\n") {
		if l != "" && !replacedOverride(l, lines) {
			b.WriteString(l)
		}
	}
	if s := b.String(); s != "" && !strings.HasSuffix(s, "\n") {
		b.WriteString("\n")
	}
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	return []byte(b.String())
}

// replacedOverride reports whether old is an exception for a host and port that lines set anew.
func replacedOverride(old string, lines []string) bool {
	key, _, ok := strings.Cut(old, "\t")
	if !ok || strings.HasPrefix(old, "#") {
		return false
	}
	for _, l := range lines {
		if k, _, _ := strings.Cut(l, "\t"); k == key {
			return true
		}
	}
	return false
}
