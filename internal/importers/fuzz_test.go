package importers_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/setupwiz/setupwiz/internal/importers"
)

// fuzzImport checks that a parser never panics and returns only valid profiles.
func fuzzImport(f *testing.F, format string, seeds ...string) {
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, _ := importers.Import(format, bytes.NewReader(data))
		for _, p := range ps {
			if err := p.Validate(); err != nil {
				t.Fatalf("Import returned an invalid profile %+v: %v", p, err)
			}
		}
	})
}

func FuzzFetchmail(f *testing.F) {
	fuzzImport(f, importers.FormatFetchmail, "testdata/fetchmailrc")
}
func FuzzMutt(f *testing.F) { fuzzImport(f, importers.FormatMutt, "testdata/muttrc") }
func FuzzThunderbird(f *testing.F) {
	fuzzImport(f, importers.FormatThunderbird, "testdata/prefs.js")
}
func FuzzMobileConfig(f *testing.F) {
	fuzzImport(f, importers.FormatMobileConfig, "testdata/pop.mobileconfig", "testdata/pop.signed.mobileconfig")
}
