package exporters

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzPrefString: every string we can write comes back from our own prefs.js reader.
func FuzzPrefString(f *testing.F) {
	for _, s := range []string{"", `a"b\c`, "line\nbreak\ttab", "ü€😀", `\u0041`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			return
		}
		name, v, ok := parsePrefLine(prefLine(pref{"x.y", s}))
		if !ok || name != "x.y" || v.str != s {
			t.Fatalf("%q came back as %q (ok %v)", s, v.str, ok)
		}
	})
}

// FuzzParsePrefs: the prefs.js reader takes any file without panicking, and a
// merge never loses a line that does not set one of our prefs.
func FuzzParsePrefs(f *testing.F) {
	f.Add([]byte(existingPrefs))
	f.Add([]byte("user_pref(\"a\", 'b\\x41');\nuser_pref(\"n\", -12);\n// c\n"))
	f.Fuzz(func(t *testing.T, file []byte) {
		m := parsePrefs(file)
		k := allocateKeys(m, parsePrefs(withoutBlock(file, "p")), "p")
		prefs, err := thunderbirdPrefs(sampleProfile(), k)
		if err != nil {
			t.Fatal(err)
		}
		kept := dropPrefs(file, prefs)
		if len(kept) > len(file) {
			t.Fatalf("dropPrefs grew the file")
		}
	})
}

// FuzzExtractBlock: replacing a block and reading it back gives the block body, whatever surrounds it.
func FuzzExtractBlock(f *testing.F) {
	f.Add([]byte("mine\n# BEGIN setupwiz p\nold\n# END setupwiz p\n"), []byte("new\n"))
	f.Fuzz(func(t *testing.T, file, body []byte) {
		if bytes.Contains(body, []byte("setupwiz")) || (len(body) > 0 && body[len(body)-1] != '\n') {
			return
		}
		out := replaceBlock(file, "p", wrapBlock("#", "p", body))
		got, ok := ExtractBlock(out, "p")
		if !ok || !bytes.Equal(got, body) {
			t.Fatalf("block %q came back as %q (ok %v) from %q", body, got, ok, out)
		}
	})
}
