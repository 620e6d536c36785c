package mailtest

import (
	"slices"
	"testing"
)

func TestPackagesForMapsToolsToDebianPackages(t *testing.T) {
	got := packagesFor([]string{"dovecot", "doveadm", "/usr/lib/dovecot/submission", "xmllint", "unknown-tool"})
	want := []string{"dovecot-core", "dovecot-submissiond", "libxml2-utils", "unknown-tool"}
	if !slices.Equal(got, want) {
		t.Fatalf("packagesFor = %q, want %q", got, want)
	}
}

func TestDovecotNeedsItsProtocolModules(t *testing.T) {
	got := expandTools([]string{"dovecot", "tmux"})
	for _, want := range []string{"dovecot", "doveadm", "/usr/lib/dovecot/pop3", "/usr/lib/dovecot/submission", "tmux"} {
		if !slices.Contains(got, want) {
			t.Errorf("expandTools misses %s: %q", want, got)
		}
	}
}
