package profile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// SchemaVersion is the version of the profile file format this build writes and reads.
const SchemaVersion = 1

// maxProfileFile bounds how much of a profile file is read.
const maxProfileFile = 1 << 20

// Store keeps profiles as TOML files under Dir/profiles (Dir is
// $XDG_CONFIG_HOME/setupwiz or ~/.config/setupwiz; the caller resolves it).
// Files are 0600 in a 0700 directory, written atomically, with one backup
// (NAME.toml.bak) of the previous version.
type Store struct{ Dir string }

// ErrNotFound is returned (wrapped) by Load and Delete for a profile that does not exist.
var ErrNotFound = errors.New("no such profile")

// document is the on-disk layout: the schema version first, then the profile.
type document struct {
	SchemaVersion int `toml:"schema_version"`
	Profile
}

func (s Store) profilesDir() string { return filepath.Join(s.Dir, "profiles") }

// Path returns the file that holds the profile called name.
func (s Store) Path(name string) string { return filepath.Join(s.profilesDir(), name+".toml") }

// checkName refuses names that are not safe as a single file name.
func checkName(name string) error {
	if name == "" || name != DefaultName(name) || strings.HasPrefix(name, ".") {
		return fmt.Errorf("profile name %q: use only lower-case letters, digits, '.', '-', '_' and '@', not starting with '.'", name)
	}
	return nil
}

// Load reads the profile called name. A missing profile wraps ErrNotFound.
func (s Store) Load(name string) (Profile, error) {
	if err := checkName(name); err != nil {
		return Profile{}, err
	}
	data, err := readBounded(s.Path(name))
	if errors.Is(err, fs.ErrNotExist) {
		return Profile{}, fmt.Errorf("profile %q: %w (see 'setupwiz profiles' for the saved ones)", name, ErrNotFound)
	}
	if err != nil {
		return Profile{}, fmt.Errorf("reading profile %q: %w", name, err)
	}
	return decodeProfile(s.Path(name), data)
}

// readBounded reads a whole file, refusing one larger than maxProfileFile.
func readBounded(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	n, err := buf.ReadFrom(ioLimit(f, maxProfileFile+1))
	if err != nil {
		return nil, err
	}
	if n > maxProfileFile {
		return nil, fmt.Errorf("%s is larger than %d bytes: not a profile", path, maxProfileFile)
	}
	return buf.Bytes(), nil
}

// decodeProfile parses a profile file, checking its schema version first.
func decodeProfile(path string, data []byte) (Profile, error) {
	var head struct {
		SchemaVersion int `toml:"schema_version"`
	}
	if _, err := toml.Decode(string(data), &head); err != nil {
		return Profile{}, fmt.Errorf("%s is not valid TOML: %w", path, err)
	}
	if err := checkSchema(path, head.SchemaVersion); err != nil {
		return Profile{}, err
	}
	var doc document
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return Profile{}, fmt.Errorf("%s: %w", path, err)
	}
	return doc.Profile, nil
}

func checkSchema(path string, v int) error {
	switch {
	case v == SchemaVersion:
		return nil
	case v == 0:
		return fmt.Errorf("%s has no schema_version: it was not written by setupwiz", path)
	case v > SchemaVersion:
		return fmt.Errorf("%s uses profile schema %d, newer than this setupwiz understands (%d): upgrade setupwiz", path, v, SchemaVersion)
	default:
		return fmt.Errorf("%s uses unknown profile schema %d", path, v)
	}
}

// Save validates p and writes it atomically, keeping the previous file as
// NAME.toml.bak. It holds the profile's lock (see LockBeside) while writing.
func (s Store) Save(p Profile) error {
	if err := validForSave(p); err != nil {
		return err
	}
	return s.locked(p.Name, func() error { return s.write(p) })
}

// Update reads the profile called name, lets change build the new version
// from it (found is false when there is none yet) and saves that, all under
// the profile's lock: two runs updating the same profile at once each see
// the other's result instead of overwriting it. An error from change is
// returned as it is, and nothing is written.
func (s Store) Update(name string, change func(old Profile, found bool) (Profile, error)) error {
	return s.locked(name, func() error {
		old, err := s.Load(name)
		found := err == nil
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		p, err := change(old, found)
		if err != nil {
			return err
		}
		if p.Name != name {
			return fmt.Errorf("updating profile %q: the new version is called %q", name, p.Name)
		}
		return s.write(p)
	})
}

// locked runs fn while holding the lock of the profile called name, after
// removing the temporary files a killed run left of that profile.
func (s Store) locked(name string, fn func() error) error {
	if err := checkName(name); err != nil {
		return err
	}
	if err := ensurePrivateDir(s.profilesDir()); err != nil {
		return err
	}
	lock, err := LockBeside(s.Path(name))
	if err != nil {
		return err
	}
	defer lock.Unlock()
	lock.RemoveLeftovers(s.profilesDir(), storeTemps(s.Path(name)))
	return fn()
}

// write validates p and replaces its file, keeping a backup; the caller holds the lock.
func (s Store) write(p Profile) error {
	if err := validForSave(p); err != nil {
		return err
	}
	data, err := encodeProfile(p)
	if err != nil {
		return err
	}
	path := s.Path(p.Name)
	if err := backupFile(path); err != nil {
		return err
	}
	return WriteFileAtomic(path, data, 0o600)
}

func validForSave(p Profile) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("not saving profile %q: %w", p.Name, err)
	}
	return nil
}

// encodeProfile renders the TOML document with schema_version as its first line.
func encodeProfile(p Profile) ([]byte, error) {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# setupwiz profile. No password is stored here, only where to find it.\n")
	if err := toml.NewEncoder(&buf).Encode(document{SchemaVersion: SchemaVersion, Profile: p}); err != nil {
		return nil, fmt.Errorf("encoding profile %q: %w", p.Name, err)
	}
	return buf.Bytes(), nil
}

// ensurePrivateDir creates dir (and parents) and makes dir itself 0700.
func ensurePrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("making %s private: %w", dir, err)
	}
	return nil
}

// backupFile copies an existing path to path.bak atomically; a missing file needs no backup.
func backupFile(path string) error {
	old, err := readBounded(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("backing up %s: %w", path, err)
	}
	return WriteFileAtomic(path+".bak", old, 0o600)
}

// List returns every readable profile, sorted by name. Profiles that cannot
// be read are skipped and reported together in the error, so one broken
// file does not hide the others.
func (s Store) List() ([]Profile, error) {
	entries, err := os.ReadDir(s.profilesDir())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("listing profiles: %w", err)
	}
	var out []Profile
	var errs []error
	for _, name := range profileNames(entries) {
		p, err := s.Load(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, p)
	}
	return out, errors.Join(errs...)
}

// profileNames returns the names of NAME.toml entries, sorted.
func profileNames(entries []fs.DirEntry) []string {
	var names []string
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".toml")
		if ok && e.Type().IsRegular() && checkName(name) == nil {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// Delete removes the profile called name and its backup.
func (s Store) Delete(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	err := os.Remove(s.Path(name))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("profile %q: %w", name, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("deleting profile %q: %w", name, err)
	}
	if err := os.Remove(s.Path(name) + ".bak"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("deleting the backup of profile %q: %w", name, err)
	}
	return syncDir(s.profilesDir())
}
