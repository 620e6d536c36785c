// Package importers reads a POP3 + SMTP account out of an existing client
// configuration — a ~/.fetchmailrc, a muttrc, a Thunderbird prefs.js or
// user.js, or an Apple .mobileconfig (plain XML plist or CMS-signed DER) —
// into profile.Profile values, so setupwiz can repair accounts it did not
// create.
//
// Every parser reads untrusted text: input is size-bounded, nothing is ever
// executed (a muttrc backtick command is reported, not run), and each
// parser is fuzzed. Settings a format cannot express get setupwiz's defaults.
//
// The fetchmailrc, muttrc and prefs.js lexers are written here: no maintained
// Go library exists for these formats. The plist reader is ours too: it
// bounds nesting for untrusted files and reads only the types a mail
// payload has (howett.net/plist could take its place). A signed
// .mobileconfig is unwrapped with github.com/smallstep/pkcs7.
package importers
