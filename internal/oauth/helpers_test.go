package oauth_test

import (
	"sync"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/oauth"
)

// memVault keeps a Grant in memory and counts saves.
type memVault struct {
	mu    sync.Mutex
	g     oauth.Grant
	saves int
}

func (v *memVault) Load() (oauth.Grant, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.g, nil
}

func (v *memVault) Save(g oauth.Grant) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.g, v.saves = g, v.saves+1
	return nil
}

func (v *memVault) get() oauth.Grant {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.g
}

// testConfig is a Config for the public test client of a.
func testConfig(a *mailtest.AuthServer) oauth.Config {
	return oauth.Config{Provider: a.Provider(), Client: oauth.Client{ID: mailtest.AuthClientID}}
}

// browse returns a Browser that plays the browser in the background and
// reports its error on the test.
func browse(t *testing.T, a *mailtest.AuthServer) func(string) error {
	return func(u string) error {
		go func() {
			if err := a.Browse(u); err != nil {
				t.Errorf("browser: %v", err)
			}
		}()
		return nil
	}
}
