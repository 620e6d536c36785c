package exporters

import (
	"bytes"
	"io"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// MobileConfig writes an Apple configuration profile with one
// com.apple.mail.managed payload (EmailTypePOP). Identifiers and UUIDs are
// derived from the address and incoming host, so installing a new export
// replaces the old profile. No password is included unless
// Options.IncludePassword: the device asks. With Options.SignCert/SignKey the
// output is CMS SignedData (DER), verified before it is written.
func MobileConfig() Exporter { return funcExporter{TargetMobileConfig, writeMobileConfig} }

func writeMobileConfig(w io.Writer, p profile.Profile, o Options) error {
	plist, err := mobileConfigPlist(p, o)
	if err != nil {
		return err
	}
	if o.SignCert == nil && o.SignKey == nil {
		_, err = io.WriteString(w, plist)
		return err
	}
	signed, err := SignCMS([]byte(plist), o.SignCert, o.SignKey)
	if err != nil {
		return err
	}
	if content, err := VerifyCMS(signed); err != nil || !bytes.Equal(content, []byte(plist)) {
		return &FieldError{TargetMobileConfig, "signature", "did not verify after signing: " + errText(err)}
	}
	_, err = w.Write(signed)
	return err
}

func errText(err error) string {
	if err == nil {
		return "the signed content differs"
	}
	return err.Error()
}

func mobileConfigPlist(p profile.Profile, o Options) (string, error) {
	if err := checkProfile(TargetMobileConfig, p); err != nil {
		return "", err
	}
	if err := checkXMLFields(TargetMobileConfig, p); err != nil {
		return "", err
	}
	if p.OAuth != nil || p.Incoming.Auth.IsOAuth() || p.Outgoing.Auth.IsOAuth() {
		return "", errNoAppleOAuth
	}
	mail, err := mailPayload(p, o)
	if err != nil {
		return "", err
	}
	id := "org.setupwiz.profile." + strings.ToLower(accountUUID("profile", p.Email, p.Incoming.Host))
	top := []plistEntry{
		{"PayloadContent", append([][]plistEntry{mail}, certPayloads(p, id)...)},
		{"PayloadDescription", mobileConfigDescription(p, o)},
		{"PayloadDisplayName", "Mail: " + p.Email},
		{"PayloadIdentifier", id},
		{"PayloadOrganization", "setupwiz"},
		{"PayloadRemovalDisallowed", false},
		{"PayloadType", "Configuration"},
		{"PayloadUUID", accountUUID("profile", p.Email, p.Incoming.Host)},
		{"PayloadVersion", 1},
	}
	return renderPlist(top), nil
}

func mobileConfigDescription(p profile.Profile, o Options) string {
	d := "POP3 and SMTP settings for " + p.Email + ", written by setupwiz on " + o.now().Format("2006-01-02") + "."
	if o.Unverified {
		d += " UNVERIFIED: these settings did not pass a live login check."
	}
	return d
}

func mailPayload(p profile.Profile, o Options) ([]plistEntry, error) {
	in, out := p.Incoming, p.Outgoing
	id := "org.setupwiz.profile." + strings.ToLower(accountUUID("profile", p.Email, in.Host)) + ".mail"
	d := []plistEntry{
		{"EmailAccountDescription", p.Email},
		{"EmailAccountName", p.DisplayName},
		{"EmailAccountType", "EmailTypePOP"},
		{"EmailAddress", p.Email},
		{"IncomingMailServerAuthentication", appleAuth(in.Auth)},
		{"IncomingMailServerHostName", strings.ToLower(in.Host)},
		{"IncomingMailServerPortNumber", in.Port},
		{"IncomingMailServerUseSSL", in.Security != profile.SecurityNone},
		{"IncomingMailServerUsername", in.Username},
		{"OutgoingMailServerAuthentication", appleAuth(out.Auth)},
		{"OutgoingMailServerHostName", strings.ToLower(out.Host)},
		{"OutgoingMailServerPortNumber", out.Port},
		{"OutgoingMailServerUseSSL", out.Security != profile.SecurityNone},
		{"OutgoingMailServerUsername", out.Username},
		{"OutgoingPasswordSameAsIncomingPassword", true},
		{"PayloadDisplayName", "Mail: " + p.Email},
		{"PayloadIdentifier", id},
		{"PayloadType", "com.apple.mail.managed"},
		{"PayloadUUID", accountUUID("mail", p.Email, in.Host)},
		{"PayloadVersion", 1},
	}
	return withPassword(d, o)
}

// withPassword adds both passwords only on explicit request; the profile is then readable secret material.
func withPassword(d []plistEntry, o Options) ([]plistEntry, error) {
	if !o.IncludePassword {
		return d, nil
	}
	if o.Password.IsEmpty() {
		return nil, &FieldError{TargetMobileConfig, "password", "is empty: including the password needs it"}
	}
	pw := o.Password.Reveal()
	if err := checkXMLChars(TargetMobileConfig, "password", pw); err != nil {
		return nil, err
	}
	return append(d, plistEntry{"IncomingPassword", pw}, plistEntry{"OutgoingPassword", pw}), nil
}

// errNoAppleOAuth: Apple's mail payload (com.apple.mail.managed) documents
// only EmailAuthNone, EmailAuthPassword, EmailAuthCRAMMD5, EmailAuthNTLM and
// EmailAuthHTTPMD5; OAuth keys exist only in the Exchange ActiveSync payload.
// A profile written with a password method would fail at the first login.
var errNoAppleOAuth = &FieldError{TargetMobileConfig, "incoming.auth", "is OAuth2, which Apple's mail payload for POP accounts " +
	"cannot express (it documents password, CRAM-MD5, NTLM and HTTP-MD5 only): no profile is written. On the iPhone or Mac, " +
	"add the account in Mail itself, which signs in to Outlook.com and Gmail with their own page"}

// appleAuth: the payload knows password, CRAM-MD5 and none; other SASL
// mechanisms still log in with the password.
func appleAuth(a profile.AuthMethod) string {
	if a == profile.AuthCRAMMD5 {
		return "EmailAuthCRAMMD5"
	}
	return "EmailAuthPassword"
}

// certPayloads carry each pinned certificate (com.apple.security.pkcs1, the
// DER), so the device knows exactly the certificate the user checked; its
// UUID comes from the certificate, so a new export replaces it.
func certPayloads(p profile.Profile, profileID string) [][]plistEntry {
	var out [][]plistEntry
	for _, c := range pinnedCerts(p) {
		fp := hexColons(sha256Sum(c.Raw))
		uuid := accountUUID("certificate "+fp, p.Email, p.Incoming.Host)
		out = append(out, []plistEntry{
			{"PayloadCertificateFileName", strings.ToLower(strings.ReplaceAll(fp, ":", ""))[:16] + ".cer"},
			{"PayloadContent", plistData(c.Raw)},
			{"PayloadDescription", "The server certificate trusted by its SHA-256 fingerprint " + fp + "."},
			{"PayloadDisplayName", "Certificate of " + c.Subject.CommonName},
			{"PayloadIdentifier", profileID + ".certificate." + strings.ToLower(uuid)},
			{"PayloadType", "com.apple.security.pkcs1"},
			{"PayloadUUID", uuid},
			{"PayloadVersion", 1},
		})
	}
	return out
}
