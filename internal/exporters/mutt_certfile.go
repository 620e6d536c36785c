package exporters

import (
	"bufio"
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// muttDefaultCertificates is certificate_file as mutt 2.x and neomutt ship
// it (`mutt -Q certificate_file`): where "(a)ccept always" keeps the
// certificates the user accepted.
const muttDefaultCertificates = "~/.mutt_certificates"

// muttCertSetting is a "set certificate_file=…" line (also with spaces
// around "=", or several settings on the line after it).
var muttCertSetting = regexp.MustCompile(`^\s*set\s+certificate_file\s*=\s*(.*)$`)

// muttCertificateFile is the file mutt keeps accepted certificates in for
// the user whose muttrc is rc (its content, outside setupwiz's blocks, nil
// when there is none yet): the last certificate_file set there, else
// mutt's default, with ~ and $HOME expanded to home. certificate_file is a
// global setting, so a block setupwiz adds to the user's muttrc must not
// change it: the pinned certificate goes into this file instead. A value
// setupwiz cannot read without running mutt (a `command`, another
// variable, a relative path) is an error naming it.
func muttCertificateFile(rc []byte, home string) (string, error) {
	value := muttDefaultCertificates
	sc := bufio.NewScanner(bytes.NewReader(withoutBlocks(rc)))
	for sc.Scan() {
		if m := muttCertSetting.FindStringSubmatch(sc.Text()); m != nil {
			value = muttSettingValue(m[1])
		}
	}
	path := expandHome(value, home)
	if !filepath.IsAbs(path) || strings.ContainsAny(path, "`$") {
		return "", fmt.Errorf("the muttrc sets certificate_file to %s, which setupwiz cannot resolve without running mutt: "+
			"set it to a plain path (e.g. ~/.mutt_certificates), or export mutt with --out", value)
	}
	return filepath.Clean(path), nil
}

// muttSettingValue is the value at the start of s: a quoted string
// without its quotes (backslash escapes undone in "…"), or the word up to
// a space, ';' or '#'.
func muttSettingValue(s string) string {
	if s == "" {
		return s
	}
	switch q := s[0]; q {
	case '\'':
		if end := strings.IndexByte(s[1:], '\''); end >= 0 {
			return s[1 : 1+end]
		}
	case '"':
		var b strings.Builder
		for i := 1; i < len(s) && s[i] != '"'; i++ {
			if s[i] == '\\' && i+1 < len(s) {
				i++
			}
			b.WriteByte(s[i])
		}
		return b.String()
	}
	if end := strings.IndexAny(s, " \t;#"); end >= 0 {
		return s[:end]
	}
	return s
}

// expandHome expands a leading ~ and $HOME or ${HOME} as mutt does.
func expandHome(p, home string) string {
	switch {
	case p == "~", strings.HasPrefix(p, "~/"):
		return home + p[1:]
	case strings.HasPrefix(p, "${HOME}"):
		return home + p[len("${HOME}"):]
	case strings.HasPrefix(p, "$HOME"):
		return home + p[len("$HOME"):]
	}
	return p
}

// withoutBlocks is rc without setupwiz's managed blocks (their settings are
// setupwiz's own, for one account).
func withoutBlocks(rc []byte) []byte {
	var out bytes.Buffer
	inside := false
	for _, line := range strings.SplitAfter(string(rc), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "# "+BeginMarker("")):
			inside = true
		case strings.HasPrefix(t, "# "+EndMarker("")):
			inside = false
		case !inside:
			out.WriteString(line)
		}
	}
	return out.Bytes()
}
