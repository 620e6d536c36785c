package oauth

import (
	"fmt"
	"os/exec"
	"runtime"
	"strings"
)

// SystemBrowser returns a function that opens a URL: with the program the
// BROWSER convention names (browser, the first of a colon-separated list),
// else with xdg-open (open on macOS). It returns nil when there is no such
// program, or no graphical session to show a browser in (hasDisplay false:
// over SSH, xdg-open would start a text browser inside the very terminal
// setupwiz draws on). The URL is not a secret: it carries the state and the
// PKCE challenge, never the verifier.
func SystemBrowser(browser string, hasDisplay bool) func(string) error {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name, hasDisplay = "open", true
	}
	if b, _, _ := strings.Cut(browser, ":"); b != "" {
		name, hasDisplay = b, true
	}
	path, err := exec.LookPath(name)
	if err != nil || !hasDisplay {
		return nil
	}
	return func(url string) error {
		cmd := exec.Command(path, url)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, nil, nil // never the terminal setupwiz draws on
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("starting %s: %w", name, err)
		}
		go cmd.Wait() // reap it; a browser it hands off to lives on
		return nil
	}
}
