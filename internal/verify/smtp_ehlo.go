package verify

import (
	"bytes"
	"fmt"
	"strings"
)

// maxEHLOKeywords bounds how many EHLO keywords we keep.
const maxEHLOKeywords = 64

// parseEHLO returns the keyword lines of an EHLO reply ("AUTH PLAIN LOGIN",
// "STARTTLS", …), skipping the first line (the server's name) and anything
// that is not a 250 line. raw is what the server sent, CRLF-separated.
func parseEHLO(raw []byte) []string {
	var caps []string
	lines := bytes.Split(raw, []byte("\n"))
	for i, l := range lines {
		l = bytes.TrimRight(l, "\r")
		if i == 0 || len(l) < 4 || !bytes.HasPrefix(l, []byte("250")) || (l[3] != '-' && l[3] != ' ') {
			continue
		}
		kw := strings.TrimSpace(safeText(l[4:]))
		if kw != "" && len(caps) < maxEHLOKeywords {
			caps = append(caps, kw)
		}
	}
	return caps
}

// capArgs returns the arguments of keyword kw ("AUTH" → [PLAIN LOGIN]) and
// whether the server listed it.
func capArgs(caps []string, kw string) ([]string, bool) {
	for _, c := range caps {
		f := strings.Fields(c)
		if len(f) > 0 && strings.EqualFold(f[0], kw) {
			return f[1:], true
		}
	}
	return nil, false
}

// ehloDetail is the step detail: what matters for a login check (STARTTLS,
// the AUTH mechanisms) and how many keywords there were.
func ehloDetail(caps []string) string {
	var parts []string
	if _, ok := capArgs(caps, "STARTTLS"); ok {
		parts = append(parts, "STARTTLS")
	}
	if mechs, ok := capArgs(caps, "AUTH"); ok {
		parts = append(parts, "AUTH "+strings.Join(mechs, " "))
	} else {
		parts = append(parts, "no AUTH")
	}
	return fmt.Sprintf("%s (%d keywords)", strings.Join(parts, ", "), len(caps))
}
