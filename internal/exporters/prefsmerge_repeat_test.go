package exporters

import "testing"

// Exporting again while setupwiz's own block is still there (Thunderbird not
// started in between) must produce the same account, Local Folders and
// defaults, not drop what only the old block declared.
func TestPrefsMergeTwiceWithTheBlockStillThere(t *testing.T) {
	for _, start := range []struct{ name, prefs string }{{"empty profile", ""}, {"existing accounts", existingPrefs}} {
		t.Run(start.name, func(t *testing.T) {
			dir := tbProfileDir(t, start.prefs)
			_, first := mergeOnce(t, dir)
			_, second := mergeOnce(t, dir)
			_, third := mergeOnce(t, dir)
			for _, name := range []string{"mail.accountmanager.accounts", "mail.accountmanager.defaultaccount",
				"mail.accountmanager.localfoldersserver", "mail.smtp.defaultserver", "mail.smtpservers", "mail.account.lastKey"} {
				checkEq(t, name+" (second)", second[name], first[name])
				checkEq(t, name+" (third)", third[name], first[name])
			}
			lf := third.str("mail.accountmanager.localfoldersserver")
			checkEq(t, "local folders type", third.str("mail.server."+lf+".type"), "none")
			for _, acct := range []string{third.str("mail.accountmanager.defaultaccount")} {
				if third.str("mail.account."+acct+".server") == "" {
					t.Errorf("default account %q points to no server", acct)
				}
			}
		})
	}
}
