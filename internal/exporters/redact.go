package exporters

import "strings"

const mask = "********"

// redactDiff masks password values in a diff so that --dry-run output (a
// terminal, a CI log) never shows a password, ours or one the user wrote:
// mutt's *_pass settings, fetchmail's "password"/"pass" values and the
// string after a .mobileconfig password key.
func redactDiff(diff string) string {
	lines := strings.SplitAfter(diff, "\n")
	prevKey := ""
	for i, l := range lines {
		if len(l) == 0 || strings.HasPrefix(l, "@@") || strings.HasPrefix(l, "+++ ") || strings.HasPrefix(l, "--- ") {
			continue
		}
		body := l[1:]
		if masked, ok := redactLine(body, prevKey); ok {
			lines[i] = l[:1] + masked
		}
		prevKey = strings.TrimSpace(body)
	}
	return strings.Join(lines, "")
}

func redactLine(body, prevKey string) (string, bool) {
	trim := strings.TrimSpace(body)
	switch {
	case prevKey == "<key>IncomingPassword</key>" || prevKey == "<key>OutgoingPassword</key>":
		return leadingSpace(body) + "<string>" + mask + "</string>\n", true
	case isMuttPassSetting(trim):
		name, _, _ := strings.Cut(trim, "=")
		return leadingSpace(body) + strings.TrimSpace(name) + "=" + mask + "\n", true
	}
	return redactFetchmailPassword(body)
}

func isMuttPassSetting(trim string) bool {
	rest, ok := strings.CutPrefix(trim, "set ")
	name, _, found := strings.Cut(rest, "=")
	return ok && found && strings.HasSuffix(strings.TrimSpace(name), "_pass")
}

// redactFetchmailPassword cuts everything after a "password" or "pass" keyword.
func redactFetchmailPassword(body string) (string, bool) {
	if strings.HasPrefix(strings.TrimSpace(body), "#") {
		return body, false
	}
	for _, kw := range []string{" password ", " pass ", " passwd "} {
		if i := strings.Index(body, kw); i >= 0 {
			return body[:i+len(kw)] + mask + "\n", true
		}
	}
	return body, false
}

func leadingSpace(s string) string { return s[:len(s)-len(strings.TrimLeft(s, " \t"))] }
