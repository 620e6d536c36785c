// Package input reads what a user hands setupwiz: files named on the
// command line (a password file, a CA bundle, a client configuration to
// import, a signing key) and lines on standard input.
//
// A named file must be a regular file. A FIFO would block the run before
// the first byte (opening one waits for a writer), a device may never end
// and a directory holds nothing to read; all are refused, before any read,
// with an *Error, which the front ends report as an input error (exit
// status 2). Reads from a stream go through Interruptible, so an interrupt
// ends them instead of leaving the run waiting for input that never comes.
package input
