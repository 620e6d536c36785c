package exporters

import (
	"bytes"
	"encoding/xml"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// xmlText escapes s as XML character data (also CR, LF and tab as character
// references, so they survive line-end normalisation).
func xmlText(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writes to a bytes.Buffer never fail
	return b.String()
}

// xmlComment makes s safe inside <!-- -->, where "--" is not allowed.
func xmlComment(s string) string {
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "- -")
	}
	return strings.TrimSuffix(s, "-")
}

// checkXMLChars rejects what XML 1.0 cannot carry at all: C0 controls other
// than tab, LF and CR, U+FFFE/U+FFFF, and invalid UTF-8.
func checkXMLChars(format, field, v string) error {
	if err := checkText(format, field, v, controls("\t\n\r")); err != nil {
		return err
	}
	if strings.ContainsAny(v, "\uFFFE\uFFFF") {
		return &FieldError{format, field, "contains U+FFFE or U+FFFF, which XML cannot carry"}
	}
	return nil
}

// checkXMLFields runs checkXMLChars over every profile text an XML export
// carries: encoding/xml would otherwise turn a control character into U+FFFD
// without a word.
func checkXMLFields(format string, p profile.Profile) error {
	for _, f := range []struct{ name, v string }{
		{"email", p.Email}, {"display_name", p.DisplayName},
		{"incoming.host", p.Incoming.Host}, {"incoming.username", p.Incoming.Username},
		{"outgoing.host", p.Outgoing.Host}, {"outgoing.username", p.Outgoing.Username},
	} {
		if err := checkXMLChars(format, f.name, f.v); err != nil {
			return err
		}
	}
	return nil
}
