package termtext_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/termtext/termtexttest"
)

func TestLine(t *testing.T) {
	cases := map[string]string{
		"plain":                   "plain",
		"Grüße ✓ 日本":              "Grüße ✓ 日本",
		"tab\there":               "tab\there",
		"\x1b]0;pwned\x07\x1b[2J": `\x1b]0;pwned\x07\x1b[2J`,
		"two\nlines\r":            `two\x0alines\x0d`,
		"nul\x00 del\x7f":         `nul\x00 del\x7f`,
		"\u0085\u009b":            `\xc2\x85\xc2\x9b`,
		"\xff\xfe\xe2\x80":        `\xff\xfe\xe2\x80`,
		"user\u202egnp.exe":       `user\u202egnp.exe`,
		"\u2066\u200f\u061c":      `\u2066\u200f\u061c`,
		"a\u2028b\u2029":          `a\u2028b\u2029`,
		"\ufffd stays":            "\ufffd stays",
		`\x1b stays as typed`:     `\x1b stays as typed`,
	}
	for in, want := range cases {
		if got := termtext.Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLinesKeepsNewlines(t *testing.T) {
	if got, want := termtext.Lines("-old\r\n+new\x1b[2J\n"), "-old\\x0d\n+new\\x1b[2J\n"; got != want {
		t.Errorf("Lines = %q, want %q", got, want)
	}
}

func TestBounded(t *testing.T) {
	if got := termtext.Bounded([]byte("ok\x1b"), 512); got != `ok\x1b` {
		t.Errorf("Bounded = %q", got)
	}
	long := termtext.Bounded([]byte(strings.Repeat("x", 2000)), 512)
	if !strings.HasPrefix(long, strings.Repeat("x", 512)+"…") || !strings.HasSuffix(long, "[1488 more bytes]") {
		t.Errorf("Bounded cut = …%q", long[500:])
	}
}

// TestHostileNeverRaw is the property for the sanitiser itself: no hostile
// string comes out raw, and the checker does see each of them raw.
func TestHostileNeverRaw(t *testing.T) {
	for _, s := range append(termtexttest.Hostile, termtexttest.All()) {
		if termtexttest.Leak(s) == nil && termtexttest.Forged(s) == nil {
			t.Errorf("the checker lets %q through raw", s)
		}
		checkSafe(t, s)
	}
}

func FuzzTermText(f *testing.F) {
	for _, s := range termtexttest.Hostile {
		f.Add(s)
	}
	f.Fuzz(checkSafe)
}

func checkSafe(t *testing.T, s string) {
	for name, out := range map[string]string{
		"Line": termtext.Line(s), "Lines": termtext.Lines(s), "Bounded": termtext.Bounded([]byte(s), 64),
	} {
		if err := termtexttest.Leak(out); err != nil {
			t.Errorf("%s(%q): %v", name, s, err)
		}
	}
	if strings.Contains(termtext.Line(s), "\n") {
		t.Errorf("Line(%q) holds a newline", s)
	}
	checkJSON(t, s)
}

// checkJSON: JSON's output is safe and decodes to what encoding/json's did.
func checkJSON(t *testing.T, s string) {
	raw, err := json.MarshalIndent(map[string]string{s: s}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	safe := termtext.JSON(raw)
	if err := termtexttest.Leak(string(safe)); err != nil {
		t.Errorf("JSON(%q): %v", s, err)
	}
	var a, b map[string]string
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(safe, &b); err != nil {
		t.Fatalf("JSON(%q) is not JSON any more: %v\n%s", s, err, safe)
	}
	want := strings.ToValidUTF8(s, "\ufffd")
	if b[want] != a[want] || len(a) != len(b) {
		t.Errorf("JSON(%q) decodes to %q, encoding/json's to %q", s, b, a)
	}
}

type named string

type stringer struct{ s string }

func (s stringer) String() string { return s.s }

type number int

func (number) String() string { return "words" }

func TestSprintfEscapesEveryTextArgument(t *testing.T) {
	bad := "\x1b[2J"
	got := termtext.Sprintf("%s|%s|%v|%s|%s|%s|%q|%d|%s|%v", bad, []byte(bad), []string{bad}, errors.New(bad),
		stringer{bad}, named(bad), bad, number(7), number(7), 3*time.Millisecond)
	want := `\x1b[2J|\x1b[2J|[\x1b[2J]|\x1b[2J|\x1b[2J|\x1b[2J|"\\x1b[2J"|7|words|3ms`
	if got != want {
		t.Errorf("Sprintf = %s\nwant       %s", got, want)
	}
	var sb strings.Builder
	termtext.Fprintf(&sb, "format stays\n%s\n", "a\nb")
	if sb.String() != "format stays\na\\x0ab\n" {
		t.Errorf("Fprintf = %q", sb.String())
	}
}

func TestStyledKeepsOnlySGR(t *testing.T) {
	in := "\x1b[1;38;2;1:2:3mbold\x1b[m \x1b[7m\u202e\x1b[0m\x1b[2J\x1b]0;t\x07\n\x1b["
	want := "\x1b[1;38;2;1:2:3mbold\x1b[m \x1b[7m\\u202e\x1b[0m\\x1b[2J\\x1b]0;t\\x07\\x0a\\x1b["
	if got := termtext.Styled(in); got != want {
		t.Errorf("Styled = %q\nwant     %q", got, want)
	}
	for _, s := range termtexttest.Hostile {
		if err := termtexttest.LeakStyled(termtext.Styled(s)); err != nil {
			t.Errorf("Styled(%q): %v", s, err)
		}
	}
}
