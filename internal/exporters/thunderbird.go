package exporters

import (
	"io"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Thunderbird writes a user.js for a new, empty Thunderbird profile: the POP3
// account, its identity, the SMTP server and Local Folders, with every POP
// option written out (Thunderbird's pref defaults differ from its wizard's:
// leaving keys out can make it delete mail from the server). Placer merges
// the same prefs into an existing profile's prefs.js instead.
func Thunderbird() Exporter { return funcExporter{TargetThunderbird, writeUserJS} }

func writeUserJS(w io.Writer, p profile.Profile, o Options) error {
	prefs, err := thunderbirdPrefs(p, freshKeys())
	if err != nil {
		return err
	}
	lines := append(headerLines(p, o, "Thunderbird"),
		"For a NEW, empty profile: copy into the profile directory, start Thunderbird once, then DELETE this",
		"user.js (Thunderbird re-applies it on every start and would hide accounts added later).",
		"To add the account to an existing profile, run setupwiz export --format thunderbird without --out.")
	lines = append(lines, tbSignInNote(p)...)
	_, err = io.WriteString(w, commentBlock("//", lines)+renderPrefs(prefs))
	return err
}

// tbSignInNote says what happens at the first check: a password prompt, or
// Thunderbird's own OAuth2 sign-in (authMethod 10), which it runs only for
// the providers it knows (Microsoft, Google, Yahoo, AOL and a few others).
func tbSignInNote(p profile.Profile) []string {
	if p.OAuth == nil && !p.Incoming.Auth.IsOAuth() {
		return []string{"Thunderbird asks for the password at the first check (passwords cannot be set through prefs)."}
	}
	return []string{"OAuth2 (authMethod 10): at the first check Thunderbird opens the provider's sign-in page itself,",
		"with its own registration; setupwiz's sign-in is not shared with it. It does so only for providers it knows."}
}

func renderPrefs(prefs []pref) string {
	var b strings.Builder
	for _, p := range prefs {
		b.WriteString(prefLine(p) + "\n")
	}
	return b.String()
}

// thunderbirdPrefs lists every pref for the account under keys k.
func thunderbirdPrefs(p profile.Profile, k tbKeys) ([]pref, error) {
	if err := checkProfile(TargetThunderbird, p); err != nil {
		return nil, err
	}
	prefs := tbGlobalPrefs(k)
	prefs = append(prefs, tbLocalFolders(k)...)
	prefs = append(prefs, pref{"mail.account." + k.Account + ".identities", k.Identity},
		pref{"mail.account." + k.Account + ".server", k.Server})
	prefs = append(prefs, tbServerPrefs(p, "mail.server."+k.Server+".")...)
	prefs = append(prefs, tbIdentityPrefs(p, "mail.identity."+k.Identity+".", k.SMTP)...)
	return append(prefs, tbSMTPPrefs(p, "mail.smtpserver."+k.SMTP+".")...), nil
}

func tbGlobalPrefs(k tbKeys) []pref {
	prefs := []pref{
		{"mail.accountmanager.accounts", strings.Join(k.Accounts, ",")},
		{"mail.accountmanager.localfoldersserver", k.LocalFolders},
		{"mail.account.lastKey", k.LastKey},
		{"mail.smtpservers", strings.Join(k.SMTPServers, ",")},
	}
	if k.DefaultAccount != "" {
		prefs = append(prefs, pref{"mail.accountmanager.defaultaccount", k.DefaultAccount})
	}
	if k.DefaultSMTP != "" {
		prefs = append(prefs, pref{"mail.smtp.defaultserver", k.DefaultSMTP})
	}
	return prefs
}

func tbLocalFolders(k tbKeys) []pref {
	if k.LocalServer == "" {
		return nil
	}
	s := "mail.server." + k.LocalServer + "."
	return []pref{
		{"mail.account." + k.LocalAccount + ".server", k.LocalServer},
		{s + "type", "none"}, {s + "hostname", "Local Folders"},
		{s + "userName", "nobody"}, {s + "name", "Local Folders"},
	}
}

// tbServerPrefs writes every POP option explicitly. The key is "hostname"
// (lower case): Thunderbird silently drops an account written with hostName.
func tbServerPrefs(p profile.Profile, s string) []pref {
	in, pop := p.Incoming, p.POP
	return []pref{
		{s + "type", "pop3"},
		{s + "hostname", strings.ToLower(in.Host)},
		{s + "port", in.Port},
		{s + "socketType", tbSocketType(in.Security)},
		{s + "authMethod", tbAuthMethod(in.Auth)},
		{s + "userName", in.Username},
		{s + "name", p.Email},
		{s + "login_at_startup", pop.CheckIntervalMinutes > 0},
		{s + "check_new_mail", pop.CheckIntervalMinutes > 0},
		{s + "check_time", tbCheckMinutes(pop)},
		{s + "download_on_biff", true},
		{s + "leave_on_server", pop.LeaveOnServer},
		{s + "delete_by_age_from_server", pop.LeaveOnServer && pop.KeepDays > 0},
		{s + "num_days_to_leave_on_server", tbKeepDays(pop)},
		{s + "delete_mail_left_on_server", pop.LeaveOnServer && pop.DeleteWhenDeleted},
		{s + "headers_only", false},
		{s + "defer_get_new_mail", false},
		{s + markerPref, p.Name},
	}
}

func tbIdentityPrefs(p profile.Profile, s, smtpKey string) []pref {
	return []pref{
		{s + "fullName", p.DisplayName},
		{s + "useremail", p.Email},
		{s + "smtpServer", smtpKey},
		{s + "valid", true},
	}
}

// tbSMTPPrefs: SMTP servers use "username" and "try_ssl" where incoming
// servers use "userName" and "socketType"; "type" is written since 128.
func tbSMTPPrefs(p profile.Profile, s string) []pref {
	out := p.Outgoing
	return []pref{
		{s + "type", "smtp"},
		{s + "hostname", strings.ToLower(out.Host)},
		{s + "port", out.Port},
		{s + "try_ssl", tbSocketType(out.Security)},
		{s + "authMethod", tbAuthMethod(out.Auth)},
		{s + "username", out.Username},
		{s + "description", p.Email},
	}
}

// tbSocketType: 0 plain, 2 STARTTLS required, 3 implicit TLS (1 no longer exists).
func tbSocketType(sec profile.Security) int {
	switch sec {
	case profile.SecurityTLS:
		return 3
	case profile.SecuritySTARTTLS:
		return 2
	}
	return 0
}

// tbAuthMethod: 3 normal password, 4 encrypted password (CRAM-MD5, APOP), 10 OAuth2.
func tbAuthMethod(a profile.AuthMethod) int {
	switch a {
	case profile.AuthCRAMMD5, profile.AuthAPOP:
		return 4
	case profile.AuthXOAuth2, profile.AuthOAuthBearer:
		return 10
	}
	return 3
}

func tbCheckMinutes(o profile.POPOptions) int {
	if o.CheckIntervalMinutes <= 0 {
		return 10
	}
	return o.CheckIntervalMinutes
}

func tbKeepDays(o profile.POPOptions) int {
	if o.KeepDays <= 0 {
		return 14
	}
	return o.KeepDays
}
