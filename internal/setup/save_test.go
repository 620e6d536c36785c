package setup_test

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
	"github.com/setupwiz/setupwiz/internal/setup"
)

// TestSaveMergesRecords: a second save of the same profile replaces the
// record of the file written again, keeps the others and the history, and
// keeps where the password lives when asked to.
func TestSaveMergesRecords(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	store := profile.Store{Dir: t.TempDir()}
	f := setup.Flow{Store: store, Now: func() time.Time { return now }}
	p := profile.New("jane@example.org", "Jane")
	p.Secret = profile.SecretRef{Kind: profile.SecretKeyring}
	mutt := profile.ExportRecord{Target: "mutt", Path: "/h/.muttrc", Checksum: "a"}
	fetch := profile.ExportRecord{Target: "fetchmail", Path: "/h/.fetchmailrc", Checksum: "b"}
	if _, err := f.Save(p, []profile.ExportRecord{mutt, fetch}, setup.SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	p.Secret = profile.SecretRef{Kind: profile.SecretPrompt}
	mutt.Checksum = "c"
	saved, err := f.Save(p, []profile.ExportRecord{mutt}, setup.SaveOptions{KeepSecret: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := store.Load(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Exports) != 2 || got.Exports[0].Target != "fetchmail" || got.Exports[1].Checksum != "c" {
		t.Errorf("records: %+v", got.Exports)
	}
	if len(got.History) != 2 || got.Secret.Kind != profile.SecretKeyring || saved.Secret != got.Secret {
		t.Errorf("history %d entries, secret %+v (returned %+v)", len(got.History), got.Secret, saved.Secret)
	}
}

// TestKeepCommand: a password command is kept only when it prints the very
// password that was verified; asking each time keeps nothing.
func TestKeepCommand(t *testing.T) {
	dir := t.TempDir()
	f := setup.Flow{Secrets: secrets.New(secrets.Config{PassDir: filepath.Join(dir, "none")})}
	pw := setup.PasswordSecret(profile.NewPassword("right-pass"))
	if err := f.Keep(profile.SecretRef{Kind: profile.SecretCommand, Ref: "echo right-pass"}, "jane", pw); err != nil {
		t.Errorf("a command printing the password: %v", err)
	}
	if err := f.Keep(profile.SecretRef{Kind: profile.SecretCommand, Ref: "echo other"}, "jane", pw); err == nil {
		t.Error("a command printing another password was kept")
	}
	if err := f.Keep(profile.SecretRef{Kind: profile.SecretPrompt}, "jane", pw); err != nil {
		t.Errorf("ask each time: %v", err)
	}
	if f.Unavailable(profile.SecretPass) == nil {
		t.Error("pass without a store counts as available")
	}
}

// countingStore counts how often availability is asked.
type countingStore struct {
	secrets.Store
	asked *int
}

func (c countingStore) Available(kind profile.SecretKind) error {
	*c.asked++
	return c.Store.Available(kind)
}

// TestPlacesProbedOnce: a face asks on every frame; the keyring (D-Bus) is
// probed once per place, and pass without a store is left out.
func TestPlacesProbedOnce(t *testing.T) {
	asked := 0
	f := setup.Flow{Secrets: countingStore{secrets.New(secrets.Config{PassDir: t.TempDir()}), &asked}}
	for range 50 {
		if slices.Contains(f.Available(), profile.SecretPass) {
			t.Fatal("pass without a store is offered")
		}
		_ = f.Unavailable(profile.SecretKeyring)
	}
	if asked != 3 {
		t.Fatalf("availability asked %d times, want 3 (once per place)", asked)
	}
}

// TestOnlyTimesChange: a file whose only difference is the header's times
// is not rewritten; any other difference is.
func TestOnlyTimesChange(t *testing.T) {
	old := []byte("# written by setupwiz on 2026-05-01 12:00 UTC.\n# Verified against the live servers on 2026-05-01 11:59 UTC.\nset pop_host=x\n")
	same := []byte("# written by setupwiz on 2026-06-02 08:30 UTC.\n# Verified against the live servers on 2026-06-02 08:29 UTC.\nset pop_host=x\n")
	other := []byte("# written by setupwiz on 2026-06-02 08:30 UTC.\n# Verified against the live servers on 2026-06-02 08:29 UTC.\nset pop_host=y\n")
	if !setup.OnlyTimesChange(exporters.Plan{Old: old, New: same}) {
		t.Error("a new time stamp alone counts as a change")
	}
	if setup.OnlyTimesChange(exporters.Plan{Old: old, New: other}) || setup.OnlyTimesChange(exporters.Plan{New: same}) {
		t.Error("a real change (or a new file) counts as unchanged")
	}
}
