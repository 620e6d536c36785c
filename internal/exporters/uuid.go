package exporters

import (
	"crypto/sha1"
	"fmt"
	"strings"
)

// setupwizNamespace is the UUID namespace of setupwiz's identifiers: the
// RFC 9562 version 5 UUID of the name "setupwiz.mobileconfig" in the DNS namespace.
func setupwizNamespace() [16]byte {
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	return uuidV5(dns, "setupwiz.mobileconfig")
}

// uuidV5 is a name-based UUID (RFC 9562 §5.5): SHA-1 of namespace||name, with version and variant bits set.
func uuidV5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

func uuidString(u [16]byte) string {
	return strings.ToUpper(fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]))
}

// accountUUID derives a stable UUID for one role ("profile", "mail") of an
// account, from the lower-cased address and incoming host, so re-installing
// the same account replaces the installed profile instead of adding another.
func accountUUID(role, email, host string) string {
	return uuidString(uuidV5(setupwizNamespace(), role+"\x00"+strings.ToLower(email)+"\x00"+strings.ToLower(host)))
}
