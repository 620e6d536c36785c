package exporters

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
)

func TestGoldenFiles(t *testing.T) {
	inline := opts()
	inline.Secrets, inline.Password = SecretsInline, profile.NewPassword(`p"a\ss`+"`x`"+` $HOME 'q' ü`)
	command := opts()
	command.Secrets, command.Command = SecretsCommand, "pass show 'mail/jane'"
	unverified := opts()
	unverified.Unverified = true
	cases := []struct {
		name string
		p    profile.Profile
		o    Options
	}{
		{"default", sampleProfile(), opts()},
		{"starttls-inline", starttlsProfile(), inline},
		{"command", sampleProfile(), command},
		{"unverified", sampleProfile(), unverified},
	}
	for _, c := range cases {
		for _, e := range Formats() {
			if e.Name() == TargetMobileConfig && c.name == "command" {
				continue
			}
			t.Run(c.name+"/"+e.Name(), func(t *testing.T) {
				compareGolden(t, filepath.Join("testdata", c.name+"."+e.Name()+".golden"), export(t, e, c.p, c.o))
			})
		}
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("output differs from %s (run go test -update after checking):\n%s", path, UnifiedDiff(path, "got", want, got))
	}
}
