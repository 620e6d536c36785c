package profile_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// fullProfile sets every field to a non-zero value, so a lost field shows up in the round trip.
func fullProfile() profile.Profile {
	at := time.Date(2026, 11, 25, 18, 4, 5, 123456789, time.UTC)
	return profile.Profile{
		Name:        "jane@spectrum.net",
		Email:       "jane@spectrum.net",
		DisplayName: `Jane "J" O'Doe \ ünï`,
		Incoming:    profile.Server{Host: "mobile.charter.net", Port: 995, Security: profile.SecurityTLS, Username: "jane@spectrum.net", Auth: profile.AuthUserPass},
		Outgoing:    profile.Server{Host: "smtp.charter.net", Port: 587, Security: profile.SecuritySTARTTLS, Username: "jane", Auth: profile.AuthSCRAMSHA256},
		POP:         profile.POPOptions{LeaveOnServer: true, KeepDays: 14, DeleteWhenDeleted: true, CheckIntervalMinutes: 7},
		Secret:      profile.SecretRef{Kind: profile.SecretPass, Ref: "mail/jane"},
		OAuth: &profile.OAuth{
			Provider: profile.OAuthProvider{ID: "corp", Name: "Corp SSO", AuthURL: "https://sso.example/a", TokenURL: "https://sso.example/t",
				DeviceURL: "https://sso.example/d", RevokeURL: "https://sso.example/r", Scopes: []string{"mail", "offline_access"},
				DeviceFlow: true, RedirectHost: "localhost", AuthParams: map[string]string{"prompt": "consent"}},
			ClientID: "client", Token: profile.SecretRef{Kind: profile.SecretPass, Ref: "setupwiz/oauth2/jane"},
		},
		TLS: profile.TLSTrust{CAFile: "/etc/ca.pem", PinnedSHA256: []string{"AA:BB", "CC:DD"}, SeenSHA256: []string{"EE:FF"}, AllowPlaintext: true,
			PinnedCert: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", PinnedCertFile: "/home/j/.config/setupwiz/certs/jane.pem",
			SeenCert: "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n"},
		Verified: at,
		Exports: []profile.ExportRecord{
			{Target: "mutt", Path: "/home/j/.muttrc", Format: "managed-block", Checksum: "abc", Secrets: "none", Written: at.Add(time.Second)},
			{Target: "fetchmail", Path: "/home/j/.fetchmailrc", Format: "managed-block", Checksum: "def", Secrets: "inline", Written: at},
		},
		History: []profile.HistoryEntry{{When: at, Summary: "created"}, {When: at.Add(time.Hour), Summary: "password changed"}},
	}
}

// assertAllSet fails when any field of v (recursively) is its zero value.
func assertAllSet(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	if v.Kind() == reflect.Struct && v.Type() != reflect.TypeOf(time.Time{}) {
		for i := range v.NumField() {
			assertAllSet(t, v.Field(i), path+"."+v.Type().Field(i).Name)
		}
		return
	}
	if v.Kind() == reflect.Int && path == ".Incoming.Security" {
		return // SecurityTLS is the zero value on purpose
	}
	if v.IsZero() {
		t.Errorf("fixture leaves %s at its zero value: the round trip would not test it", path)
	}
}

func TestStoreRoundTripsEveryField(t *testing.T) {
	s := profile.Store{Dir: t.TempDir()}
	want := fullProfile()
	assertAllSet(t, reflect.ValueOf(want), "")
	if err := s.Save(want); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load(want.Name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip changed the profile:\n got %+v\nwant %+v", got, want)
	}
}

func TestStoreFileLayoutAndModes(t *testing.T) {
	s := profile.Store{Dir: filepath.Join(t.TempDir(), "setupwiz")}
	p := fullProfile()
	if err := s.Save(p); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(s.Path(p.Name))
	if err != nil {
		t.Fatal(err)
	}
	firstKey := strings.SplitN(strings.SplitN(string(data), "\n", 3)[1], "\n", 2)[0]
	if firstKey != "schema_version = 1" {
		t.Errorf("first key line is %q, want schema_version = 1", firstKey)
	}
	assertMode(t, s.Path(p.Name), 0o600)
	assertMode(t, filepath.Dir(s.Path(p.Name)), 0o700|os.ModeDir)
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode() != want {
		t.Errorf("%s has mode %v, want %v", path, fi.Mode(), want)
	}
}

func TestStoreKeepsOneBackup(t *testing.T) {
	s := profile.Store{Dir: t.TempDir()}
	p := fullProfile()
	for _, name := range []string{"First", "Second", "Third"} {
		p.DisplayName = name
		if err := s.Save(p); err != nil {
			t.Fatal(err)
		}
	}
	bak, err := os.ReadFile(s.Path(p.Name) + ".bak")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(bak), `display_name = "Second"`) {
		t.Errorf("backup does not hold the previous version:\n%s", bak)
	}
	assertMode(t, s.Path(p.Name)+".bak", 0o600)
	entries, _ := os.ReadDir(filepath.Dir(s.Path(p.Name)))
	if len(entries) != 2 {
		t.Errorf("profiles dir has %d entries, want the profile and one backup (no temp files left)", len(entries))
	}
}

func TestStoreRefusesFutureSchema(t *testing.T) {
	s := profile.Store{Dir: t.TempDir()}
	p := fullProfile()
	if err := s.Save(p); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(s.Path(p.Name))
	future := strings.Replace(string(data), "schema_version = 1", "schema_version = 2", 1)
	if err := os.WriteFile(s.Path(p.Name), []byte(future), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := s.Load(p.Name)
	if err == nil || !strings.Contains(err.Error(), "newer than this setupwiz understands") {
		t.Errorf("Load of schema 2 = %v, want a clear 'upgrade setupwiz' error", err)
	}
}

func TestStoreRefusesFileWithoutSchema(t *testing.T) {
	s := profile.Store{Dir: t.TempDir()}
	if err := os.MkdirAll(filepath.Dir(s.Path("x")), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.Path("x"), []byte("name = \"x\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load("x"); err == nil || !strings.Contains(err.Error(), "no schema_version") {
		t.Errorf("Load without schema = %v, want a 'no schema_version' error", err)
	}
}

func TestStoreListAndDelete(t *testing.T) {
	s := profile.Store{Dir: t.TempDir()}
	if ps, err := s.List(); err != nil || len(ps) != 0 {
		t.Fatalf("List of an empty store = %v, %v", ps, err)
	}
	for _, email := range []string{"b@example.test", "a@example.test"} {
		if err := s.Save(profile.New(email, "")); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := s.List()
	if err != nil || len(ps) != 2 || ps[0].Name != "a@example.test" || ps[1].Name != "b@example.test" {
		t.Fatalf("List = %v, %v; want a, b in order", ps, err)
	}
	if err := s.Delete("a@example.test"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load("a@example.test"); !errors.Is(err, profile.ErrNotFound) {
		t.Errorf("Load after Delete = %v, want ErrNotFound", err)
	}
	if err := s.Delete("a@example.test"); !errors.Is(err, profile.ErrNotFound) {
		t.Errorf("second Delete = %v, want ErrNotFound", err)
	}
}

func TestStoreListReportsBrokenFileButKeepsOthers(t *testing.T) {
	s := profile.Store{Dir: t.TempDir()}
	if err := s.Save(profile.New("a@example.test", "")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.Path("broken"), []byte("schema_version = [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ps, err := s.List()
	if len(ps) != 1 || err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("List = %d profiles, %v; want 1 and an error naming the broken file", len(ps), err)
	}
}

func TestStoreRejectsUnsafeNames(t *testing.T) {
	s := profile.Store{Dir: t.TempDir()}
	for _, name := range []string{"", "../x", "a/b", ".hidden", "UPPER"} {
		if _, err := s.Load(name); err == nil || errors.Is(err, profile.ErrNotFound) {
			t.Errorf("Load(%q) = %v, want a name error", name, err)
		}
	}
	p := fullProfile()
	p.Name = "../escape"
	if err := s.Save(p); err == nil {
		t.Error("Save accepted the name ../escape")
	}
}

func TestStoreRefusesInvalidProfile(t *testing.T) {
	s := profile.Store{Dir: t.TempDir()}
	p := fullProfile()
	p.Incoming.Port = 0
	if err := s.Save(p); err == nil || !strings.Contains(err.Error(), "incoming.port") {
		t.Errorf("Save of an invalid profile = %v, want a field error", err)
	}
}

// TestProfileNeverHoldsPassword: Profile has no field that could carry a
// Password, and a Password that reaches an encoder is written redacted.
func TestProfileNeverHoldsPassword(t *testing.T) {
	pwType := reflect.TypeOf(profile.Password{})
	walkTypes(t, reflect.TypeOf(profile.Profile{}), "Profile", func(path string, ft reflect.Type) {
		if ft == pwType {
			t.Errorf("%s is a Password: the profile must hold only a secret reference", path)
		}
	})
	secret := "hunter2-s3cr3t"
	holder := struct {
		P profile.Password `toml:"p" json:"p"`
	}{profile.NewPassword(secret)}
	var sb strings.Builder
	if err := toml.NewEncoder(&sb).Encode(holder); err != nil {
		t.Fatal(err)
	}
	j, _ := json.Marshal(holder)
	for _, out := range []string{sb.String(), string(j)} {
		if strings.Contains(out, secret) || !strings.Contains(out, "[REDACTED]") {
			t.Errorf("encoded password = %q, want [REDACTED]", out)
		}
	}
}

func walkTypes(t *testing.T, typ reflect.Type, path string, visit func(string, reflect.Type)) {
	t.Helper()
	visit(path, typ)
	switch typ.Kind() {
	case reflect.Struct:
		for i := range typ.NumField() {
			f := typ.Field(i)
			walkTypes(t, f.Type, path+"."+f.Name, visit)
		}
	case reflect.Slice, reflect.Array, reflect.Pointer, reflect.Map:
		walkTypes(t, typ.Elem(), path+"[]", visit)
	}
}
