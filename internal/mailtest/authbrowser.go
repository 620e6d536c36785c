package mailtest

import (
	"fmt"
	"io"
	"net/http"
	"time"
)

// Browse plays the browser for a sign-in URL: it asks the authorization
// endpoint, then follows its redirect to the program's loopback address, as
// a browser would. It returns an error when either step fails.
func (a *AuthServer) Browse(authURL string) error {
	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err := client.Get(authURL)
	if err != nil {
		return fmt.Errorf("browser: %w", err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || loc == "" {
		return fmt.Errorf("browser: the authorization endpoint answered %s, not a redirect", resp.Status)
	}
	back, err := client.Get(loc)
	if err != nil {
		return fmt.Errorf("browser: following the redirect to %s: %w", loc, err)
	}
	defer back.Body.Close()
	io.Copy(io.Discard, io.LimitReader(back.Body, 1<<16))
	return nil
}
