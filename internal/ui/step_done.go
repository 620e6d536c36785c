package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/termtext"
)

// doneStep says what was written where, the backups, and what to do next in each program.
type doneStep struct{ keep keepRow }

func (d *doneStep) name() string  { return "Done" }
func (d *doneStep) typing() bool  { return false }
func (d *doneStep) leave(*wizard) {}

func (d *doneStep) enter(w *wizard) tea.Cmd {
	w.s.out.Profile = w.s.prof
	w.s.out.Profile.Exports = append(w.s.out.Profile.Exports, w.s.out.Written...)
	d.keep = newKeepRow(w.s)
	return nil
}

func (d *doneStep) bindings(w *wizard) []key.Binding {
	b := []key.Binding{key.NewBinding(key.WithKeys("enter", "q"), key.WithHelp("enter", "finish")), w.keys.Back}
	if d.keep.shown() {
		b = append([]key.Binding{keepBinding}, b...)
	}
	return b
}

func (d *doneStep) moreKeys(w *wizard) []key.Binding {
	if !d.keep.shown() {
		return nil
	}
	return []key.Binding{key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "previous/next place for the password"))}
}

func (d *doneStep) key(w *wizard, k tea.KeyPressMsg) tea.Cmd {
	if d.keep.keeping {
		return nil
	}
	switch k.String() {
	case "enter", "q":
		return d.keep.keep(w)
	case "esc", "shift+tab":
		return w.back()
	case "space", "right":
		d.keep.cycle(+1)
	case "left":
		d.keep.cycle(-1)
	}
	return nil
}

func (d *doneStep) view(w *wizard) string {
	st, out := w.st, w.s.out
	var b strings.Builder
	b.WriteString(st.ok.Render(termtext.Sprintf("%s is set up.", w.s.prof.Email)) + "\n\n")
	if len(out.Written) == 0 {
		b.WriteString("No files were written.\n")
	} else if w.s.cfg.OutDir != "" {
		b.WriteString("In " + termtext.Line(w.s.cfg.OutDir) + ":\n")
	}
	suffix, shared := backupSuffix(out.Written, out.Backups)
	for _, r := range out.Written {
		path := w.s.shortPath(r.Path)
		if note := changeNote(r, out.Backups); shared && note != "" {
			path += st.subtle.Render("  " + note)
		}
		line := fmt.Sprintf("  %s %-13s %s", st.ok.Render("✓"), targetNames[r.Target], path)
		if lipgloss.Width(line) > w.bodyWidth() { // a long path goes on its own line, whole
			line = fmt.Sprintf("  %s %s\n    %s", st.ok.Render("✓"), targetNames[r.Target], path)
		}
		b.WriteString(line + "\n")
		for _, note := range w.s.notes[r.Path] {
			b.WriteString(st.subtle.Render(indentWrap(termtext.Line(note), w.bodyWidth(), 4)) + "\n")
		}
	}
	if shared {
		b.WriteString(st.subtle.Render(indentWrap("changed files keep their old version as NAME"+termtext.Line(suffix), w.bodyWidth(), 2)) + "\n")
	}
	for _, bk := range out.Backups {
		if !shared {
			b.WriteString(st.subtle.Render("  backup of the old file: "+w.s.shortPath(bk)) + "\n")
		}
	}
	b.WriteString(notWrittenView(w))
	b.WriteString(d.keep.view(w)) // above the next steps: it must stay on screen
	if len(out.Written) > 0 {
		b.WriteString("\n" + st.title.Render("Next") + "\n")
	}
	for _, t := range writtenTargets(out.Written) {
		b.WriteString(Wrap("  "+w.s.nextStep(t), w.bodyWidth(), 4) + "\n") // each step's own lines further in
	}
	return b.String()
}

// writtenTargets lists each target once, in display order.
func writtenTargets(recs []profile.ExportRecord) []string {
	var ts []string
	for _, t := range allTargets {
		for _, r := range recs {
			if strings.HasPrefix(r.Target, t) {
				ts = append(ts, t)
				break
			}
		}
	}
	return ts
}

// nextStep is the one thing to do in each program.
func (s *session) nextStep(target string) string {
	recs := s.out.Written
	path := termtext.Line(recordOf(target, recs).Path)
	merged := recordOf(target, recs).Format == "managed-block" // in the file the program reads by itself
	switch {
	case target == "thunderbird":
		return thunderbirdNext(recs, s.prof.TLS.PinnedCert != "")
	case target == "mutt" && merged:
		return "mutt: start mutt; it reads " + path + ", where the account is now."
	case target == "mutt":
		return "mutt: run  mutt -F " + path + "  (or source it from your muttrc)."
	case target == "fetchmail" && merged:
		return "fetchmail: run  fetchmail -v  once to see it fetch (it reads " + path + ")."
	case target == "fetchmail":
		return "fetchmail: run  fetchmail -f " + path + " -v  once to see it fetch."
	case target == "mobileconfig":
		return "Apple: open " + path + " on a Mac, or AirDrop it to an iPhone and install it in Settings."
	}
	return target
}

// recordOf is the first record written for target.
func recordOf(target string, recs []profile.ExportRecord) profile.ExportRecord {
	for _, r := range recs {
		if strings.HasPrefix(r.Target, target) {
			return r
		}
	}
	return profile.ExportRecord{}
}

// changeNote says what happened to an existing file: replaced (its old
// version kept as a backup), or setupwiz's block merged into it (the rest
// of the file as it was).
func changeNote(r profile.ExportRecord, backups []string) string {
	switch {
	case !hasBackup(r.Path, backups):
		return ""
	case r.Format == "managed-block" || r.Format == "prefs.js":
		return "merged in"
	}
	return "replaced"
}

// thunderbirdNext depends on where the settings went: merged into the
// profile's prefs.js, Thunderbird has them at its next start; a user.js in an
// --out folder is in no profile yet.
// A pinned certificate's exception (cert_override.txt) is written beside it.
func thunderbirdNext(recs []profile.ExportRecord, pinned bool) string {
	for _, r := range recs {
		if r.Target == "thunderbird" && r.Format == "user.js" {
			dir, what := termtext.Line(filepath.Dir(r.Path)), "it"
			if pinned {
				what = "it and cert_override.txt (the pinned certificate's exception) beside it"
			}
			return "Thunderbird: user.js is in no Thunderbird profile yet: copy " + what + " into a new profile's folder " +
				"(thunderbird -ProfileManager), start Thunderbird once, then delete it there. " +
				"Or try it now: thunderbird -profile " + dir + " -no-remote"
		}
	}
	return "Thunderbird: start it; the account is in its profile now."
}

// backupSuffix is the ending every backup shares after its file's name
// (".setupwiz-20261125T120000Z.bak": one write, one time stamp), so the
// screen can say it once instead of listing long paths.
func backupSuffix(recs []profile.ExportRecord, backups []string) (string, bool) {
	suffix := ""
	for _, bk := range backups {
		s, ok := suffixOf(recs, bk)
		if !ok || suffix != "" && s != suffix {
			return "", false
		}
		suffix = s
	}
	return suffix, suffix != ""
}

func suffixOf(recs []profile.ExportRecord, backup string) (string, bool) {
	for _, r := range recs {
		if rest, ok := strings.CutPrefix(backup, r.Path+"."); ok && !strings.ContainsRune(rest, filepath.Separator) {
			return "." + rest, true
		}
	}
	return "", false
}

func hasBackup(path string, backups []string) bool {
	for _, bk := range backups {
		if strings.HasPrefix(bk, path+".") {
			return true
		}
	}
	return false
}
