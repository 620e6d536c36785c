package main

import (
	"testing"

	"github.com/spf13/pflag"
)

func TestWizardChoosesLineMode(t *testing.T) {
	cases := []struct {
		name          string
		stdin, stderr bool
		env           map[string]string
		flag          bool
		want          bool
	}{
		{"two terminals", true, true, nil, false, false},
		{"piped stdin", false, true, nil, false, true},
		{"stderr redirected", true, false, nil, false, true},
		{"ACCESSIBLE=1", true, true, map[string]string{"ACCESSIBLE": "1"}, false, true},
		{"ACCESSIBLE=0", true, true, map[string]string{"ACCESSIBLE": "0"}, false, false},
		{"TERM=dumb", true, true, map[string]string{"TERM": "dumb"}, false, true},
		{"--lines", true, true, nil, true, true},
	}
	for _, c := range cases {
		e := &env{stdinIsTerminal: c.stdin, stderrIsTerminal: c.stderr, getenv: func(k string) string { return c.env[k] }}
		f := &wizardFlags{lines: c.flag}
		if got := f.lineMode(e); got != c.want {
			t.Errorf("%s: line mode %v, want %v", c.name, got, c.want)
		}
	}
}

func TestWizardPOPFlagsAreTheUsersChoice(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{{nil, false}, {[]string{"--keep-days", "7"}, true}, {[]string{"--check-interval", "5"}, true}, {[]string{"--out", "x"}, false}} {
		var f wizardFlags
		fs := pflag.NewFlagSet("wizard", pflag.ContinueOnError)
		f.register(fs)
		if err := fs.Parse(c.args); err != nil {
			t.Fatal(err)
		}
		if got := popFlagsGiven(fs); got != c.want {
			t.Errorf("%v: POP flags given = %v, want %v", c.args, got, c.want)
		}
	}
}
