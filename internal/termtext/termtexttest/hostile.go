package termtexttest

import "strings"

// Hostile are strings built to misbehave on a terminal: ECMA-48 C0 and C1
// controls, ESC sequences (CSI, OSC, DCS, APC), BEL, DEL, the Unicode
// bidirectional controls and separators, and bytes that are not UTF-8.
var Hostile = []string{
	"\x1b]0;pwned\x07\x1b[2J",                           // set the title, clear the screen
	"\x1b]52;c;cHduZWQ=\x07",                            // write the clipboard
	"\x1b]8;;https://evil.example\x1b\\x\x1b]8;;\x1b\\", // hyperlink
	"\x1bP+q544e\x1b\\\x1b_apc\x1b\\",                   // DCS, APC
	"\x1b[31mred\x1b[0m\x1b[1A\x1b[K",                   // colour, cursor up, erase line
	"\x1bc\x1b7\x1b8",                                   // reset, save and restore cursor
	"\u009b2J\u009d0;t\u009c\u0085",                     // C1 controls as UTF-8
	"\x9b2J\x9d0;t\x9c",                                 // C1 controls as raw bytes
	"\x00\x01\x07\x08\x0b\x0c\r\x7f",                    // NUL, BEL, BS, VT, FF, CR, DEL
	"user\u202egnp.exe\u202c",                           // right-to-left override
	"\u202a\u202b\u202d\u2066\u2067\u2068\u2069",        // embeddings and isolates
	"\u200e\u200f\u061c",                                // direction marks
	"line\u2028sep\u2029para",                           // line and paragraph separators
	"\xff\xfe\xc3\xe2\x80",                              // not UTF-8, cut sequences
	"a\nFORGED: ✓ Verified",                             // a forged line
}

// All is every hostile string at once, the worst single value.
func All() string { return strings.Join(Hostile, " ") }
