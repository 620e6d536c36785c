package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// Widths of the certificate comparison: a label, then two columns; 78 in all.
const (
	certLabelWidth = 11
	certColWidth   = 32
)

// writeCertChange shows the certificate the profile knew beside the one
// the server shows now, each once: subject, issuer, names, validity and
// the SHA-256 fingerprint in groups of four, which wrap between groups.
func writeCertChange(w io.Writer, f repair.Finding) {
	old, now := f.OldCert, f.NewCert
	rows := []struct {
		label string
		get   func(*verify.CertInfo) string
	}{
		{"subject", func(c *verify.CertInfo) string { return strings.ReplaceAll(c.Subject, ",", ", ") }},
		{"issuer", func(c *verify.CertInfo) string { return strings.ReplaceAll(c.Issuer, ",", ", ") }},
		{"names", func(c *verify.CertInfo) string {
			return strings.Join(append(append([]string{}, c.DNSNames...), c.IPs...), ", ")
		}},
		{"valid", func(c *verify.CertInfo) string {
			return c.NotBefore.UTC().Format("2006-01-02") + " to " + c.NotAfter.UTC().Format("2006-01-02")
		}},
		{"SHA-256", func(c *verify.CertInfo) string { return fingerprintGroups(c.SHA256) }},
	}
	writeCertRow(w, "", []string{"known before"}, []string{"shown now"})
	for _, r := range rows {
		writeCertRow(w, r.label, certCell(old, f.OldSHA256, r.label, r.get), certCell(now, []string{f.NewSHA256}, r.label, r.get))
	}
}

// certCell is one column of a row, wrapped; without the certificate itself
// only the fingerprint can be shown.
func certCell(c *verify.CertInfo, fps []string, label string, get func(*verify.CertInfo) string) []string {
	switch {
	case c != nil:
		return wrapCell(get(c), certColWidth)
	case label == "SHA-256" && len(fps) > 0 && fps[0] != "":
		return wrapCell(fingerprintGroups(fps[0]), certColWidth)
	case label == "subject":
		return []string{"(not recorded)"}
	}
	return nil
}

func writeCertRow(w io.Writer, label string, left, right []string) {
	for i := 0; i < max(len(left), len(right), 1); i++ {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		if i > 0 {
			label = ""
		}
		fmt.Fprintln(w, strings.TrimRight(fmt.Sprintf("    %-*s%-*s  %s", certLabelWidth, label, certColWidth, l, r), " "))
	}
}

// fingerprintGroups writes a fingerprint as hex in groups of four.
func fingerprintGroups(fp string) string {
	hex := strings.ReplaceAll(fp, ":", "")
	var groups []string
	for len(hex) > 4 {
		groups, hex = append(groups, hex[:4]), hex[4:]
	}
	return strings.Join(append(groups, hex), " ")
}

// wrapCell breaks text into lines of at most width, between words; a word
// longer than a line is cut. What could steer the terminal is escaped first.
func wrapCell(text string, width int) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(termtext.Line(text)) {
		for len([]rune(word)) > width {
			lines, word = append(lines, string([]rune(word)[:width])), string([]rune(word)[width:])
		}
		switch {
		case cur == "":
			cur = word
		case len([]rune(cur))+1+len([]rune(word)) <= width:
			cur += " " + word
		default:
			lines, cur = append(lines, cur), word
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
