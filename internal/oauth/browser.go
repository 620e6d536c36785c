package oauth

import (
	"fmt"
	"os/exec"
	"runtime"
)

// SystemBrowser returns a function that opens a URL with xdg-open (open on
// macOS), or nil when there is no such program or no graphical session to
// show a browser in (hasDisplay false: over SSH, xdg-open would start a text
// browser inside the very terminal setupwiz draws on). The URL is not a
// secret: it carries the state and the PKCE challenge, never the verifier.
func SystemBrowser(hasDisplay bool) func(string) error {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name, hasDisplay = "open", true
	}
	path, err := exec.LookPath(name)
	if err != nil || !hasDisplay {
		return nil
	}
	return func(url string) error {
		cmd := exec.Command(path, url)
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("starting %s: %w", name, err)
		}
		go cmd.Wait() // reap it; a browser it hands off to lives on
		return nil
	}
}
