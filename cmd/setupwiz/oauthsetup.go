package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/spf13/pflag"
)

// oauthFlags are the wizard's OAuth2 sign-in flags.
type oauthFlags struct {
	clientID, clientSecret string
	device                 bool
}

func (o *oauthFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&o.clientID, "oauth-client-id", "", "the `ID` of the OAuth2 client you registered with the provider "+
		"(setupwiz ships none; see the README): also SETUPWIZ_OAUTH_CLIENT_ID or oauth.toml in the config directory")
	fs.StringVar(&o.clientSecret, "oauth-client-secret", "", "the client `SECRET` the provider gave a desktop client "+
		"(Google does; it is not a password): also SETUPWIZ_OAUTH_CLIENT_SECRET or oauth.toml")
	fs.BoolVar(&o.device, "oauth-device", false, "sign in with a code typed on another device instead of a browser here, "+
		"where the provider allows it for mail (Microsoft does, Google does not)")
}

// oauthSetup wires the sign-in: the providers of the presets and of
// oauth.toml, the client registration (flag, environment, oauth.toml), a
// browser when there is a graphical session (or $BROWSER), and setupwiz's own
// path for the exported token command.
func oauthSetup(e *env, o oauthFlags) setup.OAuth {
	reg := oauthRegistry(e)
	flag := oauth.Client{ID: o.clientID, Secret: o.clientSecret}
	self, _ := os.Executable()
	return setup.OAuth{
		Registry: reg,
		Client:   func(id string) oauth.Client { return reg.Client(id, flag, e.getenv) },
		Browser:  oauth.SystemBrowser(e.getenv("BROWSER"), e.getenv("DISPLAY") != "" || e.getenv("WAYLAND_DISPLAY") != ""),
		Self:     self,
	}
}

// oauthRegistry reads oauth.toml next to the profiles; a broken file is
// reported and left out, so password accounts still set up.
func oauthRegistry(e *env) *oauth.Registry {
	builtin := presetOAuth()
	path := filepath.Join(wizardStore(e).Dir, "oauth.toml")
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		reg, _ := oauth.NewRegistry(builtin, nil)
		return reg
	}
	if err == nil {
		defer f.Close()
		var reg *oauth.Registry
		if reg, err = oauth.NewRegistry(builtin, f); err == nil {
			return reg
		}
	}
	termtext.Fprintf(e.stderr, "setupwiz: %s: %v (ignored)\n", path, err)
	reg, _ := oauth.NewRegistry(builtin, nil)
	return reg
}

// presetOAuth lists the OAuth2 sign-ins of the embedded provider presets.
func presetOAuth() []oauth.HostProvider {
	ps, err := discover.DefaultPresets()
	if err != nil {
		return nil
	}
	var out []oauth.HostProvider
	for _, p := range ps.OAuthProviders() {
		out = append(out, oauth.HostProvider{Provider: p.Provider, Hosts: p.Hosts, Domains: p.Domains})
	}
	return out
}
