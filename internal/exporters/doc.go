// Package exporters turns one verified profile.Profile into configuration for
// mail clients: Thunderbird prefs (user.js or a merge into prefs.js) and an
// autoconfig config-v1.1.xml, a muttrc (mutt and neomutt), a .fetchmailrc
// entry, and an Apple configuration profile (.mobileconfig, optionally signed
// as CMS SignedData, RFC 5652).
//
// Every writer is pure: it writes to an io.Writer and escapes every value for
// its format, refusing (with an error that names the field) what the format
// cannot carry. Placer is the only code that touches the file system: it plans
// changes as unified diffs, keeps the user's own lines by writing inside a
// managed block, backs up what it replaces and writes atomically, 0600 when a
// file holds a secret.
//
// Placement without an output directory: ~/.fetchmailrc (always 0600) and
// the muttrc mutt reads (~/.muttrc, ~/.mutt/muttrc or ~/.config/mutt/muttrc,
// in mutt's order) get a
// "# BEGIN setupwiz <name>" … "# END setupwiz <name>" block; Thunderbird gets
// a merge into the default profile's prefs.js, refused while the profile is
// locked, because a user.js is re-applied on every start and would pin the
// account list. The account's keys are found again on repair through the
// pref mail.server.<key>.setupwiz_profile. The .mobileconfig and
// config-v1.1.xml have no per-user home and go to the working directory.
//
// Formats: Mozilla preference files, Thunderbird autoconfig v1.1, the muttrc
// syntax, the fetchmailrc grammar, Apple property lists (XML), and for mobileconfig
// identifiers UUID version 5 (RFC 9562). The signature is CMS by
// github.com/smallstep/pkcs7. The muttrc and fetchmailrc quoting and the
// prefs.js reader are written here: no maintained Go library exists for them.
// The plist writer is ours too (60 lines for one fixed layout, golden-tested
// and read back by plistlib); howett.net/plist could take its place.
package exporters
