package exporters

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/setupwiz/setupwiz/internal/input"
)

// ErrNoThunderbirdProfile means profiles.ini names no usable default profile.
var ErrNoThunderbirdProfile = errors.New("no Thunderbird profile found")

// FindThunderbirdProfile returns the default profile directory from
// profiles.ini: the Default= of an [Install…] section first (what current
// Thunderbird uses), then the [Profile…] with Default=1, then the only
// profile if there is just one. profiles.ini is looked for in ~/.thunderbird,
// then in the Snap and Flatpak homes (Ubuntu ships Thunderbird as a Snap).
func FindThunderbirdProfile(home string) (string, error) {
	base := thunderbirdBase(home)
	data, err := input.ReadFile("profiles.ini", filepath.Join(base, "profiles.ini"), 1<<20)
	if err != nil {
		return "", fmt.Errorf("%w: %v (start Thunderbird once, or export with --out)", ErrNoThunderbirdProfile, err)
	}
	sections := parseINI(data)
	path, relative, ok := pickProfile(sections)
	if !ok {
		return "", fmt.Errorf("%w in %s (start Thunderbird once, or export with --out)", ErrNoThunderbirdProfile, filepath.Join(base, "profiles.ini"))
	}
	if relative {
		path = filepath.Join(base, filepath.FromSlash(path))
	}
	if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("%w: profiles.ini names %s, which is not a directory", ErrNoThunderbirdProfile, path)
	}
	return path, nil
}

// thunderbirdBase is the first of the known Thunderbird directories that
// holds a profiles.ini, or ~/.thunderbird when none does.
func thunderbirdBase(home string) string {
	bases := []string{
		filepath.Join(home, ".thunderbird"),
		filepath.Join(home, "snap", "thunderbird", "common", ".thunderbird"),
		filepath.Join(home, ".var", "app", "org.mozilla.Thunderbird", ".thunderbird"),
	}
	for _, b := range bases {
		if _, err := os.Stat(filepath.Join(b, "profiles.ini")); err == nil {
			return b
		}
	}
	return bases[0]
}

type iniSection struct {
	name string
	keys map[string]string
}

func parseINI(data []byte) []iniSection {
	var out []iniSection
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			out = append(out, iniSection{name: line[1 : len(line)-1], keys: map[string]string{}})
		case len(out) > 0 && strings.Contains(line, "="):
			k, v, _ := strings.Cut(line, "=")
			out[len(out)-1].keys[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return out
}

// pickProfile returns the chosen path and whether it is relative to the ini's directory.
func pickProfile(sections []iniSection) (string, bool, bool) {
	for _, s := range sections {
		if strings.HasPrefix(s.name, "Install") && s.keys["Default"] != "" {
			return s.keys["Default"], !filepath.IsAbs(s.keys["Default"]), true
		}
	}
	var profiles []iniSection
	for _, s := range sections {
		if strings.HasPrefix(s.name, "Profile") && s.keys["Path"] != "" {
			profiles = append(profiles, s)
		}
	}
	for _, s := range profiles {
		if s.keys["Default"] == "1" {
			return s.keys["Path"], s.keys["IsRelative"] != "0", true
		}
	}
	if len(profiles) == 1 {
		return profiles[0].keys["Path"], profiles[0].keys["IsRelative"] != "0", true
	}
	return "", false, false
}

// ThunderbirdLocked reports whether Thunderbird may be running on the
// profile: the "lock" symlink exists (removed on a clean exit), or a process
// holds the fcntl lock on ".parentlock" (the file itself stays behind after
// exit). Where that lock cannot be tested, a present .parentlock counts.
func ThunderbirdLocked(profileDir string) bool {
	if _, err := os.Lstat(filepath.Join(profileDir, "lock")); err == nil {
		return true
	}
	return parentLockHeld(filepath.Join(profileDir, ".parentlock"))
}
