package termtexttest

import (
	"fmt"
	"strings"
	"testing"
)

type kind string

type inner struct {
	Text  string
	Raw   []byte
	Kind  kind
	Err   error
	OK    bool
	Count int
}

type outer struct {
	Name     string
	Inner    inner
	Ptr      *inner
	List     []inner
	Names    []string
	ByName   map[string]string
	Self     *outer
	Array    [2]string
	hidden   string
	Stringer fmt.Stringer
}

func TestFillReachesEveryString(t *testing.T) {
	var v outer
	Fill(&v, "H", true)
	in := inner{Text: "H", Raw: []byte("H"), OK: true}
	checkInner := func(where string, got inner) {
		t.Helper()
		if got.Text != "H" || string(got.Raw) != "H" || !got.OK || got.Err == nil || got.Err.Error() != "H" || got.Kind != "" {
			t.Errorf("%s = %+v, want %+v with error H and no kind", where, got, in)
		}
	}
	checkInner("Inner", v.Inner)
	checkInner("*Ptr", *v.Ptr)
	checkInner("List[0]", v.List[0])
	if v.Name != "H" || len(v.Names) != 1 || v.Names[0] != "H" || v.ByName["H"] != "H" || v.Array != [2]string{"H", "H"} {
		t.Errorf("strings not filled: %+v", v)
	}
	if v.Self == nil || v.Self.Self != nil || v.Self.Name != "H" {
		t.Errorf("a self-referring pointer is filled once: %+v", v.Self)
	}
	if v.hidden != "" {
		t.Error("unexported field filled")
	}
}

func TestFillKeepsWhatIsThere(t *testing.T) {
	v := outer{List: []inner{{Kind: "auth"}, {Kind: "tls", Err: &wrapped{}}}}
	Fill(&v, "H", false)
	if len(v.List) != 2 || v.List[1].Kind != "tls" || v.List[1].Err.(*wrapped).Why != "H" {
		t.Errorf("existing elements not kept and filled: %+v", v.List)
	}
}

type wrapped struct{ Why string }

func (w *wrapped) Error() string { return w.Why }

func TestLeakFindsEachHostileString(t *testing.T) {
	for _, s := range Hostile {
		if Leak("before "+s+" after") == nil && Forged(s) == nil {
			t.Errorf("Leak misses %q", s)
		}
	}
	for _, ok := range []string{"plain\n\ttext ✓ 日本", `\x1b]0;pwned\x07`, "FORGED in the middle"} {
		if err := Leak(ok); err != nil {
			t.Errorf("Leak(%q) = %v", ok, err)
		}
	}
	if Forged("x\nFORGED: ✓") == nil || Forged("a FORGED b") != nil {
		t.Error("Forged is wrong")
	}
	if err := LeakStyled("\x1b[1mbold\x1b[0m \x1b[38;2;1;2;3mcolour\x1b[m"); err != nil {
		t.Errorf("LeakStyled refuses its own styles: %v", err)
	}
	if LeakStyled("\x1b[1m\x1b[2J") == nil || LeakStyled(strings.Repeat("x", 3)+"\x1b]0;t\x07") == nil {
		t.Error("LeakStyled lets a non-SGR escape through")
	}
}
