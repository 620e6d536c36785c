package importers_test

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/importers"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// carried resets what a format cannot hold to what import gives instead,
// so the rest must survive export → import exactly.
var carried = map[string]func(p profile.Profile) profile.Profile{
	exporters.TargetThunderbird: func(p profile.Profile) profile.Profile {
		p.TLS = profile.TLSTrust{}
		return p
	},
	exporters.TargetMutt: func(p profile.Profile) profile.Profile {
		p.Name = profile.DefaultName(p.Email)
		p.POP.KeepDays, p.POP.DeleteWhenDeleted = 0, false
		p.TLS = profile.TLSTrust{CAFile: p.TLS.CAFile}
		return p
	},
	exporters.TargetFetchmail: func(p profile.Profile) profile.Profile {
		q := profile.New(p.Incoming.Username, "")
		q.Incoming = p.Incoming
		q.Outgoing.Host = p.Incoming.Host
		q.POP.LeaveOnServer = p.POP.LeaveOnServer
		q.TLS.CAFile = p.TLS.CAFile
		return q
	},
	exporters.TargetMobileConfig: func(p profile.Profile) profile.Profile {
		q := profile.New(p.Email, p.DisplayName)
		q.Incoming, q.Outgoing = p.Incoming, p.Outgoing
		return q
	},
}

var importFormat = map[string]string{
	exporters.TargetThunderbird: importers.FormatThunderbird, exporters.TargetMutt: importers.FormatMutt,
	exporters.TargetFetchmail: importers.FormatFetchmail, exporters.TargetMobileConfig: importers.FormatMobileConfig,
}

func roundTripProfile() profile.Profile {
	p := profile.New("jane@example.test", "Jane Doe")
	p.Name = "jane-home"
	p.Incoming = srv("pop.example.test", 995, profile.SecurityTLS, "jane@example.test", profile.AuthAuto)
	p.Outgoing = srv("smtp.example.test", 587, profile.SecuritySTARTTLS, "jane@example.test", profile.AuthAuto)
	p.POP = profile.POPOptions{LeaveOnServer: true, KeepDays: 30, DeleteWhenDeleted: true, CheckIntervalMinutes: 15}
	p.TLS.CAFile = "/etc/ssl/ca.pem"
	return p
}

func exportImport(t *testing.T, target string, p profile.Profile) (profile.Profile, string) {
	t.Helper()
	e, err := exporters.Lookup(target)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := e.Export(&buf, p, exporters.Options{Now: func() time.Time { return time.Unix(0, 0) }}); err != nil {
		t.Fatalf("export %s: %v", target, err)
	}
	ps, err := importers.Import(importFormat[target], bytes.NewReader(buf.Bytes()))
	if err != nil || len(ps) != 1 {
		t.Fatalf("import of the %s export: %d profiles, %v\n%s", target, len(ps), err, buf.String())
	}
	return ps[0], buf.String()
}

func TestExportImportRoundTrip(t *testing.T) {
	variants := map[string]func(*profile.Profile){
		"tls+starttls": func(*profile.Profile) {},
		"starttls+tls": func(p *profile.Profile) {
			p.Incoming.Security, p.Incoming.Port = profile.SecuritySTARTTLS, 110
			p.Outgoing.Security, p.Outgoing.Port = profile.SecurityTLS, 465
		},
		"delete from server": func(p *profile.Profile) { p.POP = profile.POPOptions{CheckIntervalMinutes: 5} },
		"cram-md5":           func(p *profile.Profile) { p.Incoming.Auth, p.Outgoing.Auth = profile.AuthCRAMMD5, profile.AuthCRAMMD5 },
	}
	for target, mask := range carried {
		for name, change := range variants {
			if name == "cram-md5" && target != exporters.TargetThunderbird && target != exporters.TargetMobileConfig {
				continue
			}
			t.Run(target+"/"+name, func(t *testing.T) {
				p := roundTripProfile()
				change(&p)
				got, file := exportImport(t, target, p)
				if want := mask(p); !reflect.DeepEqual(got, want) {
					t.Errorf("round trip:\n got %+v\nwant %+v\nfile:\n%s", got, want, file)
				}
			})
		}
	}
}

// TestRoundTripNastyStrings: random names and logins with quotes, backslashes,
// backticks, $, #, ; and non-ASCII come back exactly from every format.
func TestRoundTripNastyStrings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		p := roundTripProfile()
		p.DisplayName = randomText(r, `"'\`+"`"+`$#;{}()%&<>ünï€ `)
		p.Incoming.Username = randomText(r, `'\`+"`"+`$#;{}%&ünï!`) + "@example.test"
		p.Outgoing.Username = p.Incoming.Username
		for target, mask := range carried {
			got, file := exportImport(t, target, p)
			if want := mask(p); !reflect.DeepEqual(got, want) {
				t.Fatalf("case %d, %s:\n got %+v\nwant %+v\nfile:\n%s", i, target, got, want, file)
			}
		}
	}
}

func randomText(r *rand.Rand, specials string) string {
	alphabet := []rune("abcXYZ019" + specials)
	var b strings.Builder
	for range 1 + r.IntN(12) {
		b.WriteRune(alphabet[r.IntN(len(alphabet))])
	}
	s := strings.TrimSpace(b.String())
	if s == "" {
		return "x"
	}
	return s
}
