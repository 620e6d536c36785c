// Package termtext makes text that came from the network or a file safe to
// show on a terminal. Every face of setupwiz (the CLI reports, line mode, the
// wizard) passes such text through it where the text is rendered; stored
// data (profiles, exported files) keeps its exact value.
//
// A terminal obeys what it is sent: ECMA-48 control functions (C0, C1, ESC
// sequences such as CSI, OSC and DCS) can set the window title, clear the
// screen or write to the clipboard, and the Unicode bidirectional controls
// (UAX #9) and line separators can make text read differently from what it
// is. termtext writes every such character as a visible escape (\x1b,
// \u202e), never silently deletes it, so a user can see that something odd
// was there. It imports only the standard library and may be used anywhere.
package termtext
