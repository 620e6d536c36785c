// Package ui is the interactive face of setupwiz: a bubbletea v2 wizard that
// walks a person from an email address to working client configuration
// (account → discovery → password, or none for OAuth2 servers → verification
// → POP options → export → done), and a plain line mode that asks the same questions as numbered
// prompts for screen readers, pipes and dumb terminals.
//
// The package draws and asks; it does no protocol work and writes no files.
// It consumes three small interfaces (Discoverer, Verifier, Exporter) that
// cmd/setupwiz wires to internal/discover, internal/verify and
// internal/exporters, and tests fill with fakes. Every slow call runs in a
// tea.Cmd, so no key press ever waits on the network; results carry an
// attempt number so the answer of an abandoned attempt is dropped.
package ui
