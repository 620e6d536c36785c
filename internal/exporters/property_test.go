package exporters

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// Property: random names, users and passwords full of quoting hazards come
// back exactly from each real client's parser, and nothing is executed (the
// values carry commands that would create a canary file). Values are batched
// into few files so each client runs only a few times.

// hazards are the pieces random values are built from; CANARY is replaced by a path.
var hazards = []string{
	`"`, `\`, "`", `$`, `#`, `;`, `'`, ` `, "\t", "\n", "\r", `%`, `(`, `)`, `{`, `}`, `=`, `,`, `@`, `:`, `/`,
	"$(touch CANARY)", "`touch CANARY`", "${HOME}", "$HOME", `\x41`, `\n`, `\0`, `\"`, `'\''`, `--`, `]]>`, `&amp;`, `<`, `>`,
	"\x01", "\x1b", "\x7f", "ü", "€", "😀", "ß", "\u2028", "a", "Z", "0", "9", "%s", "%T", "*/", "//",
}

// randomValues returns n values, each allowed by keep, from a fixed seed.
func randomValues(n int, seed uint64, canary string, keep func(string) bool) []string {
	r := rand.New(rand.NewPCG(seed, seed^0x5e7))
	var out []string
	for len(out) < n {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(hazards[r.IntN(len(hazards))])
		}
		if v := strings.ReplaceAll(b.String(), "CANARY", canary); keep(v) {
			out = append(out, v)
		}
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func noLineEnds(s string) bool { return !strings.ContainsAny(s, "\r\n") }

func TestPropertyFetchmailRoundTrip(t *testing.T) {
	dir := t.TempDir()
	canary := filepath.Join(dir, "CANARY")
	// ASCII only: fetchmail 6.4.37's dump garbles non-ASCII (the wire is tested with bob's UTF-8 password).
	passwords := randomValues(2000, 1, canary, isASCII)
	users := randomValues(2000, 2, canary, func(s string) bool { return isASCII(s) && noLineEnds(s) })
	var rc strings.Builder
	for i := range passwords {
		p := sampleProfile()
		p.Incoming.Host, p.Incoming.Username = fmt.Sprintf("h%d.example.test", i), users[i]
		o := opts()
		o.Secrets, o.Password = SecretsInline, profile.NewPassword(passwords[i])
		rc.Write(export(t, Fetchmail(), p, o))
	}
	servers := fetchmailDump(t, []byte(rc.String()))
	if len(servers) != len(passwords) {
		t.Fatalf("fetchmail read %d entries, want %d", len(servers), len(passwords))
	}
	for i, s := range servers {
		checkEq(t, fmt.Sprintf("entry %d user", i), s.Users[0].Remote, users[i])
		checkEq(t, fmt.Sprintf("entry %d password", i), deref(s.Users[0].Password), passwords[i])
	}
	assertNoFile(t, canary)
}

// muttStringVars are plain string variables both mutt and neomutt print back unchanged.
var muttStringVars = []string{"pop_pass", "smtp_pass", "pop_user", "realname", "hostname", "attribution", "indent_string",
	"post_indent_string", "forward_attribution_intro", "forward_attribution_trailer", "imap_pass", "imap_user",
	"smime_default_key", "pgp_default_key", "imap_login", "dsn_return"}

func TestPropertyMuttRoundTrip(t *testing.T) {
	mailtest.NeedTool(t, "mutt", "neomutt")
	for _, c := range []struct {
		client string
		n      int
	}{{"mutt", 2000}, {"neomutt", 480}} {
		t.Run(c.client, func(t *testing.T) {
			home := t.TempDir()
			canary := filepath.Join(home, "CANARY")
			values := randomValues(c.n, 3, canary, func(string) bool { return true })
			for start := 0; start < len(values); start += len(muttStringVars) {
				muttBatch(t, c.client, home, values[start:min(start+len(muttStringVars), len(values))])
			}
			assertNoFile(t, canary)
		})
	}
}

func muttBatch(t *testing.T, client, home string, values []string) {
	t.Helper()
	var rc strings.Builder
	for i, v := range values {
		fmt.Fprintf(&rc, "set %s=%s\n", muttStringVars[i], muttQuote(v))
	}
	path := writeFile(t, home, "muttrc", []byte(rc.String()), 0o600)
	got := muttQuery(t, client, home, path, muttStringVars[:len(values)]...)
	for i, v := range values {
		if got[muttStringVars[i]] != v {
			t.Fatalf("%s read %s back as %q, want %q; file:\n%s", client, muttStringVars[i], got[muttStringVars[i]], v, rc.String())
		}
	}
}

func TestPropertyPrefsRoundTripThroughJavaScript(t *testing.T) {
	mailtest.NeedTool(t, "node")
	values := randomValues(3000, 4, "/tmp/never", func(s string) bool { return true })
	var file strings.Builder
	for i, v := range values {
		file.WriteString(prefLine(pref{fmt.Sprintf("setupwiz.test.%d", i), v}) + "\n")
	}
	const script = `const fs=require('fs'); const prefs={}; function user_pref(k,v){prefs[k]=v}
eval(fs.readFileSync(0,'utf8')); process.stdout.write(JSON.stringify(prefs))`
	out, stderr, err := run(t, nil, []byte(file.String()), "node", "-e", script)
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	ours := parsePrefs([]byte(file.String()))
	for i, v := range values {
		name := fmt.Sprintf("setupwiz.test.%d", i)
		checkEq(t, name+" (JavaScript)", got[name], v)
		checkEq(t, name+" (our parser)", ours.str(name), v)
	}
}

func TestPropertyPlistRoundTripThroughPlistlib(t *testing.T) {
	mailtest.NeedTool(t, "python3")
	values := randomValues(3000, 5, "/tmp/never", func(s string) bool { return checkXMLChars("", "", s) == nil })
	var d []plistEntry
	for i, v := range values {
		d = append(d, plistEntry{fmt.Sprintf("k%d", i), v})
	}
	const script = `import plistlib, sys, json; json.dump(plistlib.loads(sys.stdin.buffer.read()), sys.stdout)`
	out, stderr, err := run(t, nil, []byte(renderPlist(d)), "python3", "-c", script)
	if err != nil {
		t.Fatalf("plistlib: %v\n%s", err, stderr)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for i, v := range values {
		checkEq(t, fmt.Sprintf("k%d", i), got[fmt.Sprintf("k%d", i)], v)
	}
}
