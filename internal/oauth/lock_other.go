//go:build !unix

package oauth

import "time"

// Lock is a no-op where flock(2) does not exist.
func Lock(string, time.Duration) (func(), error) { return func() {}, nil }
