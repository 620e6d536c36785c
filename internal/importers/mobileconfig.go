package importers

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/smallstep/pkcs7"
)

// parseMobileConfig reads every com.apple.mail.managed payload of type
// EmailTypePOP from an Apple configuration profile, plain or CMS-signed.
// A signature is not checked here: import only reads settings, and repair
// verifies them live.
func parseMobileConfig(data []byte) ([]profile.Profile, error) {
	plist, err := unwrapSigned(data)
	if err != nil {
		return nil, err
	}
	top, err := parsePlist(plist)
	if err != nil {
		return nil, err
	}
	var accts []account
	content, _ := top["PayloadContent"].([]any)
	for _, item := range content {
		if d, ok := item.(plistDict); ok && isPOPPayload(d) {
			accts = append(accts, appleAccount(d))
		}
	}
	return finishAll(accts)
}

// unwrapSigned returns the XML plist, taking it out of a CMS SignedData
// (DER or BER) envelope when the file is one. github.com/smallstep/pkcs7
// reads the envelope; the signature is not checked (see parseMobileConfig).
func unwrapSigned(data []byte) ([]byte, error) {
	trimmed := bytes.TrimLeft(data, "\xef\xbb\xbf \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '<' {
		return trimmed, nil
	}
	if len(data) == 0 || data[0] != 0x30 {
		return nil, errors.New("neither an XML property list nor a signed (DER) profile")
	}
	p7, err := pkcs7.Parse(data)
	if err != nil || len(p7.Content) == 0 {
		return nil, fmt.Errorf("a DER file that is not a signed configuration profile: %v", orEmpty(err))
	}
	return p7.Content, nil
}

func orEmpty(err error) string {
	if err == nil {
		return "no content inside"
	}
	return err.Error()
}

func isPOPPayload(d plistDict) bool {
	return d["PayloadType"] == "com.apple.mail.managed" && d["EmailAccountType"] == "EmailTypePOP"
}

func (d plistDict) str(key string) string {
	s, _ := d[key].(string)
	return s
}

func (d plistDict) integer(key string) int {
	n, _ := d[key].(int64)
	if n < 0 || n > 65535 {
		return 0
	}
	return int(n)
}

func appleAccount(d plistDict) account {
	return account{
		email:       d.str("EmailAddress"),
		displayName: d.str("EmailAccountName"),
		in:          appleServer(d, "IncomingMailServer", 995),
		out:         appleServer(d, "OutgoingMailServer", 465),
	}
}

// appleServer reads one side. UseSSL does not say implicit TLS or STARTTLS;
// the well-known STARTTLS ports (110, 587, 25) are read as STARTTLS, every
// other port as implicit TLS. Repair probes the other mode if this is wrong.
func appleServer(d plistDict, prefix string, tlsPort int) profile.Server {
	s := profile.Server{
		Host:     d.str(prefix + "HostName"),
		Port:     d.integer(prefix + "PortNumber"),
		Username: d.str(prefix + "Username"),
		Security: profile.SecurityNone,
	}
	if d.str(prefix+"Authentication") == "EmailAuthCRAMMD5" {
		s.Auth = profile.AuthCRAMMD5
	}
	if ssl, _ := d[prefix+"UseSSL"].(bool); ssl {
		s.Security = profile.SecurityTLS
		if s.Port == 110 || s.Port == 587 || s.Port == 25 {
			s.Security = profile.SecuritySTARTTLS
		}
	}
	if s.Port == 0 && s.Security == profile.SecurityTLS {
		s.Port = tlsPort
	}
	return s
}
