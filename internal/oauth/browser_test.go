package oauth_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/oauth"
)

func TestSystemBrowser(t *testing.T) {
	if oauth.SystemBrowser("", false) != nil && os.Getenv("GOOS") != "darwin" {
		t.Error("a browser is offered without a graphical session")
	}
	if oauth.SystemBrowser("/no/such/browser", true) != nil {
		t.Error("a missing BROWSER program is offered")
	}
	dir := t.TempDir()
	got := filepath.Join(dir, "got")
	script := filepath.Join(dir, "browser")
	os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s' \"$1\" > "+got+"\n"), 0o700)
	open := oauth.SystemBrowser(script+":firefox", false)
	if open == nil {
		t.Fatal("BROWSER was not used")
	}
	if err := open("https://login.example/a?x=1&y=2"); err != nil {
		t.Fatal(err)
	}
	for range 100 {
		if b, _ := os.ReadFile(got); string(b) == "https://login.example/a?x=1&y=2" {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Error("the browser did not get the URL as its one argument")
}
