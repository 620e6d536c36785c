package exporters

import (
	"fmt"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// readPrefsJS returns the string value of every pref named prefix0 … prefix(n-1).
const readPrefsJS = `
const [prefix, n] = arguments;
const out = [];
for (let i = 0; i < n; i++) {
  out.push(Services.prefs.getStringPref(prefix + i, "<missing>"));
}
resolve(out);`

// TestPropertyPrefsRoundTripThroughThunderbird writes random values full of
// quoting hazards into a user.js with the exporter's pref encoder and has
// the real Thunderbird read them: its pref parser is stricter than
// JavaScript (no \t, for one), and one bad escape drops a pref silently.
func TestPropertyPrefsRoundTripThroughThunderbird(t *testing.T) {
	mailtest.NeedTool(t, "thunderbird")
	t.Parallel()
	values := randomValues(3000, 6, "/tmp/never", func(string) bool { return true })
	var file strings.Builder
	for i, v := range values {
		file.WriteString(prefLine(pref{fmt.Sprintf("setupwiz.test.%d", i), v}) + "\n")
	}
	dir := tbProfileDir(t, marionettePrefs)
	writeFile(t, dir, "user.js", []byte(file.String()), 0o600)
	tb := startThunderbird(t, dir)
	var got []string
	tb.script(&got, readPrefsJS, "setupwiz.test.", len(values))
	tb.quit()
	if strings.Contains(tb.output.String(), "prefs parse error") {
		t.Errorf("Thunderbird reported a prefs parse error:\n%s", tb.output)
	}
	if len(got) != len(values) {
		t.Fatalf("Thunderbird returned %d values, want %d", len(got), len(values))
	}
	for i, v := range values {
		checkEq(t, fmt.Sprintf("setupwiz.test.%d", i), got[i], v)
	}
}
