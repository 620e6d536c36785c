package exporters

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// ErrThunderbirdRunning means the profile is in use; prefs.js would be overwritten on exit.
type ErrThunderbirdRunning struct{ Profile string }

func (e *ErrThunderbirdRunning) Error() string {
	return fmt.Sprintf("Thunderbird is running on %s (its lock is held): quit Thunderbird and run the export again", e.Profile)
}

// planPrefsMerge adds the account to the default profile's prefs.js while
// Thunderbird is closed. Existing accounts and keys stay; the account gets
// fresh accountN/serverN/idN/smtpN keys, or on a repair the keys marked with
// setupwiz_profile. Every line holding a pref we set is removed, the rest is
// kept, and our prefs go into a "//" managed block at the end (Thunderbird
// rewrites prefs.js on exit, so later repairs find the keys by the marker).
func (pl *Placer) planPrefsMerge(prof profile.Profile, o Options) (Plan, error) {
	dir, err := pl.thunderbirdProfile()
	if err != nil {
		return Plan{}, err
	}
	if ThunderbirdLocked(dir) {
		return Plan{}, &ErrThunderbirdRunning{Profile: dir}
	}
	path := filepath.Join(dir, "prefs.js")
	old, info, resolved, err := readTarget(path)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Target: TargetThunderbird, Path: path, Resolved: resolved, Old: old, Secrets: o.secrets(), Block: true, Format: "prefs.js",
		Mode: fmt.Sprintf("%04o", fileMode(TargetThunderbird, false, info)), merge: prefsMerge(prof, o), account: prof.Name}
	p.New, p.Written, err = p.merge(old)
	return p, err
}

// prefsMerge adds the account's prefs to a prefs.js content: keys are
// allocated against that content, so merging again into a file another
// export changed meanwhile picks keys that are still free.
func prefsMerge(prof profile.Profile, o Options) mergeFunc {
	return func(old []byte) ([]byte, []byte, error) {
		keys := allocateKeys(parsePrefs(old), parsePrefs(withoutBlock(old, prof.Name)), prof.Name)
		prefs, err := thunderbirdPrefs(prof, keys)
		if err != nil {
			return nil, nil, err
		}
		body := []byte(commentBlock("//", headerLines(prof, o, "Thunderbird")) + renderPrefs(prefs))
		return replaceBlock(dropPrefs(old, prefs), prof.Name, wrapBlock("//", prof.Name, body)), body, nil
	}
}

// dropPrefs removes the lines that set any of prefs, keeping everything else byte for byte.
func dropPrefs(file []byte, prefs []pref) []byte {
	names := map[string]bool{}
	for _, p := range prefs {
		names[p.name] = true
	}
	var out bytes.Buffer
	for _, line := range bytes.SplitAfter(file, []byte("\n")) {
		if name, _, ok := parsePrefLine(strings.TrimRight(string(line), "\r\n")); ok && names[name] {
			continue
		}
		out.Write(line)
	}
	return out.Bytes()
}
