package exporters

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// path returns where target goes and whether it is a managed block there.
func (pl *Placer) path(target string, prof profile.Profile) (string, bool, error) {
	if pl.OutDir != "" {
		return pl.outPath(target, prof), false, nil
	}
	switch target {
	case TargetFetchmail:
		if fi, err := os.Stat(pl.FetchmailHome); pl.FetchmailHome != "" && err == nil && fi.IsDir() {
			return filepath.Join(pl.FetchmailHome, "fetchmailrc"), true, nil
		}
		return filepath.Join(pl.Home, ".fetchmailrc"), true, pl.needHome()
	case TargetMutt:
		return pl.muttPath(), true, pl.needHome()
	case TargetMobileConfig:
		return filepath.Join(pl.WorkDir, prof.Name+".mobileconfig"), false, nil
	case TargetThunderbirdAutoconfig:
		return filepath.Join(pl.WorkDir, "config-v1.1.xml"), false, nil
	}
	return "", false, fmt.Errorf("no install location for %s", target)
}

func (pl *Placer) needHome() error {
	if pl.Home == "" {
		return fmt.Errorf("no home directory known: set HOME or export with --out DIR")
	}
	return nil
}

// outPath is the file under OutDir.
func (pl *Placer) outPath(target string, prof profile.Profile) string {
	switch target {
	case TargetThunderbird:
		return filepath.Join(pl.OutDir, "thunderbird", "user.js")
	case TargetThunderbirdAutoconfig:
		return filepath.Join(pl.OutDir, "thunderbird", "config-v1.1.xml")
	case TargetMutt:
		return filepath.Join(pl.OutDir, "muttrc")
	case TargetFetchmail:
		return filepath.Join(pl.OutDir, "fetchmailrc")
	}
	return filepath.Join(pl.OutDir, prof.Name+".mobileconfig")
}

// muttPath is the file mutt reads: the first that exists of ~/.muttrc,
// ~/.mutt/muttrc and $XDG_CONFIG_HOME/mutt/muttrc (mutt's own order; writing
// a new ~/.muttrc next to an existing ~/.mutt/muttrc would hide the latter).
// Without any, the file goes into ~/.mutt or the XDG mutt directory when one
// exists, else ~/.muttrc.
func (pl *Placer) muttPath() string {
	cfg := pl.ConfigDir
	if cfg == "" {
		cfg = filepath.Join(pl.Home, ".config")
	}
	files := []string{filepath.Join(pl.Home, ".muttrc"), filepath.Join(pl.Home, ".mutt", "muttrc"), filepath.Join(cfg, "mutt", "muttrc")}
	for _, f := range files {
		if _, err := os.Stat(f); err == nil {
			return f
		}
	}
	for _, f := range files[1:] {
		if fi, err := os.Stat(filepath.Dir(f)); err == nil && fi.IsDir() {
			return f
		}
	}
	return files[0]
}

func (pl *Placer) thunderbirdProfile() (string, error) {
	if pl.ThunderbirdProfile != "" {
		return pl.ThunderbirdProfile, nil
	}
	if err := pl.needHome(); err != nil {
		return "", err
	}
	return FindThunderbirdProfile(pl.Home)
}
