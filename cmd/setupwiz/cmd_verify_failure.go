package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// writeFailure explains a failed service: what failed, the server's words,
// what to do, and for certificate problems the certificate itself with the
// ways to trust it.
func writeFailure(w io.Writer, s *verify.ServiceResult) {
	e := s.Error
	x := setup.ExplainResult(s)
	wrapLine(w, "  ", x.Sentence)
	if e.Cert != nil {
		writeCert(w, e.Cert, x)
		return
	}
	if e.ServerText != "" {
		wrapLine(w, "    ", "Server said: "+e.ServerText)
	} else if e.Err != nil && e.Kind != verify.KindTimeout && e.Kind != verify.KindCanceled {
		wrapLine(w, "    ", "Error: "+e.Err.Error())
	}
	if x.Hint != "" {
		wrapLine(w, "    ", "What to do: "+x.Hint)
	}
}

// writeCert shows the certificate so the user can compare the fingerprint
// with the provider's, and how to trust it: a private CA with --ca-file, or
// this very certificate by pinning its fingerprint.
func writeCert(w io.Writer, c *verify.CertInfo, x verify.Explanation) {
	wrapLine(w, "    ", x.Todo[0])
	wrapIndent(w, "    Certificate for: ", strings.Repeat(" ", 21), listedNames(*c))
	fmt.Fprintf(w, "    Issued by:       %s\n", cut(c.Issuer, textWidth(w)-21))
	fmt.Fprintf(w, "    Valid:           %s to %s\n", c.NotBefore.UTC().Format("2006-01-02"), c.NotAfter.UTC().Format("2006-01-02"))
	hex := strings.ReplaceAll(c.SHA256, ":", "")
	if hex == "" {
		return
	}
	termtext.Fprintf(w, "    SHA-256:\n      %s\n", hex)
	for _, todo := range x.Todo[1:] {
		wrapLine(w, "    ", todo)
	}
	termtext.Fprintf(w, "  --pin-sha256 %s\n", hex)
}

// maxListedNames bounds the names shown for a certificate (some cover hundreds).
const maxListedNames = 12

// listedNames is the certificate's names, comma-separated, at most
// maxListedNames of them and then how many more.
func listedNames(c verify.CertInfo) string {
	names := append(append([]string{}, c.DNSNames...), c.IPs...)
	if len(names) == 0 {
		return c.Subject
	}
	if len(names) <= maxListedNames {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:maxListedNames], ", "), len(names)-maxListedNames)
}
