package exporters

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io/fs"
	"strings"
)

// SidePlan plans one of setupwiz's own files that go with an export: the
// saved copy of a pinned certificate, Thunderbird's certificate exceptions,
// mutt's accepted certificates. merge turns the file's content (nil when
// there is none) into the new one. Apply writes it as it writes an export:
// following a link to a file of the user's, under the file's lock, merged
// again into the file as it is then, with a backup of what it replaces,
// atomically. A new file gets mode; an existing one keeps its own.
func SidePlan(target, path string, mode fs.FileMode, merge func(old []byte) []byte) (Plan, error) {
	old, info, resolved, err := readTarget(path)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Target: target, Path: path, Resolved: resolved, Old: old, Format: "side", Secrets: SecretsNone}
	p.merge = func(current []byte) ([]byte, []byte, error) {
		file := merge(current)
		return file, file, nil
	}
	p.New, p.Written, _ = p.merge(old)
	if info != nil {
		mode = info.Mode().Perm()
	}
	p.Mode = fmt.Sprintf("%04o", mode)
	p.Diff = planDiff(p)
	return p, nil
}

// Replace is a SidePlan merge that writes data whatever was there.
func Replace(data []byte) func([]byte) []byte {
	return func([]byte) []byte { return bytes.Clone(data) }
}

// AddCertificates is a SidePlan merge for a file of PEM certificates
// (mutt's certificate_file): it appends each certificate in pemText that
// the file lacks, and takes out those whose SHA-256 fingerprint is among
// retired (certificates this account trusted before that its servers no
// longer show: left in, an old certificate, its key perhaps the reason it
// was replaced, would still be trusted). Everything else stays as it is.
func AddCertificates(pemText string, retired ...string) func([]byte) []byte {
	pinned := certsIn([]byte(pemText))
	return func(old []byte) []byte {
		out := withoutCerts(old, pinned, retired)
		have := certsIn(out)
		if len(out) > 0 && !bytes.HasSuffix(out, []byte("\n")) {
			out = append(out, '\n')
		}
		for _, c := range pinned {
			if !containsCert(have, c) {
				out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
				have = append(have, c)
			}
		}
		return out
	}
}

// withoutCerts is data without the certificates whose fingerprint is among
// retired (unless pinned holds them); each goes with the text before it.
func withoutCerts(data []byte, pinned []*x509.Certificate, retired []string) []byte {
	out := []byte{}
	for len(data) > 0 {
		block, rest := pem.Decode(data)
		if block == nil {
			return append(out, data...)
		}
		if !retiredCert(block, pinned, retired) {
			out = append(out, data[:len(data)-len(rest)]...)
		}
		data = rest
	}
	return out
}

func retiredCert(block *pem.Block, pinned []*x509.Certificate, retired []string) bool {
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil || block.Type != "CERTIFICATE" || containsCert(pinned, c) {
		return false
	}
	fp := hexColons(sha256Sum(c.Raw))
	for _, r := range retired {
		if strings.EqualFold(strings.ReplaceAll(r, ":", ""), strings.ReplaceAll(fp, ":", "")) {
			return true
		}
	}
	return false
}

// certsIn are the certificates in PEM text (other blocks and text skipped).
func certsIn(data []byte) []*x509.Certificate {
	var out []*x509.Certificate
	for {
		var block *pem.Block
		if block, data = pem.Decode(data); block == nil {
			return out
		}
		if c, err := x509.ParseCertificate(block.Bytes); err == nil && block.Type == "CERTIFICATE" {
			out = append(out, c)
		}
	}
}

func containsCert(certs []*x509.Certificate, c *x509.Certificate) bool {
	for _, h := range certs {
		if h.Equal(c) {
			return true
		}
	}
	return false
}
