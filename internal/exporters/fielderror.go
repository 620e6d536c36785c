package exporters

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// FieldError says which value a format cannot carry, and why.
type FieldError struct {
	Format string // "fetchmail", "mutt", …; empty for format-independent errors
	Field  string // e.g. "display_name", "password"
	Msg    string
}

func (e *FieldError) Error() string {
	if e.Format == "" {
		return e.Field + ": " + e.Msg
	}
	return fmt.Sprintf("%s export: %s %s", e.Format, e.Field, e.Msg)
}

// checkText rejects invalid UTF-8 and the given control characters.
func checkText(format, field, v, forbidden string) error {
	if !utf8.ValidString(v) {
		return &FieldError{format, field, "is not valid UTF-8"}
	}
	if i := strings.IndexAny(v, forbidden); i >= 0 {
		return &FieldError{format, field, fmt.Sprintf("contains %s, which this format cannot carry", charName(v[i]))}
	}
	return nil
}

func charName(c byte) string {
	switch c {
	case 0:
		return "a NUL byte"
	case '\r':
		return "a carriage return"
	case '\n':
		return "a line break"
	case '\t':
		return "a tab"
	}
	return fmt.Sprintf("the control character 0x%02x", c)
}

const (
	nulOnly  = "\x00"
	lineEnds = "\x00\r\n"
)

// controls lists every C0 control and DEL.
func controls(except string) string {
	var b strings.Builder
	for c := byte(0); c < 0x20; c++ {
		if strings.IndexByte(except, c) < 0 {
			b.WriteByte(c)
		}
	}
	b.WriteByte(0x7f)
	return b.String()
}
