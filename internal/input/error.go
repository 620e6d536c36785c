package input

// Error is a problem with something the user asked setupwiz to read: a
// file that is missing, unreadable, too large or not a regular file, or
// text that cannot be used (a password with a NUL byte). It is an input
// error, not a failed check: nothing has been done yet.
type Error struct {
	What string // what was read, as the user named it, e.g. "--password-file ~/.mailpass"
	Err  error  // what is wrong with it
	Hint string // what to do instead; may be empty
}

func (e *Error) Error() string {
	msg := e.What + ": " + e.Err.Error()
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }
