package exporters

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// prefMap holds the user prefs read from a prefs.js or user.js.
type prefMap map[string]prefRead

// prefRead is one parsed value: str for strings, num for ints and bools (1/0).
type prefRead struct {
	str   string
	num   int
	isStr bool
}

func (m prefMap) str(name string) string { return m[name].str }

func (m prefMap) int(name string) int { return m[name].num }

// list splits a comma-separated key list, dropping empty items.
func (m prefMap) list(name string) []string {
	var out []string
	for _, item := range strings.Split(m.str(name), ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// parsePrefs reads every line that holds one user_pref(…); statement, the
// way Thunderbird writes prefs.js. Other lines are ignored.
func parsePrefs(file []byte) prefMap {
	m := prefMap{}
	for _, line := range strings.Split(string(file), "\n") {
		if name, v, ok := parsePrefLine(line); ok {
			m[name] = v
		}
	}
	return m
}

// parsePrefLine parses `user_pref("name", value);` with optional spaces.
func parsePrefLine(line string) (string, prefRead, bool) {
	s := strings.TrimSpace(line)
	rest, ok := strings.CutPrefix(s, "user_pref(")
	if !ok {
		return "", prefRead{}, false
	}
	name, rest, ok := readPrefString(strings.TrimSpace(rest))
	if !ok {
		return "", prefRead{}, false
	}
	rest, ok = strings.CutPrefix(strings.TrimSpace(rest), ",")
	if !ok {
		return "", prefRead{}, false
	}
	v, rest, ok := readPrefValue(strings.TrimSpace(rest))
	if !ok || strings.TrimSpace(rest) != ");" {
		return "", prefRead{}, false
	}
	return name, v, true
}

func readPrefValue(s string) (prefRead, string, bool) {
	if strings.HasPrefix(s, `"`) || strings.HasPrefix(s, "'") {
		str, rest, ok := readPrefString(s)
		return prefRead{str: str, isStr: true}, rest, ok
	}
	for _, b := range []struct {
		word string
		num  int
	}{{"true", 1}, {"false", 0}} {
		if rest, ok := strings.CutPrefix(s, b.word); ok {
			return prefRead{num: b.num}, rest, true
		}
	}
	end := strings.IndexAny(s, ") \t")
	if end < 0 {
		return prefRead{}, "", false
	}
	n, err := strconv.Atoi(s[:end])
	return prefRead{num: n}, s[end:], err == nil
}

// readPrefString reads a quoted string with the escapes the pref parser knows.
func readPrefString(s string) (string, string, bool) {
	if s == "" || (s[0] != '"' && s[0] != '\'') {
		return "", "", false
	}
	quote := s[0]
	var b strings.Builder
	for i := 1; i < len(s); {
		switch c := s[i]; c {
		case quote:
			return b.String(), s[i+1:], true
		case '\\':
			n, ok := readPrefEscape(&b, s[i+1:])
			if !ok {
				return "", "", false
			}
			i += 1 + n
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", "", false
}

// readPrefEscape decodes one escape (after the backslash) and returns its length.
func readPrefEscape(b *strings.Builder, s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	switch s[0] {
	case '"', '\'', '\\':
		b.WriteByte(s[0])
		return 1, true
	case 'n':
		b.WriteByte('\n')
		return 1, true
	case 'r':
		b.WriteByte('\r')
		return 1, true
	case 'x':
		return readHexEscape(b, s, 2)
	case 'u':
		return readHexEscape(b, s, 4)
	}
	return 0, false
}

func readHexEscape(b *strings.Builder, s string, digits int) (int, bool) {
	if len(s) < 1+digits {
		return 0, false
	}
	n, err := strconv.ParseUint(s[1:1+digits], 16, 32)
	if err != nil {
		return 0, false
	}
	b.WriteString(string(rune(n)))
	if !utf8.ValidRune(rune(n)) {
		return 0, false
	}
	return 1 + digits, true
}
