package oauth

import (
	"context"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Client is a registration with the provider. Secret is set only where the
// provider issues one to desktop programs (Google); there it is not
// confidential, but it is still kept out of profiles and exported files.
type Client struct {
	ID, Secret string
}

// Config is one provider with one client registration.
type Config struct {
	Provider profile.OAuthProvider
	Client   Client
	// HTTP talks to the provider; nil means a client with RequestTimeout.
	HTTP *http.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// RequestTimeout bounds each request to the provider when Config.HTTP is nil.
const RequestTimeout = 30 * time.Second

// SignInTimeout bounds a whole interactive sign-in (browser or device code).
const SignInTimeout = 10 * time.Minute

func (c Config) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c Config) name() string {
	if c.Provider.Name != "" {
		return c.Provider.Name
	}
	return c.Provider.ID
}

// oauth2Config is the x/oauth2 view of c. Client credentials go in the form
// body: public clients have no secret to put in a Basic header, and both
// Microsoft and Google accept the body.
func (c Config) oauth2Config(redirect string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     c.Client.ID,
		ClientSecret: c.Client.Secret,
		RedirectURL:  redirect,
		Scopes:       c.Provider.Scopes,
		Endpoint: oauth2.Endpoint{
			AuthURL:       c.Provider.AuthURL,
			TokenURL:      c.Provider.TokenURL,
			DeviceAuthURL: c.Provider.DeviceURL,
			AuthStyle:     oauth2.AuthStyleInParams,
		},
	}
}

// withHTTP makes x/oauth2 use c's HTTP client.
func (c Config) withHTTP(ctx context.Context) context.Context {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: RequestTimeout}
	}
	return context.WithValue(ctx, oauth2.HTTPClient, hc)
}

// check refuses to start without a client ID.
func (c Config) check(op string) error {
	if c.Client.ID == "" {
		return &Error{Kind: KindNoClient, Op: op, Provider: c.name()}
	}
	return nil
}
