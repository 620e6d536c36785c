package setup

import (
	"encoding/pem"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// pinnedPEM is the PEM of the certificates a passed check accepted only
// because the user pinned them, "" when there were none.
func pinnedPEM(r verify.Result) string { return certsPEM(r, true) }

// certsPEM is the PEM of the certificates of the services that passed (only
// the pinned ones with onlyPinned), each once.
func certsPEM(r verify.Result, onlyPinned bool) string {
	var b strings.Builder
	var seen []string
	for _, s := range []*verify.ServiceResult{r.POP3, r.SMTP} {
		if s == nil || !s.OK || s.TLS == nil || onlyPinned && !s.TLS.Cert.Pinned || len(s.TLS.Cert.DER) == 0 || slices.Contains(seen, s.TLS.Cert.SHA256) {
			continue
		}
		seen = append(seen, s.TLS.Cert.SHA256)
		b.Write(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.TLS.Cert.DER}))
	}
	return b.String()
}

// certPath is where the pinned certificates of the profile called name
// are saved for the mail programs; "" when the flow keeps no such files.
func (f *Flow) certPath(name string) string {
	if f.CertDir == "" {
		return ""
	}
	return filepath.Join(f.CertDir, name+".pem")
}

// withPinnedFile points p at the saved copy of its pinned certificates.
func (f *Flow) withPinnedFile(p profile.Profile) profile.Profile {
	p.TLS.PinnedCertFile = ""
	if p.TLS.PinnedCert != "" && len(p.TLS.PinnedSHA256) > 0 {
		p.TLS.PinnedCertFile = f.certPath(p.Name)
	}
	return p
}

// sideFile is one of setupwiz's own files written with an export.
type sideFile struct {
	path string
	// content is the whole file; for Thunderbird's exceptions (lines set),
	// lines are merged into the file there instead.
	content []byte
	lines   []string
}

// sideFiles are the files that go with plans for p: the saved copy of the
// pinned certificates, and beside a Thunderbird export the exceptions that
// make Thunderbird accept them (cert_override.txt).
func sideFiles(p profile.Profile, plans []exporters.Plan) []sideFile {
	var out []sideFile
	if p.TLS.PinnedCertFile != "" {
		out = append(out, sideFile{path: p.TLS.PinnedCertFile, content: []byte(p.TLS.PinnedCert)})
	}
	lines := exporters.CertOverrides(p)
	for _, pl := range plans {
		if pl.Target == exporters.TargetThunderbird && len(lines) > 0 {
			out = append(out, sideFile{path: filepath.Join(filepath.Dir(pl.Path), exporters.CertOverrideFile), lines: lines})
		}
	}
	return out
}

// WriteSides writes what goes with the files recs of p (the saved copy of
// its pinned certificates, Thunderbird's exceptions), as Apply does: for
// repair, which rewrites only what changed.
func (f *Flow) WriteSides(p profile.Profile, recs []profile.ExportRecord) error {
	p = f.withPinnedFile(p)
	var plans []exporters.Plan
	for _, r := range recs {
		plans = append(plans, exporters.Plan{Target: r.Target, Path: r.Path})
	}
	var errs []error
	for _, s := range sideFiles(p, plans) {
		errs = append(errs, s.write())
	}
	return errors.Join(errs...)
}

// write puts the side file in place; Thunderbird's exceptions are merged
// with those the user made.
func (s sideFile) write() error {
	data := s.content
	if s.lines != nil {
		old, err := os.ReadFile(s.path)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		data = exporters.MergeCertOverrides(old, s.lines)
	}
	return exporters.WriteSideFile(s.path, data, 0o600)
}
