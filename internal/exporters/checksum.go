package exporters

import (
	"crypto/sha256"
	"encoding/hex"
)

// Checksum is the lower-case hex SHA-256 of b, as stored in ExportRecord.
func Checksum(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
