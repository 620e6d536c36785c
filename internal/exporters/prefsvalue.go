package exporters

import (
	"fmt"
	"strconv"
	"strings"
)

// pref is one Mozilla preference: value is a string, an int or a bool.
type pref struct {
	name  string
	value any
}

// prefLine renders user_pref("name", value); as Thunderbird's pref parser reads it.
func prefLine(p pref) string {
	return "user_pref(" + prefString(p.name) + ", " + prefValue(p.value) + ");"
}

func prefValue(v any) string {
	switch x := v.(type) {
	case string:
		return prefString(x)
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	}
	panic(fmt.Sprintf("exporters: unsupported pref value %T", v))
}

// prefString quotes s for the pref parser, which is not JSON: it takes \" \\
// \n \r \xHH and \uHHHH but rejects \t and \/ (the pref is then dropped). So
// only " and \ are escaped by a backslash and every control character is
// written \u00XX; everything else stays raw UTF-8. Callers reject NUL.
func prefString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
