package exporters

import (
	"fmt"
	"strings"
)

// muttSingle quotes a value for a muttrc: inside '…' mutt does no $, backtick
// or backslash processing, so only the quote itself needs care: it closes the
// string, is written as \' outside, and a new string opens ('\”).
// Control characters cannot be written this way; callers use muttDouble then.
func muttSingle(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// muttDouble quotes a value inside "…", where mutt would run `commands` and
// expand $VARIABLES: \, ", ` and $ are backslash-escaped, and line ends, tabs
// and other controls become \n, \r, \t and three-digit octal escapes.
func muttDouble(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		b.WriteString(muttDoubleByte(s[i]))
	}
	b.WriteByte('"')
	return b.String()
}

func muttDoubleByte(c byte) string {
	switch c {
	case '\\', '"', '`', '$':
		return `\` + string(rune(c))
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	}
	if c < 0x20 || c == 0x7f {
		return fmt.Sprintf(`\%03o`, c)
	}
	return string([]byte{c}) // the byte itself: UTF-8 sequences pass through unchanged
}

// muttQuote picks the single-quoted form when it can carry the value.
func muttQuote(s string) string {
	if strings.IndexAny(s, controls("")) >= 0 {
		return muttDouble(s)
	}
	return muttSingle(s)
}

// muttCommandValue runs a password command through mutt's backtick
// substitution: "`cmd`". Inside the backticks mutt passes the raw text to the
// shell up to the next backtick not preceded by a backslash, and uses the
// command's first output line literally. So the command may not contain a
// backtick (it would end early), end in a backslash (it would escape ours),
// or hold a line end or NUL.
func muttCommandValue(cmd string) (string, error) {
	switch {
	case strings.TrimSpace(cmd) == "":
		return "", &FieldError{TargetMutt, "password command", "is empty: pass --password-command, e.g. \"pass show mail/jane\""}
	case strings.ContainsAny(cmd, "`"):
		return "", &FieldError{TargetMutt, "password command", "contains a backtick, which would end mutt's command substitution early; use $(…) instead"}
	case strings.HasSuffix(cmd, `\`):
		return "", &FieldError{TargetMutt, "password command", "ends with a backslash"}
	}
	if err := checkText(TargetMutt, "password command", cmd, lineEnds); err != nil {
		return "", err
	}
	return "\"`" + cmd + "`\"", nil
}
