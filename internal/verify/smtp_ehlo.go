package verify

import (
	"bytes"
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
