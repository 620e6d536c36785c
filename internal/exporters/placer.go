package exporters

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Placer decides where each export goes and is the only code here that
// touches the file system. With OutDir it writes whole files into that
// directory; without, it installs into each client's real location inside a
// managed block, so the user's own lines are never touched.
type Placer struct {
	Home      string // the user's home directory
	ConfigDir string // $XDG_CONFIG_HOME; empty means Home/.config
	OutDir    string // write whole files here instead of the real locations
	// WorkDir receives the .mobileconfig and config-v1.1.xml without OutDir
	// (the current directory); they have no per-user location.
	WorkDir string
	// FetchmailHome is $FETCHMAILHOME: when it names a directory, fetchmail
	// reads FetchmailHome/fetchmailrc instead of ~/.fetchmailrc.
	FetchmailHome string
	// ThunderbirdProfile overrides the default profile from profiles.ini.
	ThunderbirdProfile string
	Now                func() time.Time
}

// Plan is one file that an export would create or change.
type Plan struct {
	Target string
	Path   string
	// Resolved is the file really read and written when Path is a symbolic
	// link (see LinkNote); "" otherwise.
	Resolved string
	Mode     string // octal permission, e.g. "0600"
	Old      []byte // nil when the file does not exist yet
	New      []byte
	Diff     string // unified diff from Old to New, passwords masked; "" when unchanged
	Secret   bool   // the file will hold a password
	Block    bool   // New keeps the user's file and replaces only setupwiz's block
	// Format is how setupwiz's part is stored: whole-file, managed-block,
	// user.js or prefs.js (as in profile.ExportRecord.Format).
	Format string
	// Written is what setupwiz wrote: the block body, or the whole file.
	Written []byte
	Secrets SecretMode
	// CertificateFile, for mutt settings added to the user's muttrc, is the
	// file mutt keeps accepted certificates in (Options.MuttCertificates),
	// which the pinned certificate must go into; "" otherwise.
	CertificateFile string

	// merge rebuilds New and Written from the file's content at the time of
	// writing; nil for whole files, which are only ever replaced as planned.
	merge   mergeFunc
	account string // the profile name, whose managed block this plan writes
}

// Changed reports whether applying the plan would change the file.
func (p Plan) Changed() bool { return p.Old == nil || !bytes.Equal(p.Old, p.New) }

// Plan computes every file the targets would write, without writing anything.
func (pl *Placer) Plan(targets []string, prof profile.Profile, o Options) ([]Plan, error) {
	if o.Now == nil {
		o.Now = pl.now
	}
	var plans []Plan
	for _, t := range targets {
		p, err := pl.planTarget(t, prof, o)
		if err != nil {
			return nil, err
		}
		p.Diff = planDiff(p)
		plans = append(plans, p)
	}
	return plans, nil
}

func (pl *Placer) now() time.Time {
	if pl.Now == nil {
		return time.Now().UTC()
	}
	return pl.Now().UTC()
}

func (pl *Placer) planTarget(target string, prof profile.Profile, o Options) (Plan, error) {
	if target == TargetThunderbird && pl.OutDir == "" {
		return pl.planPrefsMerge(prof, o)
	}
	e, err := Lookup(target)
	if err != nil {
		return Plan{}, err
	}
	path, block, err := pl.path(target, prof)
	if err != nil {
		return Plan{}, err
	}
	if target == TargetMutt && block && len(pinnedCerts(prof)) > 0 {
		if o.MuttCertificates, err = pl.muttCertificates(path); err != nil {
			return Plan{}, err
		}
	}
	var body bytes.Buffer
	if err := e.Export(&body, prof, o); err != nil {
		return Plan{}, err
	}
	p, err := pl.planFile(target, path, block, prof, body.Bytes(), o)
	p.CertificateFile = o.MuttCertificates
	return p, err
}

// muttCertificates is the file mutt keeps accepted certificates in for the
// muttrc at path (see muttCertificateFile).
func (pl *Placer) muttCertificates(path string) (string, error) {
	old, _, _, err := readTarget(path)
	if err != nil {
		return "", err
	}
	if err := pl.needHome(); err != nil {
		return "", err
	}
	file, err := muttCertificateFile(old, pl.Home)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return file, nil
}

// planFile reads the current file and builds the new content.
func (pl *Placer) planFile(target, path string, block bool, prof profile.Profile, body []byte, o Options) (Plan, error) {
	old, info, resolved, err := readTarget(path)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Target: target, Path: path, Resolved: resolved, Old: old, New: body, Written: body, Secrets: o.secrets(),
		Secret: holdsSecret(target, o), Format: "whole-file"}
	if target == TargetThunderbird {
		p.Format = "user.js"
	}
	if block {
		p.Block, p.Format, p.account = true, "managed-block", prof.Name
		p.merge = blockMerge(prof.Name, body)
		p.New, _, _ = p.merge(old)
	}
	p.Mode = fmt.Sprintf("%04o", fileMode(target, p.Secret, info))
	return p, nil
}

// readTarget reads the file that writing path would replace: path itself,
// or the end of its chain of symbolic links (resolved, then non-empty) when
// that may be written (see finalFile).
func readTarget(path string) (old []byte, info fs.FileInfo, resolved string, err error) {
	final, err := finalFile(path)
	if err != nil {
		return nil, nil, "", err
	}
	if final != path {
		resolved = final
	}
	old, info, err = readExisting(final)
	return old, info, resolved, err
}

// readExisting returns the file's content and info, or nil, nil if it does not exist.
func readExisting(path string) ([]byte, fs.FileInfo, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%s is not a regular file; setupwiz will not replace it", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return data, info, nil
}

// holdsSecret: a password is written only inline, or into a .mobileconfig on request.
func holdsSecret(target string, o Options) bool {
	_, inline := o.inlinePassword()
	switch target {
	case TargetMutt, TargetFetchmail:
		return inline
	case TargetMobileConfig:
		return o.IncludePassword
	}
	return false
}

// fileMode: 0600 for secrets and always for fetchmail (it refuses anything
// readable by others); otherwise an existing file keeps its mode, new ones get 0644.
func fileMode(target string, secret bool, existing fs.FileInfo) fs.FileMode {
	switch {
	case secret || target == TargetFetchmail:
		return 0o600
	case existing != nil:
		return existing.Mode().Perm()
	case target == TargetThunderbird:
		return 0o600
	}
	return 0o644
}

func planDiff(p Plan) string {
	if !p.Changed() {
		return ""
	}
	if p.Target == TargetMobileConfig && !bytes.HasPrefix(p.New, []byte("<?xml")) {
		return fmt.Sprintf("Binary file %s would be written (%d bytes, signed)\n", p.Path, len(p.New))
	}
	oldName := p.Path
	if p.Old == nil {
		oldName = "/dev/null"
	}
	return redactDiff(UnifiedDiff(oldName, p.Path, p.Old, p.New))
}
