// Package setup is the one flow behind every face of setupwiz: the wizard,
// its line mode, the verify and export commands, and repair. It decides how
// a login is checked (which username forms, deadlines, pinned certificates,
// trusted authorities), adopts what the check found, plans and applies the
// exports, keeps the secret where repair finds it again, and saves the
// profile with the records of what was written.
//
// The faces ask; setup decides. None of them builds verify.Options or
// merges export records itself. setup is plain Go: it draws nothing and
// reads no flags.
package setup
