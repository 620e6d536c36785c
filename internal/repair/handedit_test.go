package repair_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/repair"
)

func appendLine(t *testing.T, path, line string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(line); err != nil {
		t.Fatal(err)
	}
}

func TestHandEditOutsideBlockSurvives(t *testing.T) {
	f := newFixture(t, "alice")
	mutt := f.file(t, "mutt")
	appendLine(t, mutt, "set editor='vim'  # mine\n")
	if st := stateOf(t, repair.CheckExports(f.p), "mutt"); st.Status != repair.ExportClean {
		t.Fatalf("an edit outside the block counts as %s", st.Status)
	}
	f.srv.MovePOP3S(t)
	f.deps.Ports = f.ports()
	d := repair.Diagnose(context.Background(), f.p, f.password(), f.deps)
	ask := &asker{}
	out, err := repair.Apply(context.Background(), d.Plan(f.p), f.password(), f.deps, ask)
	if err != nil {
		t.Fatal(err)
	}
	after := readFile(t, mutt)
	if !strings.Contains(after, "set editor='vim'  # mine\n") {
		t.Errorf("the user's line outside the managed block was lost:\n%s", after)
	}
	if !strings.Contains(after, f.srv.Host+":"+itoa(out.Profile.Incoming.Port)) || len(ask.askedEdit) != 0 {
		t.Errorf("block not rewritten (or a confirmation was asked: %d):\n%s", len(ask.askedEdit), after)
	}
}

func TestHandEditInsideBlockIsReported(t *testing.T) {
	f := newFixture(t, "alice")
	mutt := f.file(t, "mutt")
	edited := strings.Replace(readFile(t, mutt), "set pop_delete=no", "set pop_delete=yes", 1)
	if err := os.WriteFile(mutt, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	if st := stateOf(t, repair.CheckExports(f.p), "mutt"); st.Status != repair.ExportEdited || !st.NeedsConfirmation() {
		t.Fatalf("state = %+v, want edited", st)
	}
	f.srv.MovePOP3S(t)
	f.deps.Ports = f.ports()
	d := repair.Diagnose(context.Background(), f.p, f.password(), f.deps)
	if stateOf(t, d.Exports, "mutt").Status != repair.ExportEdited {
		t.Errorf("diagnosis does not report the edit: %+v", d.Exports)
	}
	ask := &asker{overwrite: false}
	out, err := repair.Apply(context.Background(), d.Plan(f.p), f.password(), f.deps, ask)
	if err != nil {
		t.Fatal(err)
	}
	if readFile(t, mutt) != edited {
		t.Error("the hand-edited muttrc was overwritten without confirmation")
	}
	if len(ask.askedEdit) != 1 || len(out.Remaining) == 0 || !strings.Contains(strings.Join(out.Remaining, "\n"), mutt) {
		t.Errorf("asked %d times, remaining %q: want the edit reported", len(ask.askedEdit), out.Remaining)
	}
	// fetchmail was not edited: it is rewritten with the new port.
	if !strings.Contains(readFile(t, f.file(t, "fetchmail")), "service "+itoa(out.Profile.Incoming.Port)) {
		t.Error("the unedited fetchmailrc was not rewritten")
	}
	// With confirmation (--force), the edit is replaced and a backup keeps it.
	ask = &asker{overwrite: true}
	p2, err := f.store.Load(f.p.Name)
	if err != nil {
		t.Fatal(err)
	}
	files, backups := reexport(t, f, p2, ask)
	if readFile(t, mutt) == edited || len(backups) == 0 {
		t.Errorf("forced rewrite did not replace the edit (files %+v)", files)
	}
	if b := readFile(t, backups[0]); b != edited {
		t.Error("the backup does not hold the hand-edited file")
	}
}

func TestBlockRemovedIsReported(t *testing.T) {
	f := newFixture(t, "alice")
	mutt := f.file(t, "mutt")
	if err := os.WriteFile(mutt, []byte("set editor=vi\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if st := stateOf(t, repair.CheckExports(f.p), "mutt"); st.Status != repair.ExportBlockRemoved {
		t.Errorf("state = %+v, want block_removed", st)
	}
	if err := os.Remove(mutt); err != nil {
		t.Fatal(err)
	}
	if st := stateOf(t, repair.CheckExports(f.p), "mutt"); st.Status != repair.ExportMissing || st.NeedsConfirmation() {
		t.Errorf("state = %+v, want missing (rewritten without asking)", st)
	}
}
