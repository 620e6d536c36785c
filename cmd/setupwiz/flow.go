package main

import (
	"path/filepath"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/setup"
)

// newFlow wires the setup flow every command shares: the --dns-server
// resolver, --timeout, where files go, the secret store and the profile
// store. The trusted roots are the system's plus the profile's CA file;
// pinned certificates are saved next to the profiles, for the mail programs.
func newFlow(e *env, a *accountFlags, placer *exporters.Placer) *setup.Flow {
	return &setup.Flow{Resolver: a.resolver(), Timeout: a.timeout, Placer: placer, CertDir: certDir(e),
		Secrets: newSecrets(e, nil), Store: wizardStore(e), OAuth: oauthSetup(e, a.oauth)}
}

// certDir is where pinned certificates are saved, next to the profiles.
func certDir(e *env) string { return filepath.Join(wizardStore(e).Dir, "certs") }
