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

// muttPath is ~/.config/mutt/muttrc when that directory exists, else ~/.muttrc.
func (pl *Placer) muttPath() string {
	cfg := pl.ConfigDir
	if cfg == "" {
		cfg = filepath.Join(pl.Home, ".config")
	}
	if fi, err := os.Stat(filepath.Join(cfg, "mutt")); err == nil && fi.IsDir() {
		return filepath.Join(cfg, "mutt", "muttrc")
	}
	return filepath.Join(pl.Home, ".muttrc")
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
