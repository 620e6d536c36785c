package exporters

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// neomuttNames maps mutt's variable names to the ones neomutt prints.
var neomuttNames = map[string]string{"realname": "real_name", "spoolfile": "spool_file", "pop_checkinterval": "pop_check_interval"}

// muttQuery runs `client -n -F rc -Q var…` and returns each value; any
// stderr output fails the test (mutt exits 0 even when the file has errors).
func muttQuery(t *testing.T, client, home, rc string, vars ...string) map[string]string {
	t.Helper()
	args := []string{"-n", "-F", rc}
	for _, v := range vars {
		args = append(args, "-Q", v)
	}
	out, stderr, err := run(t, []string{"HOME=" + home}, nil, client, args...)
	if err != nil || stderr != "" {
		t.Fatalf("%s -Q: %v\nstderr: %s", client, err, stderr)
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		name, value := parseQueryLine(line)
		got[name] = value
	}
	for mutt, neo := range neomuttNames {
		if v, ok := got[neo]; ok {
			got[mutt] = v
		}
	}
	return got
}

// parseQueryLine reads `name="v"`, `name=v`, `name is set` (mutt) and `set name = "v"` (neomutt).
func parseQueryLine(line string) (string, string) {
	line = strings.TrimPrefix(line, "set ")
	if name, ok := strings.CutSuffix(line, " is set"); ok {
		return name, "yes"
	}
	if name, ok := strings.CutSuffix(line, " is unset"); ok {
		return name, "no"
	}
	name, value, _ := strings.Cut(line, "=")
	name, value = strings.TrimSpace(name), strings.TrimSpace(value)
	if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
		value = unescapeQuery(value[1 : len(value)-1])
	}
	return name, value
}

// unescapeQuery reverses what -Q escapes: \\ \" \n \r \t.
func unescapeQuery(s string) string {
	r := strings.NewReplacer(`\\`, `\`, `\"`, `"`, `\n`, "\n", `\r`, "\r", `\t`, "\t")
	return r.Replace(s)
}

const nastyPassword = "p\"a\\ss w#rd'x$HOME`touch CANARY`;$(touch CANARY) ${HOME}x ünï\t%s\\"

func TestMuttAndNeomuttReadBackEveryVariable(t *testing.T) {
	mailtest.NeedTool(t, "mutt", "neomutt")
	for _, client := range []string{"mutt", "neomutt"} {
		for _, c := range []struct {
			name string
			p    profile.Profile
		}{{"tls", sampleProfile()}, {"starttls", starttlsProfile()}} {
			t.Run(client+"/"+c.name, func(t *testing.T) {
				checkMuttVariables(t, client, c.p)
			})
		}
	}
}

func checkMuttVariables(t *testing.T, client string, p profile.Profile) {
	home := t.TempDir()
	canary := filepath.Join(home, "CANARY")
	pw := strings.ReplaceAll(nastyPassword, "CANARY", canary)
	p.DisplayName = strings.ReplaceAll(`Jane "J" O'Doe $(touch CANARY) `+"`touch CANARY`", "CANARY", canary)
	p.TLS.CAFile = "/etc/ssl/ca 'x'.pem"
	o := opts()
	o.Secrets, o.Password = SecretsInline, profile.NewPassword(pw)
	rc := writeFile(t, home, "muttrc", export(t, Mutt(), p, o), 0o600)
	want := map[string]string{
		"realname": p.DisplayName, "from": p.Email, "pop_user": p.Incoming.Username,
		"pop_host": muttURL(popScheme(p.Incoming.Security), p.Incoming), "spoolfile": muttURL(popScheme(p.Incoming.Security), p.Incoming) + "/",
		"smtp_url": muttSMTPURL(p.Outgoing), "pop_delete": muttBool(!p.POP.LeaveOnServer),
		"ssl_force_tls": "yes", "ssl_starttls": "yes", "pop_pass": pw, "smtp_pass": pw,
		"ssl_ca_certificates_file": p.TLS.CAFile, "pop_checkinterval": itoa(muttCheckSeconds(p.POP)),
	}
	var vars []string
	for v := range want {
		vars = append(vars, v)
	}
	got := muttQuery(t, client, home, rc, vars...)
	for v, w := range want {
		checkEq(t, client+" "+v, got[v], w)
	}
	assertNoFile(t, canary)
}

func TestMuttCommandModeUsesTheCommandOutputLiterally(t *testing.T) {
	mailtest.NeedTool(t, "mutt", "neomutt")
	for _, client := range []string{"mutt", "neomutt"} {
		home := t.TempDir()
		canary := filepath.Join(home, "CANARY")
		pw := strings.ReplaceAll(nastyPassword, "CANARY", canary)
		pwFile := writeFile(t, home, "pw file", []byte(pw+"\nsecond line\n"), 0o600)
		o := opts()
		o.Secrets, o.Command = SecretsCommand, "cat '"+pwFile+"'"
		rc := writeFile(t, home, "muttrc", export(t, Mutt(), sampleProfile(), o), 0o600)
		got := muttQuery(t, client, home, rc, "pop_pass", "smtp_pass")
		checkEq(t, client+" pop_pass", got["pop_pass"], pw)
		checkEq(t, client+" smtp_pass", got["smtp_pass"], pw)
		assertNoFile(t, canary)
	}
}

func TestMuttCommandModeRejectsCommandsThatBreakOut(t *testing.T) {
	for _, cmd := range []string{"", "pass show `x`", "pass show x\\", "pass\nshow", "a\x00b"} {
		o := opts()
		o.Secrets, o.Command = SecretsCommand, cmd
		if err := Mutt().Export(new(strings.Builder), sampleProfile(), o); err == nil {
			t.Errorf("command %q was accepted", cmd)
		}
	}
}

func assertNoFile(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Lstat(path); err == nil {
		t.Fatalf("%s exists: a value was executed as a command", path)
	}
}
