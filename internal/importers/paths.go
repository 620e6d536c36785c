package importers

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"

	"github.com/setupwiz/setupwiz/internal/input"
)

// DefaultPath is where the format's file usually is for a user whose home
// directory is home, or "" when there is no usual place (mobileconfig) or
// no Thunderbird profile was found.
func DefaultPath(format, home string) string {
	switch format {
	case FormatFetchmail:
		return filepath.Join(home, ".fetchmailrc")
	case FormatMutt:
		// mutt's own order: ~/.muttrc, ~/.mutt/muttrc, then the XDG location.
		return firstExisting(home, ".muttrc", ".muttrc", ".mutt/muttrc", ".config/mutt/muttrc",
			".neomuttrc", ".config/neomutt/neomuttrc")
	case FormatThunderbird:
		if dir := thunderbirdProfile(filepath.Join(home, ".thunderbird")); dir != "" {
			return filepath.Join(dir, "prefs.js")
		}
	}
	return ""
}

// firstExisting returns the first of rels under home that exists, else home/def.
func firstExisting(home, def string, rels ...string) string {
	for _, rel := range rels {
		if p := filepath.Join(home, rel); fileExists(p) {
			return p
		}
	}
	return filepath.Join(home, def)
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// thunderbirdProfile finds the default profile in profiles.ini: an
// [Install…] section's Default= first (what Thunderbird itself starts),
// then the [Profile…] section marked Default=1, then the only profile.
func thunderbirdProfile(base string) string {
	sections := readINI(filepath.Join(base, "profiles.ini"))
	var marked, only []string
	for _, s := range sections {
		switch {
		case strings.HasPrefix(s["[name]"], "Install") && s["Default"] != "":
			return iniPath(base, s["Default"], "")
		case strings.HasPrefix(s["[name]"], "Profile") && s["Path"] != "":
			p := iniPath(base, s["Path"], s["IsRelative"])
			only = append(only, p)
			if s["Default"] == "1" {
				marked = append(marked, p)
			}
		}
	}
	if len(marked) > 0 {
		return marked[0]
	}
	if len(only) == 1 {
		return only[0]
	}
	return ""
}

func iniPath(base, p, isRelative string) string {
	if filepath.IsAbs(p) && isRelative != "1" {
		return p
	}
	return filepath.Join(base, p)
}

// readINI reads a small INI file into sections; "[name]" holds each section's name.
func readINI(path string) []map[string]string {
	f, err := input.Open(path, path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []map[string]string
	sc := bufio.NewScanner(io64k(f))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			out = append(out, map[string]string{"[name]": line[1 : len(line)-1]})
		} else if k, v, ok := strings.Cut(line, "="); ok && len(out) > 0 {
			out[len(out)-1][strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return out
}
