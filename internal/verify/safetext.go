package verify

import "github.com/setupwiz/setupwiz/internal/termtext"

// maxShownText bounds any server text we keep (transcript lines, ServerText, greetings).
const maxShownText = 512

// safeText turns bytes from the network into text that is safe to show in a
// terminal or JSON, cut after maxShownText bytes (see package termtext).
func safeText(b []byte) string { return termtext.Bounded(b, maxShownText) }

// safeTextString is printable for a string.
func safeTextString(s string) string { return safeText([]byte(s)) }
