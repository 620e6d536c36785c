package profile

import (
	"fmt"
	"strings"
)

// SplitEmail splits a mailbox address into local part and domain, lower-casing the domain.
// It accepts the addr-spec forms people type, not the full RFC 5322 grammar.
func SplitEmail(addr string) (local, domain string, err error) {
	addr = strings.TrimSpace(addr)
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 || at == len(addr)-1 {
		return "", "", fmt.Errorf("%q is not an email address: it needs a name, an @ and a domain", addr)
	}
	local, domain = addr[:at], strings.ToLower(addr[at+1:])
	if strings.ContainsAny(local, " \t\r\n\x00<>\"") {
		return "", "", fmt.Errorf("%q is not an email address: the part before @ has a space or a character not allowed there", addr)
	}
	if msg := hostProblem(domain); msg != "" || !strings.Contains(domain, ".") {
		return "", "", fmt.Errorf("%q is not an email address: the domain %q is not valid", addr, domain)
	}
	return local, domain, nil
}

// ValidEmail reports whether SplitEmail accepts addr.
func ValidEmail(addr string) bool {
	_, _, err := SplitEmail(addr)
	return err == nil
}
